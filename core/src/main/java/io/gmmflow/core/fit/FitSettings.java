package io.gmmflow.core.fit;

import io.gmmflow.api.CovarianceType;

/**
 * Settings of an EM fit ({@link GmmFitter}), with scikit-learn's {@code GaussianMixture} defaults
 * where it has one: covariance floor {@code regCovar} = 1e-6 (its {@code reg_covar}), at most 100
 * EM iterations, tolerance 1e-3 on the change of the mean log-likelihood per point, one start
 * ({@code n_init} = 1); starts are k-means++ seeds refined by Lloyd's k-means. Immutable and
 * thread-safe (a validated record).
 *
 * @param components     K >= 1
 * @param covarianceType full, diagonal or spherical covariances
 * @param regCovar       added to every variance after each M-step (>= 0)
 * @param maxIterations  EM iterations per start (>= 1)
 * @param tolerance      stop when |mean log-likelihood change| < tolerance (> 0)
 * @param restarts       independent k-means++ starts; the best log-likelihood wins (>= 1)
 * @param seed           the random seed (the fit is reproducible for it, whatever the thread count)
 */
public record FitSettings(int components, CovarianceType covarianceType, double regCovar, int maxIterations,
                          double tolerance, int restarts, long seed) {

    /** scikit-learn's reg_covar default. */
    public static final double DEFAULT_REG_COVAR = 1e-6;
    /** scikit-learn's max_iter default. */
    public static final int DEFAULT_MAX_ITERATIONS = 100;
    /** scikit-learn's tol default. */
    public static final double DEFAULT_TOLERANCE = 1e-3;

    /** Validates every field, naming the offending one. */
    public FitSettings {
        if (components < 1) {
            throw new IllegalArgumentException("components must be >= 1, got " + components);
        }
        if (covarianceType == null) {
            throw new IllegalArgumentException("covariance type must not be null");
        }
        if (!(regCovar >= 0) || !Double.isFinite(regCovar)) {
            throw new IllegalArgumentException("regCovar must be a finite number >= 0, got " + regCovar);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a finite number > 0, got " + tolerance);
        }
        if (restarts < 1) {
            throw new IllegalArgumentException("restarts must be >= 1, got " + restarts);
        }
    }

    /** K components of the given kind with the defaults above and one start. */
    public static FitSettings of(int components, CovarianceType covarianceType, long seed) {
        return new FitSettings(components, covarianceType, DEFAULT_REG_COVAR, DEFAULT_MAX_ITERATIONS,
                DEFAULT_TOLERANCE, 1, seed);
    }

    /** A copy with {@code restarts} starts. */
    public FitSettings withRestarts(int n) {
        return new FitSettings(components, covarianceType, regCovar, maxIterations, tolerance, n, seed);
    }

    /** A copy with the covariance floor {@code reg}. */
    public FitSettings withRegCovar(double reg) {
        return new FitSettings(components, covarianceType, reg, maxIterations, tolerance, restarts, seed);
    }

    /** A copy with at most {@code n} EM iterations. */
    public FitSettings withMaxIterations(int n) {
        return new FitSettings(components, covarianceType, regCovar, n, tolerance, restarts, seed);
    }

    /** A copy with the stopping tolerance {@code tol}. */
    public FitSettings withTolerance(double tol) {
        return new FitSettings(components, covarianceType, regCovar, maxIterations, tol, restarts, seed);
    }
}
