package io.gmmflow.api;

/**
 * Couples source weights a and target weights b through a cost matrix C: a plan pi >= 0 with
 * pi 1 = a and pi^T 1 = b (balanced solvers) minimizing <pi, C> (+ a regularizer).
 *
 * <p>Implementations: {@code sinkhorn} (entropic, log domain, seed 000 eq. 7), {@code unbalanced}
 * (KL-relaxed marginals), {@code emd} (exact network simplex, seed 002 eq. 9). Common parameter
 * names: {@code epsilon}, {@code maxIterations}, {@code tolerance}.
 *
 * <p>Non-convergence is a {@link SolverStatus} in the result with the achieved marginal error,
 * never an exception. Bad input (negative or NaN weights or costs, a cost matrix of the wrong
 * shape, unequal masses for a balanced solver, epsilon <= 0) throws an
 * {@link IllegalArgumentException} naming it. Stateless and thread-safe.
 */
public interface CouplingSolver extends Plugin {

    /**
     * Solves the coupling problem.
     *
     * @param a          source weights, length K0, non-negative
     * @param b          target weights, length K1, non-negative
     * @param cost       K0 x K1 cost matrix, finite
     * @param parameters solver parameters (defaults from {@link #defaults()} fill the rest)
     */
    Coupling solve(double[] a, double[] b, double[][] cost, Parameters parameters);

    /**
     * Solves starting from the potentials of an earlier result (for example at a larger epsilon or
     * on a nearby problem). Solvers without a warm start ignore it.
     */
    default Coupling solve(double[] a, double[] b, double[][] cost, Parameters parameters, Coupling warmStart) {
        return solve(a, b, cost, parameters);
    }
}
