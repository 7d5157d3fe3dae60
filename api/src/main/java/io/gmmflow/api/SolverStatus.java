package io.gmmflow.api;

/** How an iterative computation ended. Non-convergence is reported here, never hidden. */
public enum SolverStatus {
    /** The stopping rule was met (for exact solvers: an optimal solution was found). */
    CONVERGED,
    /** The iteration limit was reached first; the result is the last iterate, with its achieved error. */
    MAX_ITERATIONS,
    /** The computation broke down (non-finite values, an infeasible problem); the result is not usable. */
    FAILED
}
