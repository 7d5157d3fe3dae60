package io.gmmflow.integrators;

/**
 * Heun's method (the explicit trapezoidal rule), {@code heun}:
 * k1 = u(t, y), k2 = u(t + h, y + h k1), y_new = y + h (k1 + k2) / 2. Second order, two field
 * evaluations per step. Snapshots between grid points use the quadratic continuous extension
 * beta_1 = theta - theta^2/2, beta_2 = theta^2/2, which satisfies the order-2 conditions
 * (sum beta = theta, sum beta_j c_j = theta^2/2) for every theta, so snapshots are second order too.
 *
 * <p>Parameter {@code steps} (default 100). Cost: 2 {@code steps} evaluations of the field on the
 * batch. Stateless and thread-safe; see {@link FixedStepRungeKuttaIntegrator}.
 */
public final class HeunIntegrator extends FixedStepRungeKuttaIntegrator {

    /** Tableau: c = (0, 1), a21 = 1, b = (1/2, 1/2). */
    public static final ButcherTableau TABLEAU = new ButcherTableau("heun", 2,
            new double[] {0, 1},
            new double[][] {{}, {1}},
            new double[] {0.5, 0.5},
            null,
            new double[][] {{1, -0.5}, {0, 0.5}});

    /** The {@code heun} plugin. */
    public HeunIntegrator() {
        super("heun", "Heun (explicit trapezoid), fixed steps, order 2 (parameter steps)", TABLEAU);
    }
}
