/**
 * Fitting Gaussian mixtures to points: EM with k-means++ starts, restarts and a covariance floor
 * ({@link io.gmmflow.core.fit.GmmFitter}), its settings ({@link io.gmmflow.core.fit.FitSettings}) and
 * its result with provenance ({@link io.gmmflow.core.fit.GmmFit}).
 */
package io.gmmflow.core.fit;
