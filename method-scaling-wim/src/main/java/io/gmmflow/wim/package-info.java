/**
 * Seed 004 (Li and Zhao, "Scaling limits of the Wasserstein information matrix on Gaussian mixture
 * models"): the Fisher and Wasserstein information matrices of 1-D GMMs with fixed components in theta
 * coordinates (eq. 2-3; {@link io.gmmflow.wim.InformationMatrixQuadrature}, accurate as sigma -> 0 by
 * working in the log domain), their scaling limits (Theorems 2-7; {@link io.gmmflow.wim.ScalingLimits}),
 * and the special functions and quadrature rules they need ({@link io.gmmflow.linalg.ErrorFunctions} in core-linalg,
 * {@link io.gmmflow.wim.LogQuadrature}). The gradient flows are in {@code io.gmmflow.wim.flow}.
 */
package io.gmmflow.wim;

import io.gmmflow.linalg.ErrorFunctions;
