package io.gmmflow.surrogate;

import io.gmmflow.api.Gaussian;
import io.gmmflow.linalg.GaussianFactor;

/** Input checks shared by the surrogate cost, flow and diagnostics: one place for the messages. */
final class PairChecks {

    private PairChecks() {
    }

    /** Factors a pair after checking it: not null, same dimension, both covariances positive definite. */
    static GaussianFactor[] factors(Gaussian source, Gaussian target) {
        if (source == null || target == null) {
            throw new IllegalArgumentException((source == null ? "source" : "target") + " Gaussian is null");
        }
        if (source.dimension() != target.dimension()) {
            throw new IllegalArgumentException("source has dimension " + source.dimension()
                    + " but target has dimension " + target.dimension());
        }
        GaussianFactor a = GaussianFactor.of(source);
        GaussianFactor b = GaussianFactor.of(target);
        requirePositiveDefinite(a, b);
        return new GaussianFactor[] {a, b};
    }

    /** Throws unless both covariances are positive definite (a semi-definite Gaussian has no surrogate path). */
    static void requirePositiveDefinite(GaussianFactor a, GaussianFactor b) {
        if (a.dimension() != b.dimension()) {
            throw new IllegalArgumentException("source has dimension " + a.dimension()
                    + " but target has dimension " + b.dimension());
        }
        if (!a.isPositiveDefinite()) {
            throw new IllegalArgumentException("source covariance is not positive definite (it is singular): "
                    + "the surrogate path needs Sigma0 > 0");
        }
        if (!b.isPositiveDefinite()) {
            throw new IllegalArgumentException("target covariance is not positive definite (it is singular): "
                    + "the surrogate cost log(1 + lambda) is infinite there");
        }
    }

    /**
     * Throws when round-off has put a whitened eigenvalue at or below -1, i.e. the target is not
     * positive definite to working precision relative to the source (seed 000, remark after eq. 6).
     */
    static void requireAboveMinusOne(double lambdaMin) {
        if (!(lambdaMin > -1)) {
            throw new IllegalArgumentException("target covariance is not positive definite relative to the source: "
                    + "smallest eigenvalue of Sigma0^{-1/2} dS Sigma0^{-1/2} is " + lambdaMin + " (must be > -1)");
        }
    }
}
