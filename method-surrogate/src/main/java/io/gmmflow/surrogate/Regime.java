package io.gmmflow.surrogate;

/**
 * The regimes of the seed 000 regime map (Sections VII-A and VIII) that {@link RegimeMap} tells apart,
 * each with the method it advises. Thread-safe (an enum).
 */
public enum Regime {
    /** rho_hat < 1, commuting, and Theorem 2's cubic bound is below the tolerance: surrogate, guaranteed. */
    CERTIFIED_LOCAL("surrogate"),
    /** Commuting (Section VII-A regime 1) with every whitened eigenvalue inside the accurate interval: surrogate, guaranteed. */
    COMMUTING("surrogate"),
    /** Moderately non-commuting, moderately conditioned, eigenvalues inside the interval (regime 2): surrogate, heuristic. */
    MODERATELY_NON_COMMUTING("surrogate"),
    /** The target nearly singular in the source's whitened frame (lambda_min near -1): exact. */
    NEAR_BOUNDARY("exact"),
    /** A large covariance increase in the whitened frame (lambda_max large): exact. */
    NONLOCAL("exact"),
    /** Strongly non-commuting covariances (comm above its threshold): exact. */
    STRONGLY_NON_COMMUTING("exact"),
    /** Ill-conditioned for its non-commutativity (kappa * comm above its threshold): exact. */
    ILL_CONDITIONED("exact");

    private final String method;

    Regime(String method) {
        this.method = method;
    }

    /** The advised transport method: {@code "surrogate"} or {@code "exact"}. */
    public String method() {
        return method;
    }
}
