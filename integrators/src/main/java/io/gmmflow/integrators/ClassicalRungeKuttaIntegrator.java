package io.gmmflow.integrators;

/**
 * The classical fourth-order Runge-Kutta method, {@code rk4}: c = (0, 1/2, 1/2, 1),
 * a21 = a32 = 1/2, a43 = 1, b = (1/6, 1/3, 1/3, 1/6). Four field evaluations per step, global error
 * O(h^4). Snapshots between grid points use the cubic continuous extension of Hipparchus'
 * {@code ClassicalRungeKuttaStateInterpolator}:
 * beta_1 = theta - 3/2 theta^2 + 2/3 theta^3, beta_2 = beta_3 = theta^2 - 2/3 theta^3,
 * beta_4 = -1/2 theta^2 + 2/3 theta^3, which meets the order-3 conditions for every theta (local
 * error O(h^4)), so snapshots keep the method's O(h^4) global accuracy.
 *
 * <p>Parameter {@code steps} (default 100). Cost: 4 {@code steps} evaluations of the field on the
 * batch plus about 12 n d flops per step. Stateless and thread-safe; see
 * {@link FixedStepRungeKuttaIntegrator}.
 */
public final class ClassicalRungeKuttaIntegrator extends FixedStepRungeKuttaIntegrator {

    /** The classical tableau with its cubic dense output. */
    public static final ButcherTableau TABLEAU = new ButcherTableau("rk4", 4,
            new double[] {0, 0.5, 0.5, 1},
            new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}},
            new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6},
            null,
            new double[][] {
                {1, -1.5, 2.0 / 3},
                {0, 1, -2.0 / 3},
                {0, 1, -2.0 / 3},
                {0, -0.5, 2.0 / 3}});

    /** The {@code rk4} plugin. */
    public ClassicalRungeKuttaIntegrator() {
        super("rk4", "classical Runge-Kutta, fixed steps, order 4 (parameter steps)", TABLEAU);
    }
}
