package io.gmmflow.wim.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.gmmflow.api.IntegrationStatus;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.Trajectory;
import io.gmmflow.wim.ScalingLimits;
import org.junit.jupiter.api.Test;

class ExtendedPotentialFlowTest {

    private static final double[] P0 = {0.2, 0.5, 0.3};
    private static final double[] MU0 = {-1, 0, 3};

    /**
     * Fig. 4 of the seed: V = sin x, rho0 = 0.2 N(-1, .) + 0.5 N(0, .) + 0.3 N(3, .), forward Euler
     * (the euler plugin) with dt = 0.01 for 5000 steps. The first two means collapse to -pi/2, the third
     * goes to 3 pi/2. Checked for sigma^2 = 0.1 (the seed's notation N(mu, sigma^2)) and sigma = 0.1,
     * which only change K (0.87 and 2113 with the gap d = 1).
     */
    @Test
    void figure4MeansConvergeToTheMinimaOfSine() {
        for (double sigma : new double[] {Math.sqrt(0.1), 0.1}) {
            double k = Math.exp(ScalingLimits.logHomogeneousScale(sigma, 1.0));
            ExtendedPotentialFlow flow = new ExtendedPotentialFlow(3, Math::sin, Math::cos, k,
                    ExtendedPotentialFlow.Form.SEED_EQ60);
            double[] y0 = ExtendedPotentialFlow.state(P0, MU0);
            Trajectory tr = Integrators.named("euler").integrate(flow, 0, 50, y0, Parameters.of("steps", 5000));
            assertThat(tr.status()).isEqualTo(IntegrationStatus.COMPLETED);
            double[] y = tr.endPoints();
            // Euler on mu' ~ -cos(mu) contracts at rate 1: after t = 50 the error is ~e^-50
            assertThat(y[2]).isCloseTo(-Math.PI / 2, offset(1e-9));
            assertThat(y[3]).isCloseTo(-Math.PI / 2, offset(1e-9));
            assertThat(y[4]).isCloseTo(3 * Math.PI / 2, offset(1e-9));
            double[] p = ExtendedPotentialFlow.weights(y, 3);
            for (double w : p) {
                assertThat(w).isStrictlyBetween(0.0, 1.0);
            }
        }
    }

    /** The block form solves the full (2N-1) system G v = -grad V (dense Gaussian elimination here). */
    @Test
    void blockFormSolvesTheTheorem6System() {
        int n = 4;
        double[] p = {0.1, 0.4, 0.3, 0.2};
        double[] mu = {-1, 0.2, 1.5, 2.5};
        double k = 50.0;
        ExtendedPotentialFlow flow = new ExtendedPotentialFlow(n, Math::sin, Math::cos, k,
                ExtendedPotentialFlow.Form.BLOCK_INVERSE);
        double[] v = flow.velocity(0, ExtendedPotentialFlow.state(p, mu));
        int dim = 2 * n - 1;
        double[][] g = new double[dim][dim + 1];
        for (int i = 0; i < n - 1; i++) {
            g[i][i] = k / Math.sqrt(p[i] * p[i + 1]);
            double half = 0.5 * (mu[i + 1] - mu[i]);
            g[i][n - 1 + i] = half;
            g[i][n + i] = half;
            g[n - 1 + i][i] = half;
            g[n + i][i] = half;
            g[i][dim] = -(Math.sin(mu[i + 1]) - Math.sin(mu[i]));
        }
        for (int j = 0; j < n; j++) {
            g[n - 1 + j][n - 1 + j] = p[j];
            g[n - 1 + j][dim] = -p[j] * Math.cos(mu[j]);
        }
        double[] x = gauss(g);
        for (int i = 0; i < dim; i++) {
            assertThat(v[i]).isCloseTo(x[i], offset(1e-13));
        }
    }

    /**
     * Eq. 60 against the exact block inverse: theta' agrees to O(1/K^2); mu' differs at O(1/K) by exactly
     * the term eq. 60 drops, -(1/K) diag(p)^-1 B^T diag(sqrt(p_i p_{i+1})) B (V'(mu_j))_j.
     */
    @Test
    void equation60IsTheFirstOrderExpansionExceptOneTerm() {
        int n = 3;
        double[] mu = {-1, 0, 3};
        double[] y = ExtendedPotentialFlow.state(P0, mu);
        for (double k : new double[] {1e3, 1e4}) {
            double[] seed = new ExtendedPotentialFlow(n, Math::sin, Math::cos, k, ExtendedPotentialFlow.Form.SEED_EQ60).velocity(0, y);
            double[] exact = new ExtendedPotentialFlow(n, Math::sin, Math::cos, k, ExtendedPotentialFlow.Form.BLOCK_INVERSE).velocity(0, y);
            for (int i = 0; i < n - 1; i++) {
                assertThat(Math.abs(seed[i] - exact[i])).isLessThan(100 / (k * k));
            }
            // the dropped term: (B^T D B v')_j / p_j with D = diag(sqrt(p_i p_{i+1})) / K, v'_j = V'(mu_j)
            double[] half = {0.5 * (mu[1] - mu[0]), 0.5 * (mu[2] - mu[1])};
            double[] dcoef = {Math.sqrt(P0[0] * P0[1]) / k, Math.sqrt(P0[1] * P0[2]) / k};
            double[] bv = new double[2];
            for (int i = 0; i < 2; i++) {
                bv[i] = half[i] * (Math.cos(mu[i]) + Math.cos(mu[i + 1]));
            }
            for (int j = 0; j < n; j++) {
                double t = 0;
                if (j < 2) {
                    t += half[j] * dcoef[j] * bv[j];
                }
                if (j > 0) {
                    t += half[j - 1] * dcoef[j - 1] * bv[j - 1];
                }
                double dropped = -t / P0[j];
                assertThat(exact[n - 1 + j] - seed[n - 1 + j]).isCloseTo(dropped, offset(50 / (k * k)));
            }
        }
    }

    private static double[] gauss(double[][] a) {
        int n = a.length;
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= n; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
