package io.gmmflow.core.fit;

import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.SolverStatus;

/**
 * The result of an EM fit, with its provenance (the settings and seed that produced it). Immutable
 * and thread-safe (the array is copied in and out).
 *
 * @param mixture        the fitted mixture (the parameters whose log-likelihood is the last entry of
 *                       {@code logLikelihoods})
 * @param logLikelihoods total log-likelihood sum_p log rho(x_p) after the start and after each EM
 *                       iteration of the winning start (non-decreasing up to round-off and the
 *                       covariance floor)
 * @param iterations     EM iterations (M-steps) of the winning start
 * @param status         CONVERGED (mean log-likelihood change below the tolerance), MAX_ITERATIONS,
 *                       or FAILED (a covariance stopped being positive definite; only when every
 *                       start failed, with the last valid parameters)
 * @param restart        index of the winning start
 * @param points         number of points fitted
 * @param settings       the settings used, seed included
 */
public record GmmFit(GaussianMixture mixture, double[] logLikelihoods, int iterations, SolverStatus status, int restart,
                     int points, FitSettings settings) {

    /** Copies the array in. */
    public GmmFit {
        logLikelihoods = logLikelihoods.clone();
    }

    @Override
    public double[] logLikelihoods() {
        return logLikelihoods.clone();
    }

    /** The final total log-likelihood. */
    public double logLikelihood() {
        return logLikelihoods[logLikelihoods.length - 1];
    }

    /** The final mean log-likelihood per point (scikit-learn's {@code score}). */
    public double meanLogLikelihood() {
        return logLikelihood() / points;
    }

    /** The seed used. */
    public long seed() {
        return settings.seed();
    }
}
