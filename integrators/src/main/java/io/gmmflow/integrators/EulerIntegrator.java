package io.gmmflow.integrators;

/**
 * The explicit Euler method, {@code euler}: y_{i+1} = y_i + h u(t_i, y_i). First order (global
 * error O(h)), one field evaluation per step; snapshots between grid points are linear
 * interpolations (beta_1(theta) = theta, also first order).
 *
 * <p>Parameter {@code steps} (default 100). Cost: {@code steps} evaluations of the field on the
 * batch plus 2 n d flops per step. Stateless and thread-safe; see
 * {@link FixedStepRungeKuttaIntegrator} for batching, recording and status.
 */
public final class EulerIntegrator extends FixedStepRungeKuttaIntegrator {

    /** Tableau: c = (0), b = (1). */
    public static final ButcherTableau TABLEAU = new ButcherTableau("euler", 1,
            new double[] {0},
            new double[][] {{}},
            new double[] {1},
            null,
            new double[][] {{1}});

    /** The {@code euler} plugin. */
    public EulerIntegrator() {
        super("euler", "explicit Euler, fixed steps, order 1 (parameter steps)", TABLEAU);
    }
}
