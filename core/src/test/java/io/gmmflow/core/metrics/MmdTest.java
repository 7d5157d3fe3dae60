package io.gmmflow.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MmdTest {

    static double[][] normal(int n, int d, double shift, SplittableRandom rng) {
        double[][] x = new double[n][d];
        for (double[] p : x) {
            for (int k = 0; k < d; k++) {
                p[k] = rng.nextGaussian() + (k == 0 ? shift : 0);
            }
        }
        return x;
    }

    @Test
    void matchesTheTextbookDoubleSum() {
        SplittableRandom rng = new SplittableRandom(1);
        double[][] x = normal(130, 3, 0, rng);
        double[][] y = normal(97, 3, 0.5, rng);
        double h = 0.8;
        double kxx = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                if (i != j) {
                    kxx += k(x[i], x[j], h);
                }
            }
        }
        double kyy = 0;
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y.length; j++) {
                if (i != j) {
                    kyy += k(y[i], y[j], h);
                }
            }
        }
        double kxy = 0;
        for (double[] a : x) {
            for (double[] b : y) {
                kxy += k(a, b, h);
            }
        }
        int n = x.length;
        int m = y.length;
        double expected = kxx / (n * (n - 1.0)) + kyy / (m * (m - 1.0)) - 2 * kxy / ((double) n * m);
        assertThat(Mmd.unbiased(x, y, h).mmd2()).isCloseTo(expected, within(1e-13));
    }

    private static double k(double[] a, double[] b, double h) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.exp(-s / (2 * h * h));
    }

    @Test
    void estimatesThePopulationMmdOfTwoGaussiansWithinMonteCarloError() {
        // For x, x' ~ N(a, 1), y ~ N(b, 1) in 1-D: E k = h / sqrt(h^2 + 2) exp(-(a - b)^2 / (2 (h^2 + 2))),
        // so MMD^2 = 2 h / sqrt(h^2 + 2) (1 - exp(-mu^2 / (2 (h^2 + 2)))).
        double h = 1;
        double mu = 1;
        double exact = 2 * h / Math.sqrt(h * h + 2) * (1 - Math.exp(-mu * mu / (2 * (h * h + 2))));
        SplittableRandom rng = new SplittableRandom(2);
        int n = 3000;
        double[][] x = normal(n, 1, 0, rng);
        double[][] y = normal(n, 1, mu, rng);
        Mmd.Result r = Mmd.unbiased(x, y, h);
        // the U-statistic's standard deviation is O(1/sqrt(n)) times the kernel scale: about 0.01
        // here (measured over 20 seeds: 0.0085); the tolerance is 4.7 of those
        assertThat(r.mmd2()).isCloseTo(exact, within(0.04));
        assertThat(r.percent()).isEqualTo(100 * r.mmd2());
        assertThat(r.mmd()).isEqualTo(Math.sqrt(r.mmd2()));
        // two samples of one distribution: MMD^2 is 0 up to O(1/n)
        double[][] x2 = normal(n, 1, 0, rng);
        assertThat(Math.abs(Mmd.unbiased(x, x2, h).mmd2())).isLessThan(5.0 / n);
    }

    @Test
    void medianHeuristicIsTheMedianPairwiseDistance() {
        // x - x' ~ N(0, 2) for standard normal points: median |x - x'| = sqrt(2) * 0.67449
        SplittableRandom rng = new SplittableRandom(3);
        double[][] x = normal(5000, 1, 0, rng);
        double[][] y = normal(5000, 1, 0, rng);
        double h = Mmd.medianBandwidth(x, y, 7);
        // 1000 subsampled points (~5e5 pairs, strongly dependent): a few percent
        assertThat(h).isCloseTo(Math.sqrt(2) * 0.6744897501960817, within(0.05));
        assertThat(Mmd.medianBandwidth(x, y, 7)).isEqualTo(h);
        assertThat(Mmd.unbiased(x, y, 7).bandwidth()).isEqualTo(h);
    }

    @Test
    void badInputIsRejected() {
        double[][] x = {{0, 0}, {1, 1}};
        assertThatThrownBy(() -> Mmd.unbiased(x, new double[][] {{0, 0, 0}, {1, 1, 1}}, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("point 0 has 3 coordinates, expected 2");
        assertThatThrownBy(() -> Mmd.unbiased(x, new double[][] {{0, Double.NaN}, {1, 1}}, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coordinate 1 is not finite");
        assertThatThrownBy(() -> Mmd.unbiased(x, x, 0.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bandwidth");
        assertThatThrownBy(() -> Mmd.unbiased(x, new double[][] {{1, 1}}, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 points");
    }
}
