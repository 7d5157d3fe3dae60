package io.gmmflow.exact;

import io.gmmflow.api.ComponentFlow;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianPath;
import io.gmmflow.api.Parameters;

/**
 * Component flow {@code geodesic}: the exact Bures-Wasserstein geodesic between a source and a
 * target Gaussian with the affine velocity field that carries it (seed 000 Method B, eq. 26-28),
 * whose kinetic action is W2^2 (Theorem 3). See {@link GeodesicPath} for the formulas and costs:
 * about 20 d^3 flops to build a path (two symmetric eigendecompositions), then O(d^2) per point at
 * any t (O(d) for diagonal pairs).
 *
 * <p>Reads no parameters. Both covariances must be positive definite; the dimensions must agree.
 * Stateless and thread-safe.
 */
public final class GeodesicFlow implements ComponentFlow {

    /** The registry name. */
    public static final String NAME = "geodesic";

    /** Public no-argument constructor for ServiceLoader and Guice. */
    public GeodesicFlow() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Bures-Wasserstein geodesic between Gaussians with its affine field (seed 000 Method B, eq. 26-28)";
    }

    @Override
    public GaussianPath path(Gaussian source, Gaussian target, Parameters parameters) {
        return geodesic(source, target);
    }

    /**
     * The path with its concrete type, which adds the map M, T(x) and Sigma(t).
     *
     * @throws IllegalArgumentException if the dimensions differ or a covariance is not positive definite
     */
    public static GeodesicPath geodesic(Gaussian source, Gaussian target) {
        return new GeodesicPath(source, target);
    }
}
