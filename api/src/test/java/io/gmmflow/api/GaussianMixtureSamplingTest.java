package io.gmmflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmmflow.api.testing.MixtureArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Sampling converges to the parameters: for random valid mixtures (K <= 4, d <= 4, every covariance
 * kind, weight-0 components included), the sample mean, sample covariance and component frequencies
 * of N = 20000 draws lie within 5 standard errors of the exact values.
 *
 * <p>Standard errors: for the mean of coordinate a, sqrt(Sigma_aa / N) with Sigma the mixture's
 * exact covariance; for covariance entry (a, b), the sample standard deviation of the products
 * (x_a - xbar_a)(x_b - xbar_b) over sqrt(N) (the delta-method SE of a second moment, estimated from the
 * sample since mixture fourth moments have no short closed form); for the frequency of component i,
 * sqrt(w_i (1 - w_i) / N). With at most 4 + 10 + 4 checks per mixture and 100 mixtures, a correct
 * sampler fails a 5-SE check with probability about 18 * 100 * 5.7e-7 = 1e-3; the seed is fixed so the
 * run is reproducible. A biased sampler (wrong factor, transposed L, wrong component pick) is off by
 * O(1) in these units times sqrt(N) = 141, far outside.
 */
class GaussianMixtureSamplingTest {

    private static final int N = 20_000;
    private static final double Z = 5.0;

    @Provide
    Arbitrary<GaussianMixture> mixtures() {
        return MixtureArbitraries.moderateMixture(4, 4);
    }

    @Property(tries = 100, seed = "20240611")
    void sampleMeansCovariancesAndFrequenciesConverge(@ForAll("mixtures") GaussianMixture m,
                                                      @ForAll long seed) {
        int d = m.dimension();
        GaussianMixture.LabelledSample s = m.sampleLabelled(N, seed);
        double[][] x = s.points();
        double[] mean = m.mean();
        double[][] cov = m.covariance();

        double[] xbar = new double[d];
        for (double[] p : x) {
            for (int a = 0; a < d; a++) {
                xbar[a] += p[a] / N;
            }
        }
        for (int a = 0; a < d; a++) {
            double se = Math.sqrt(cov[a][a] / N);
            assertThat(Math.abs(xbar[a] - mean[a])).as("mean %d of %s", a, m).isLessThanOrEqualTo(Z * se);
        }

        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                double sum = 0;
                double sumSq = 0;
                for (double[] p : x) {
                    double y = (p[a] - xbar[a]) * (p[b] - xbar[b]);
                    sum += y;
                    sumSq += y * y;
                }
                double c = sum / (N - 1);
                double var = (sumSq - sum * sum / N) / (N - 1);
                double se = Math.sqrt(var / N);
                assertThat(Math.abs(c - cov[a][b])).as("covariance (%d, %d) of %s", a, b, m)
                        .isLessThanOrEqualTo(Z * se);
            }
        }

        int[] counts = new int[m.size()];
        for (int label : s.labels()) {
            counts[label]++;
        }
        for (int i = 0; i < m.size(); i++) {
            double w = m.weight(i);
            if (w == 0) {
                assertThat(counts[i]).as("draws from weight-0 component %d", i).isZero();
            } else {
                double se = Math.sqrt(w * (1 - w) / N);
                assertThat(Math.abs(counts[i] / (double) N - w)).as("frequency of component %d", i)
                        .isLessThanOrEqualTo(Z * se + 1e-12);
            }
        }
    }

    @Property(tries = 50, seed = "7")
    void samplingIsDeterministicForASeed(@ForAll("mixtures") GaussianMixture m, @ForAll long seed) {
        double[][] first = m.sample(200, seed);
        assertThat(m.sample(200, seed)).isDeepEqualTo(first);
        assertThat(m.sample(200, seed + 1)).isNotEqualTo(first);
        // The first draws do not depend on how many are asked for.
        double[][] fewer = m.sample(50, seed);
        for (int i = 0; i < 50; i++) {
            assertThat(fewer[i]).containsExactly(first[i]);
        }
    }
}
