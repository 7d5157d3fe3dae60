package io.gmmflow.surrogate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianPath;
import io.gmmflow.linalg.CholeskyFactor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearFlowTest {

    private final LinearFlow flow = new LinearFlow();

    /**
     * The closed-form field against Lemma 1 evaluated directly, v = dmu + 1/2 dS Sigma(t)^{-1} (x - m(t))
     * with Sigma(t) = (1-t) Sigma0 + t Sigma1 solved by Cholesky, and the log-density against
     * {@code Gaussian.logDensity} of at(t), d = 1..30, condition numbers up to 1e3: 1e-10 relative
     * (backward-stable routes; the solves lose up to kappa * eps ~ 1e-13).
     */
    @Test
    void fieldAndDensityMatchLemmaOneEvaluatedDirectly() {
        SplittableRandom rng = new SplittableRandom(61);
        for (int d = 1; d <= 30; d++) {
            Gaussian a = TestPairs.randomFull(d, 1e3, rng);
            Gaussian b = TestPairs.randomFull(d, 1e3, rng);
            GaussianPath path = flow.path(a, b);
            double[] s0 = a.covarianceRowMajor();
            double[] s1 = b.covarianceRowMajor();
            for (double t : new double[] {0, 0.25, 0.5, 0.9, 1}) {
                double[] sig = new double[d * d];
                for (int i = 0; i < d * d; i++) {
                    sig[i] = (1 - t) * s0[i] + t * s1[i];
                }
                CholeskyFactor c = CholeskyFactor.of(sig, d, "Sigma(t)");
                double[] m = new double[d];
                for (int i = 0; i < d; i++) {
                    m[i] = (1 - t) * a.mean(i) + t * b.mean(i);
                }
                Gaussian at = path.at(t);
                for (int rep = 0; rep < 3; rep++) {
                    double[] x = at.sample(1, rng.split())[0];
                    double[] r = new double[d];
                    for (int i = 0; i < d; i++) {
                        r[i] = x[i] - m[i];
                    }
                    double[] z = c.solve(r);
                    double[] expected = new double[d];
                    double scale = 1;
                    for (int i = 0; i < d; i++) {
                        double s = 0;
                        for (int j = 0; j < d; j++) {
                            s += (s1[i * d + j] - s0[i * d + j]) * z[j];
                        }
                        expected[i] = b.mean(i) - a.mean(i) + 0.5 * s;
                        scale = Math.max(scale, Math.abs(expected[i]));
                    }
                    double[] logDensity = new double[1];
                    double[] v = new double[d];
                    path.evaluate(t, x, 0, 1, logDensity, v);
                    for (int i = 0; i < d; i++) {
                        assertThat(Math.abs(v[i] - expected[i])).as("d = %d, t = %s", d, t)
                                .isLessThanOrEqualTo(1e-10 * scale);
                    }
                    double ld = at.logDensity(x);
                    assertThat(Math.abs(logDensity[0] - ld)).isLessThanOrEqualTo(1e-10 * Math.max(1, Math.abs(ld)));
                }
            }
            assertThat(path.kineticAction()).isEqualTo(new SurrogateCost().cost(a, b));
        }
    }

    /** The O(d) route (diagonal pairs, d = 1) against the eigendecomposition route on the same pair: 1e-12 relative. */
    @Test
    void diagonalRouteAgreesWithTheGeneralRoute() {
        SplittableRandom rng = new SplittableRandom(67);
        for (int trial = 0; trial < 200; trial++) {
            int d = 1 + trial % 9;
            Gaussian a = Gaussian.diagonal(rng.doubles(d, -1, 1).toArray(), rng.doubles(d, 0.05, 5).toArray());
            Gaussian b = trial % 2 == 0
                    ? Gaussian.diagonal(rng.doubles(d, -1, 1).toArray(), rng.doubles(d, 0.05, 5).toArray())
                    : Gaussian.spherical(rng.doubles(d, -1, 1).toArray(), rng.nextDouble(0.05, 5));
            if (d == 1 && trial % 4 == 1) {
                a = TestPairs.asFull(a);
            }
            GaussianPath fast = flow.path(a, b);
            GaussianPath general = LinearPath.general(a, b);
            assertThat(TestPairs.relative(fast.kineticAction(), general.kineticAction())).isLessThanOrEqualTo(1e-12);
            double t = rng.nextDouble();
            int n = 4;
            double[] pts = rng.doubles(n * d, -3, 3).toArray();
            double[] lf = new double[n];
            double[] lg = new double[n];
            double[] vf = new double[n * d];
            double[] vg = new double[n * d];
            fast.evaluate(t, pts, 0, n, lf, vf);
            general.evaluate(t, pts, 0, n, lg, vg);
            for (int p = 0; p < n; p++) {
                assertThat(Math.abs(lf[p] - lg[p])).isLessThanOrEqualTo(1e-12 * Math.max(1, Math.abs(lg[p])));
            }
            double scale = 1;
            for (double v : vg) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < n * d; i++) {
                assertThat(Math.abs(vf[i] - vg[i])).isLessThanOrEqualTo(1e-12 * scale);
            }
            assertThat(Math.abs(fast.logDeterminant(t) - general.logDeterminant(t)))
                    .isLessThanOrEqualTo(1e-12 * Math.max(1, Math.abs(general.logDeterminant(t))));
            double[] bf = fast.velocityMatrix(t);
            double[] bg = general.velocityMatrix(t);
            for (int i = 0; i < d * d; i++) {
                assertThat(Math.abs(bf[i] - bg[i])).isLessThanOrEqualTo(1e-12 * Math.max(1, Math.abs(bg[i])));
            }
        }
    }

    @Test
    void badInputIsRejected() {
        Gaussian a = Gaussian.of(new double[] {0, 0}, new double[][] {{1, 0.2}, {0.2, 1}});
        Gaussian b = Gaussian.of(new double[] {1, 0}, new double[][] {{0.1, 0}, {0, 3}});
        GaussianPath path = flow.path(a, b);
        // Sigma(t) leaves the SPD cone beyond t = 1 / (1 - lambda_min) ~ 1.1 for this pair.
        assertThatThrownBy(() -> path.velocity(5, new double[] {0, 0})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t = 5.0 is outside the interval");
        assertThatThrownBy(() -> path.at(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not finite");
        assertThatThrownBy(() -> path.evaluate(0.5, new double[4], 1, 3, null, new double[6]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("point range [1, 3)");
        assertThatThrownBy(() -> path.evaluate(0.5, new double[4], 0, 2, new double[1], null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("log-density output has length 1");
        assertThatThrownBy(() -> flow.path(a, Gaussian.standard(3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source has dimension 2 but target has dimension 3");
        // Sigma(t) is positive definite a little outside [0, 1] too: the field is defined there.
        assertThat(path.velocity(-0.05, new double[] {0, 0})).hasSize(2);
    }
}
