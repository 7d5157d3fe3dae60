package io.gmmflow.integrators;

/**
 * The Dormand-Prince 5(4) pair with adaptive steps, {@code dopri5}: 7 stages, FSAL (6 new field
 * evaluations per step attempt), fifth-order solution, fourth-order embedded error estimate and
 * the fourth-order continuous extension of Hairer's DOPRI5 code. Coefficients from Dormand and
 * Prince (1980) as printed in Hairer, Norsett and Wanner, <i>Solving ODEs I</i>, Table II.5.2, and
 * the dense output of its Section II.6 / the DOPRI5 code:
 * <pre>
 *   y(t + theta h) = y + theta (dy + (1 - theta) (h k1 - dy + theta ((2 dy - h k1 - h k7) + (1 - theta) h sum_j d_j k_j)))
 * </pre>
 * with dy = y_new - y, rewritten here as per-stage polynomials beta_j(theta) of degree 4 so the
 * generic machinery of {@link EmbeddedRungeKuttaIntegrator} serves it.
 *
 * <p>Parameters {@code rtol}, {@code atol}, {@code maxSteps}, {@code initialStep}, {@code maxNorm};
 * see {@link EmbeddedRungeKuttaIntegrator} for step control, batching, statuses and costs.
 * Stateless and thread-safe.
 */
public final class DormandPrince54Integrator extends EmbeddedRungeKuttaIntegrator {

    private static final double[] C = {0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1};

    private static final double[][] A = {
        {},
        {1.0 / 5},
        {3.0 / 40, 9.0 / 40},
        {44.0 / 45, -56.0 / 15, 32.0 / 9},
        {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
        {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
        {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84},
    };

    private static final double[] B = {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0};

    /** b - b_hat (Hairer's E1..E7). */
    private static final double[] E = {
        71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40};

    /** Hairer's dense-output coefficients D1..D7 (D2 = 0). */
    private static final double[] D = {
        -12715105075.0 / 11282082432.0, 0, 87487479700.0 / 32700410799.0, -10690763975.0 / 1880347072.0,
        701980252875.0 / 199316789632.0, -1453857185.0 / 822651844.0, 69997945.0 / 29380423.0};

    /** The Dormand-Prince 5(4) tableau with its dense output. */
    public static final ButcherTableau TABLEAU = new ButcherTableau("dopri5", 5, C, A, B, E, dense());

    /** The {@code dopri5} plugin. */
    public DormandPrince54Integrator() {
        super("dopri5", "Dormand-Prince 5(4), adaptive steps, dense output (parameters rtol, atol, maxSteps)", TABLEAU);
    }

    /**
     * Expands the DOPRI5 interpolant into beta_j(theta) = sum_m p_jm theta^m. With u_j = [j = 1] - b_j,
     * v_j = 2 b_j - [j = 1] - [j = 7] and w_j = d_j the interpolant is
     * theta b_j + theta(1 - theta) u_j + theta^2 (1 - theta) v_j + theta^2 (1 - theta)^2 w_j, so
     * p_j1 = b_j + u_j, p_j2 = -u_j + v_j + w_j, p_j3 = -v_j - 2 w_j, p_j4 = w_j.
     */
    private static double[][] dense() {
        double[][] p = new double[7][];
        for (int j = 0; j < 7; j++) {
            double u = (j == 0 ? 1 : 0) - B[j];
            double v = 2 * B[j] - (j == 0 ? 1 : 0) - (j == 6 ? 1 : 0);
            double w = D[j];
            p[j] = new double[] {B[j] + u, -u + v + w, -v - 2 * w, w};
        }
        return p;
    }
}
