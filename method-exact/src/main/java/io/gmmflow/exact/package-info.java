/**
 * Seed 000 Method B and the Gaussian geometry under seed 002: the squared Bures-Wasserstein cost
 * ({@link io.gmmflow.exact.BuresWassersteinCost}, plugin {@code exact}), the optimal map, geodesic
 * and velocity field between two Gaussians ({@link io.gmmflow.exact.GeodesicFlow}, plugin
 * {@code geodesic}; {@link io.gmmflow.exact.GeodesicPath}), the displacement interpolation of
 * semi-definite Gaussians ({@link io.gmmflow.exact.BuresInterpolation}), and the transport-method
 * bundles {@code exact} (W2 + Sinkhorn + geodesic) and {@code gmm-ot} (W2 + emd + geodesic).
 * Registered with ServiceLoader and through {@link io.gmmflow.exact.ExactModule} for Guice.
 *
 * <p>Everything follows DESIGN.md section 2: one factorization per component, eigenvalues only
 * where they suffice, one eigendecomposition of the map per pair for the field at every t, fast
 * paths for d = 1 and diagonal covariances. Seed 002's mixture metric, geodesic, maps and
 * barycenters are in {@link io.gmmflow.exact.mixture}.
 */
package io.gmmflow.exact;
