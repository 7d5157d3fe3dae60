package io.gmmflow.api;

/**
 * Builds the Gaussian path and affine velocity field between one source and one target component.
 *
 * <p>Implementations: {@code linear} (seed 000 Method A: linear interpolation of means and
 * covariances, Lemma 1 field, eq. 2-5) and {@code geodesic} (Method B: the Bures-Wasserstein
 * geodesic, eq. 26-28). Stateless and thread-safe; each returned {@link GaussianPath} is immutable.
 */
public interface ComponentFlow extends Plugin {

    /**
     * The path from {@code source} (t = 0) to {@code target} (t = 1).
     *
     * @throws IllegalArgumentException if the dimensions differ or a covariance is not positive definite
     */
    GaussianPath path(Gaussian source, Gaussian target, Parameters parameters);

    /** The path with default parameters. */
    default GaussianPath path(Gaussian source, Gaussian target) {
        return path(source, target, Parameters.empty());
    }
}
