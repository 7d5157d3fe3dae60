package io.gmmflow.exact.mixture;

import io.gmmflow.linalg.ErrorFunctions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.SolverStatus;
import io.gmmflow.exact.BuresWassersteinCost;
import io.gmmflow.exact.TestSupport;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MixtureQuantilesTest {

    static GaussianMixture random1d(int k, SplittableRandom rng) {
        double[] w = new double[k];
        double[] m = new double[k];
        double[] v = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            w[i] = rng.nextDouble(0.1, 1);
            sum += w[i];
            m[i] = rng.nextDouble(-5, 5);
            v[i] = Math.pow(rng.nextDouble(0.05, 2), 2);
        }
        double acc = 0;
        for (int i = 0; i < k - 1; i++) {
            w[i] /= sum;
            acc += w[i];
        }
        w[k - 1] = 1 - acc;
        return TestSupport.mixture1d(w, m, v);
    }

    @Test
    void quantilesInvertTheCdfInBothTails() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int trial = 0; trial < 20; trial++) {
            MixtureQuantiles q = new MixtureQuantiles(random1d(1 + rng.nextInt(5), rng));
            for (double z = -11; z <= 11; z += 0.5) {
                double x = q.quantileAtScore(z);
                if (z <= 0) {
                    // Relative accuracy of F in the lower tail (Phi(-11) ~ 2e-28).
                    assertThat(Math.abs(q.cdf(x) - ErrorFunctions.normalCdf(z))).isLessThanOrEqualTo(1e-13 * ErrorFunctions.normalCdf(z));
                } else {
                    assertThat(Math.abs(q.survival(x) - ErrorFunctions.normalCdf(-z)))
                            .isLessThanOrEqualTo(1e-13 * ErrorFunctions.normalCdf(-z));
                }
            }
            for (double u : new double[] {1e-300, 1e-20, 0.001, 0.3, 0.5, 0.77, 1 - 1e-12}) {
                double x = q.quantile(u);
                double f = u <= 0.5 ? q.cdf(x) : 1 - q.survival(x);
                assertThat(Math.abs(f - u)).isLessThanOrEqualTo(1e-13 * Math.min(u, 1 - u) + 1e-16);
            }
        }
        // A single Gaussian: Q(Phi(z)) = m + s z.
        MixtureQuantiles g = new MixtureQuantiles(TestSupport.mixture1d(new double[] {1}, new double[] {3}, new double[] {4}));
        for (double z = -12; z <= 12; z += 1.5) {
            assertThat(g.quantileAtScore(z)).isEqualTo(3 + 2 * z);
        }
    }

    @Test
    void w2OfTwoGaussiansIsTheClosedForm() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int trial = 0; trial < 20; trial++) {
            double m0 = rng.nextDouble(-3, 3);
            double m1 = rng.nextDouble(-3, 3);
            double v0 = rng.nextDouble(0.01, 4);
            double v1 = rng.nextDouble(0.01, 4);
            GaussianMixture a = TestSupport.mixture1d(new double[] {1}, new double[] {m0}, new double[] {v0});
            GaussianMixture b = TestSupport.mixture1d(new double[] {1}, new double[] {m1}, new double[] {v1});
            MixtureQuantiles.W2Result r = MixtureQuantiles.w2Squared(a, b);
            double exact = (m0 - m1) * (m0 - m1) + Math.pow(Math.sqrt(v0) - Math.sqrt(v1), 2);
            assertThat(r.status()).isEqualTo(SolverStatus.CONVERGED);
            // The integrand is (dm + ds z)^2 phi(z) exactly: quadrature to 1e-12 relative.
            assertThat(Math.abs(r.w2Squared() - exact)).isLessThanOrEqualTo(1e-12 * exact);
        }
    }

    @Test
    void w2OfShiftedAndScaledMixturesIsKnownExactly() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 10; trial++) {
            GaussianMixture a = random1d(2 + rng.nextInt(4), rng);
            double c = rng.nextDouble(-3, 3);
            double s = rng.nextDouble(0.3, 3);
            double[] w = a.weights();
            double[] mShift = new double[a.size()];
            double[] vShift = new double[a.size()];
            double[] mScale = new double[a.size()];
            double[] vScale = new double[a.size()];
            double second = 0;
            for (int i = 0; i < a.size(); i++) {
                double m = a.component(i).mean(0);
                double v = a.component(i).covariance(0, 0);
                mShift[i] = m + c;
                vShift[i] = v;
                mScale[i] = s * m;
                vScale[i] = s * s * v;
                second += w[i] * (v + m * m);
            }
            // Q(u) + c: W2^2 = c^2. s Q(u): W2^2 = (s - 1)^2 E[X^2].
            double shift = MixtureQuantiles.w2Squared(a, TestSupport.mixture1d(w, mShift, vShift)).w2Squared();
            assertThat(Math.abs(shift - c * c)).isLessThanOrEqualTo(1e-10 * c * c);
            MixtureQuantiles.W2Result scaled = MixtureQuantiles.w2Squared(a, TestSupport.mixture1d(w, mScale, vScale));
            double expected = (s - 1) * (s - 1) * second;
            assertThat(Math.abs(scaled.w2Squared() - expected)).isLessThanOrEqualTo(1e-10 * expected);
            assertThat(scaled.errorEstimate()).isLessThanOrEqualTo(1e-11 * expected);
        }
        GaussianMixture a = random1d(3, rng);
        assertThat(MixtureQuantiles.w2Squared(a, a).w2Squared()).isZero();
    }

    @Test
    void quantileAverageOfTwoGaussiansIsTheGaussianGeodesic() {
        GaussianMixture a = TestSupport.mixture1d(new double[] {1}, new double[] {-1}, new double[] {0.25});
        GaussianMixture b = TestSupport.mixture1d(new double[] {1}, new double[] {2}, new double[] {4});
        MixtureQuantiles.Curve c = MixtureQuantiles.quantileAverage(List.of(a, b), new double[] {0.7, 0.3}, 41, 5);
        // N(-0.7 + 0.6, (0.7 * 0.5 + 0.3 * 2)^2) = N(-0.1, 0.95^2).
        for (int i = 0; i < 41; i++) {
            double x = c.x()[i];
            double f = Math.exp(-0.5 * Math.pow((x + 0.1) / 0.95, 2)) / (0.95 * Math.sqrt(2 * Math.PI));
            assertThat(c.density()[i]).isCloseTo(f, org.assertj.core.data.Offset.offset(1e-14 + 1e-12 * f));
        }
    }

    @Test
    void badInputIsRejected() {
        GaussianMixture two = GaussianMixture.of(Gaussian.standard(2));
        assertThatThrownBy(() -> new MixtureQuantiles(two)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension 2");
        GaussianMixture point = GaussianMixture.of(Gaussian.semiDefinite(new double[] {0}, CovarianceType.SPHERICAL, new double[] {0}));
        assertThatThrownBy(() -> new MixtureQuantiles(point)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("variance 0");
        MixtureQuantiles q = new MixtureQuantiles(GaussianMixture.of(Gaussian.standard(1)));
        assertThatThrownBy(() -> q.quantile(1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1)");
        assertThatThrownBy(() -> q.quantileAtScore(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        GaussianMixture g = GaussianMixture.of(Gaussian.standard(1));
        assertThatThrownBy(() -> MixtureQuantiles.quantileAverage(List.of(g, g), new double[] {0.5, 0.6}, 10, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to");
        assertThatThrownBy(() -> MixtureQuantiles.quantileAverage(List.of(g, g), new double[] {1.5, -0.5}, 10, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda 1");
        assertThat(new BuresWassersteinCost().cost(g.component(0), g.component(0))).isZero();
    }
}
