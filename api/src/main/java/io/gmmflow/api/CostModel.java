package io.gmmflow.api;

/**
 * A transport cost between two Gaussian components, and the K0 x K1 matrix of costs between the
 * components of two mixtures.
 *
 * <p>Implementations: {@code surrogate} (seed 000 eq. 6), {@code exact} (squared Bures-Wasserstein
 * distance, seed 000 eq. 10 and seed 002 eq. 8), {@code entropic} (seed 003, DESIGN.md 5a).
 * The default {@link #matrix} evaluates pairs one by one; implementations override it to factor
 * each component once and to run pairs in parallel.
 *
 * <p>Stateless and thread-safe.
 */
public interface CostModel extends Plugin {

    /**
     * The cost between one source and one target component.
     *
     * @throws IllegalArgumentException if the dimensions differ or a covariance the cost needs to be
     *     positive definite is not
     */
    double cost(Gaussian source, Gaussian target, Parameters parameters);

    /** The cost with default parameters. */
    default double cost(Gaussian source, Gaussian target) {
        return cost(source, target, Parameters.empty());
    }

    /**
     * C[i][j] = cost(source component i, target component j) for all pairs.
     *
     * @throws IllegalArgumentException if the mixtures differ in dimension, or naming the pair
     *     (i, j) whose cost could not be computed
     */
    default double[][] matrix(GaussianMixture source, GaussianMixture target, Parameters parameters) {
        checkDimensions(source, target);
        double[][] c = new double[source.size()][target.size()];
        for (int i = 0; i < source.size(); i++) {
            for (int j = 0; j < target.size(); j++) {
                try {
                    c[i][j] = cost(source.component(i), target.component(j), parameters);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("pair (" + i + ", " + j + "): " + e.getMessage(), e);
                }
            }
        }
        return c;
    }

    /** The cost matrix with default parameters. */
    default double[][] matrix(GaussianMixture source, GaussianMixture target) {
        return matrix(source, target, Parameters.empty());
    }

    /** Throws an {@link IllegalArgumentException} when the two mixtures live in different dimensions. */
    static void checkDimensions(GaussianMixture source, GaussianMixture target) {
        if (source == null || target == null) {
            throw new IllegalArgumentException("source and target mixtures must not be null");
        }
        if (source.dimension() != target.dimension()) {
            throw new IllegalArgumentException("source has dimension " + source.dimension()
                    + " but target has dimension " + target.dimension());
        }
    }
}
