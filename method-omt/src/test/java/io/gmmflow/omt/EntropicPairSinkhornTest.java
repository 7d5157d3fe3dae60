package io.gmmflow.omt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gmmflow.api.Coupling;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.SolverStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The closed-form pair plan against an independent discrete computation: log-domain Sinkhorn
 * between fine grid discretizations of the two Gaussians, with the same objective
 * sum pi |x - y|^2 + eps1 KL(pi || a x b). A Gaussian on a uniform grid (in its whitening
 * coordinates) keeps its moments up to exp(-2 pi^2 s^2 / h^2) (Poisson summation), and KL and the
 * cross-covariance are Riemann sums of smooth integrands, so the grid error is far below the stated
 * tolerances as long as the spacing h resolves the conditional spread sqrt(eps1/2 K).
 */
class EntropicPairSinkhornTest {

    /** Grid points a + L t, t on a product grid over [-r, r]^d with m points per axis, weights ~ exp(-|t|^2/2). */
    static double[][] grid(Gaussian g, int m, double r, double[] weightsOut) {
        int d = g.dimension();
        double[] l = g.choleskyFactor();
        int n = (int) Math.pow(m, d);
        double[][] x = new double[n][d];
        double total = 0;
        for (int p = 0; p < n; p++) {
            double[] t = new double[d];
            int rem = p;
            double q = 0;
            for (int k = 0; k < d; k++) {
                t[k] = -r + 2 * r * (rem % m) / (m - 1);
                rem /= m;
                q += t[k] * t[k];
            }
            for (int i = 0; i < d; i++) {
                double s = g.mean(i);
                for (int k = 0; k <= i; k++) {
                    s += l[i * d + k] * t[k];
                }
                x[p][i] = s;
            }
            weightsOut[p] = Math.exp(-0.5 * q);
            total += weightsOut[p];
        }
        for (int p = 0; p < n; p++) {
            weightsOut[p] /= total;
        }
        return x;
    }

    record Discrete(double transport, double kl, double[] cross) {
    }

    static Discrete solveDiscrete(Gaussian p, Gaussian q, double eps, int m, double r) {
        int d = p.dimension();
        int n = (int) Math.pow(m, d);
        double[] a = new double[n];
        double[] b = new double[n];
        double[][] x = grid(p, m, r, a);
        double[][] y = grid(q, m, r, b);
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double t = x[i][k] - y[j][k];
                    s += t * t;
                }
                c[i][j] = s;
            }
        }
        Coupling cp = new TestSolvers.LogSinkhorn().solve(a, b, c,
                Parameters.of("epsilon", eps, "maxIterations", 20000, "tolerance", 1e-12));
        assertThat(cp.status()).isEqualTo(SolverStatus.CONVERGED);
        double[] mx = new double[d];
        double[] my = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                mx[k] += a[i] * x[i][k];
                my[k] += b[i] * y[i][k];
            }
        }
        double transport = 0;
        double kl = 0;
        double[] cross = new double[d * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double w = cp.plan(i, j);
                if (w == 0) {
                    continue;
                }
                transport += w * c[i][j];
                kl += w * Math.log(w / (a[i] * b[j]));
                for (int r1 = 0; r1 < d; r1++) {
                    for (int r2 = 0; r2 < d; r2++) {
                        cross[r1 * d + r2] += w * (x[i][r1] - mx[r1]) * (y[j][r2] - my[r2]);
                    }
                }
            }
        }
        return new Discrete(transport, kl, cross);
    }

    @ParameterizedTest(name = "eps1={0}")
    @ValueSource(doubles = {0.1, 1.0})
    void oneDimensionalFineGridSinkhornAgreesWithTheClosedForm(double eps) {
        Gaussian p = Gaussian.of(new double[] {0.3}, new double[][] {{1.0}});
        Gaussian q = Gaussian.of(new double[] {-0.5}, new double[][] {{2.25}});
        // 301 points over +-8 sd: spacing 0.053 sd, against a conditional spread >= 0.27 sd (eps = 0.1)
        Discrete disc = solveDiscrete(p, q, eps, 301, 8);
        EntropicPairPlan plan = EntropicGaussianPair.plan(p, q, eps);
        EntropicGaussianPair.Objective o = plan.objective();
        // Measured agreement: 2e-12 (transport), 3e-14 (KL), 1e-13 (C). The tolerance 1e-9 leaves
        // room for the Sinkhorn stopping rule (marginal error 1e-12) and summation order.
        assertThat(disc.transport()).isCloseTo(o.transport(), within(1e-9 * o.transport()));
        assertThat(disc.kl()).isCloseTo(o.kl(), within(1e-9 * (1 + o.kl())));
        assertThat(disc.cross()[0]).isCloseTo(plan.crossCovariance()[0], within(1e-9));
        assertThat(disc.transport() + eps * disc.kl()).isCloseTo(o.objective(), within(1e-9 * o.objective()));
    }

    @Test
    void twoDimensionalGridSinkhornAgreesWithTheFullMatrixRoute() {
        Gaussian p = Gaussian.of(new double[] {0.2, -0.4}, new double[][] {{1.0, 0.5}, {0.5, 0.8}});
        Gaussian q = Gaussian.of(new double[] {1.0, 0.7}, new double[][] {{2.0, -0.6}, {-0.6, 0.7}});
        double eps = 1.0;
        // 23 x 23 grid over +-6 (whitened): spacing 0.55 against a conditional spread of ~0.5 in the
        // whitened target coordinates; Poisson error exp(-2 pi^2 (0.5/0.55)^2) ~ 1e-7.
        Discrete disc = solveDiscrete(p, q, eps, 23, 6);
        EntropicPairPlan plan = EntropicGaussianPair.plan(p, q, eps);
        EntropicGaussianPair.Objective o = plan.objective();
        // Measured agreement ~1e-8 (the grid's Poisson error); tolerance 1e-6.
        assertThat(disc.transport()).isCloseTo(o.transport(), within(1e-6 * o.transport()));
        assertThat(disc.kl()).isCloseTo(o.kl(), within(1e-6 * (1 + o.kl())));
        double[] c = plan.crossCovariance();
        for (int k = 0; k < 4; k++) {
            assertThat(disc.cross()[k]).isCloseTo(c[k], within(1e-6));
        }
    }
}
