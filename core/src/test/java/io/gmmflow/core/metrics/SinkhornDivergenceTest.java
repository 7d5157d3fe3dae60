package io.gmmflow.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gmmflow.api.SolverStatus;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SinkhornDivergenceTest {

    @Test
    void translatedCloudHasDivergenceEqualToTheSquaredShift() {
        // c(x, y + v) = |x - y|^2 - 2<x, v> + 2<y, v> + |v|^2: the separable terms only shift the
        // potentials, so OT_eps(X, X + v) = OT_eps(X, X) + |v|^2 and D_eps(X, X + v) = |v|^2 exactly.
        SplittableRandom rng = new SplittableRandom(1);
        double[][] x = MmdTest.normal(300, 2, 0, rng);
        double[] v = {0.7, -0.4};
        double[][] y = new double[x.length][];
        for (int p = 0; p < x.length; p++) {
            y[p] = new double[] {x[p][0] + v[0], x[p][1] + v[1]};
        }
        for (double eps : new double[] {0.5, 1.0}) {
            SinkhornDivergence.Result r = SinkhornDivergence.compute(x, y, eps, 5000, 1e-9, true);
            assertThat(r.status()).isEqualTo(SolverStatus.CONVERGED);
            // the stopping rule (marginal error 1e-9) bounds the value error by ~ tol * max cost
            assertThat(r.divergence()).isCloseTo(0.65, within(1e-6));
            SinkhornDivergence.Result self = SinkhornDivergence.compute(x, x, eps, 5000, 1e-9, true);
            assertThat(self.divergence()).isCloseTo(0, within(1e-6));
        }
    }

    @Test
    void onlineSolverAgreesWithADenseMatrixSinkhorn() {
        SplittableRandom rng = new SplittableRandom(2);
        double[][] x = MmdTest.normal(60, 3, 0, rng);
        double[][] y = MmdTest.normal(45, 3, 1, rng);
        double eps = 0.3;
        double[] online = SinkhornDivergence.transport(x, y, eps, 10000, 1e-12);
        assertThat(online[3]).isEqualTo(1);
        // dense reference: the cost matrix stored, plain log-domain updates, value <f, a> + <g, b>
        int n = x.length;
        int m = y.length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += (x[i][k] - y[j][k]) * (x[i][k] - y[j][k]);
                }
                c[i][j] = s;
            }
        }
        double[] f = new double[n];
        double[] g = new double[m];
        for (int it = 0; it < 5000; it++) {
            for (int i = 0; i < n; i++) {
                double[] t = new double[m];
                for (int j = 0; j < m; j++) {
                    t[j] = (g[j] - c[i][j]) / eps - Math.log(m);
                }
                f[i] = -eps * lse(t);
            }
            for (int j = 0; j < m; j++) {
                double[] t = new double[n];
                for (int i = 0; i < n; i++) {
                    t[i] = (f[i] - c[i][j]) / eps - Math.log(n);
                }
                g[j] = -eps * lse(t);
            }
        }
        double value = 0;
        for (double v : f) {
            value += v / n;
        }
        for (double v : g) {
            value += v / m;
        }
        assertThat(online[0]).isCloseTo(value, within(1e-9));
    }

    private static double lse(double[] t) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : t) {
            max = Math.max(max, v);
        }
        double s = 0;
        for (double v : t) {
            s += Math.exp(v - max);
        }
        return max + Math.log(s);
    }

    @Test
    void divergenceIsPositiveBetweenDifferentCloudsAndNonConvergenceIsAStatus() {
        SplittableRandom rng = new SplittableRandom(3);
        double[][] x = MmdTest.normal(200, 2, 0, rng);
        double[][] y = MmdTest.normal(150, 2, 0.5, rng);
        SinkhornDivergence.Result r = SinkhornDivergence.compute(x, y, 0.1);
        assertThat(r.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(r.divergence()).isPositive();
        assertThat(r.marginalError()).isLessThanOrEqualTo(SinkhornDivergence.DEFAULT_TOLERANCE);
        SinkhornDivergence.Result capped = SinkhornDivergence.compute(x, y, 0.01, 1, 1e-12, false);
        assertThat(capped.status()).isEqualTo(SolverStatus.MAX_ITERATIONS);
        assertThat(capped.marginalError()).isGreaterThan(1e-12);
    }

    @Test
    void badInputIsRejected() {
        double[][] x = {{0, 0}, {1, 1}};
        for (double bad : new double[] {0, -1, Double.NaN}) {
            assertThatThrownBy(() -> SinkhornDivergence.compute(x, x, bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epsilon");
        }
        assertThatThrownBy(() -> SinkhornDivergence.compute(x, new double[][] {{0}}, 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 2");
        assertThatThrownBy(() -> SinkhornDivergence.compute(new double[0][], x, 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no points");
    }
}
