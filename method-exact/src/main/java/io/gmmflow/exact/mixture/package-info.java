/**
 * Seed 002 (Chen, Georgiou, Tannenbaum, "Optimal transport for Gaussian mixture models") and POT's
 * {@code ot.gmm} / {@code ot.gaussian}: the mixture metric d with its exact coupling
 * ({@link io.gmmflow.exact.mixture.MixtureMetric}, eq. 9-10), its geodesic as a mixture
 * ({@link io.gmmflow.exact.mixture.MixtureGeodesic}, eq. 11-12), the barycentric and random GMM-OT
 * maps and the plan density ({@link io.gmmflow.exact.mixture.GmmOtMap}), the Gaussian barycenter
 * by the fixed point of eq. 16 ({@link io.gmmflow.exact.mixture.GaussianBarycenter}), the mixture
 * barycenter by the LP of eq. 19-20 ({@link io.gmmflow.exact.mixture.MixtureBarycenter}) and by POT's
 * free-support fixed point ({@link io.gmmflow.exact.mixture.MixtureBarycenterFixedPoint}), and the
 * exact W2 between one-dimensional mixtures by quantile functions
 * ({@link io.gmmflow.exact.mixture.MixtureQuantiles}, for Fig. 1).
 *
 * <p>The coupling solver is a constructor argument (this plugin module cannot depend on the
 * solvers module): {@code core} and the CLI pass the {@code emd} plugin by name.
 */
package io.gmmflow.exact.mixture;
