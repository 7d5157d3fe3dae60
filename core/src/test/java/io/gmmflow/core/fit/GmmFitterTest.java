package io.gmmflow.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.SolverStatus;
import io.gmmflow.linalg.RandomMatrices;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GmmFitterTest {

    private final GmmFitter fitter = new GmmFitter();

    /** K well separated components: means 12 apart along random directions, covariances with eigenvalues in [0.3, 1.5]. */
    static GaussianMixture separated(int k, int d, CovarianceType type, SplittableRandom rng) {
        List<Gaussian> comps = new ArrayList<>();
        double[] w = {0.5, 0.3, 0.2};
        for (int i = 0; i < k; i++) {
            double[] m = new double[d];
            m[i % d] = 12 * (i + 1);
            m[(i + 1) % d] = -6 * i;
            comps.add(switch (type) {
                case FULL -> Gaussian.ofFlat(m, RandomMatrices.spd(d, 5, 0.3, rng));
                case DIAGONAL -> Gaussian.diagonal(m, rng.doubles(d, 0.3, 1.5).toArray());
                case SPHERICAL -> Gaussian.spherical(m, rng.nextDouble(0.3, 1.5));
            });
        }
        return GaussianMixture.of(w, comps);
    }

    @ParameterizedTest(name = "d={0}, {1}")
    @CsvSource({"2,FULL", "10,FULL", "10,DIAGONAL", "2,SPHERICAL"})
    void recoversAKnownMixtureWithinSamplingError(int d, CovarianceType type) {
        SplittableRandom rng = new SplittableRandom(d * 7L + type.ordinal());
        GaussianMixture truth = separated(3, d, type, rng);
        int n = 20_000;
        double[][] x = truth.sample(n, 99);
        GmmFit fit = fitter.fit(x, FitSettings.of(3, type, 5));
        assertThat(fit.status()).isEqualTo(SolverStatus.CONVERGED);
        GaussianMixture got = fit.mixture();
        for (int i = 0; i < 3; i++) {
            Gaussian t = truth.component(i);
            int j = nearest(got, t.mean());
            Gaussian g = got.component(j);
            double w = truth.weight(i);
            // weight: binomial standard error sqrt(w (1 - w) / n); 5 SE
            assertThat(got.weight(j)).isCloseTo(w, within(5 * Math.sqrt(w * (1 - w) / n)));
            double nk = w * n;
            for (int a = 0; a < d; a++) {
                // mean: SE sqrt(Sigma_aa / n_k), 5 SE
                assertThat(g.mean(a)).isCloseTo(t.mean(a), within(5 * Math.sqrt(t.covariance(a, a) / nk)));
                for (int b = 0; b < d; b++) {
                    if (type == CovarianceType.SPHERICAL && a != b) {
                        continue;
                    }
                    // covariance entry: SE sqrt((S_aa S_bb + S_ab^2) / n_k) (Gaussian data); 5 SE.
                    // A spherical fit averages d variances: its SE is smaller still.
                    double se = Math.sqrt((t.covariance(a, a) * t.covariance(b, b)
                            + t.covariance(a, b) * t.covariance(a, b)) / nk);
                    assertThat(g.covariance(a, b)).isCloseTo(t.covariance(a, b), within(5 * se + 1e-6));
                }
            }
            assertThat(g.covarianceType()).isEqualTo(type);
        }
        assertMonotone(fit.logLikelihoods());
    }

    private static int nearest(GaussianMixture m, double[] mean) {
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int j = 0; j < m.size(); j++) {
            double s = 0;
            for (int k = 0; k < mean.length; k++) {
                double t = m.component(j).mean(k) - mean[k];
                s += t * t;
            }
            if (s < bestD) {
                bestD = s;
                best = j;
            }
        }
        return best;
    }

    static void assertMonotone(double[] ll) {
        for (int t = 1; t < ll.length; t++) {
            // EM's ascent property; 1e-10 relative covers summation round-off
            assertThat(ll[t]).isGreaterThanOrEqualTo(ll[t - 1] - 1e-10 * Math.abs(ll[t - 1]));
        }
    }

    @Test
    void logLikelihoodNeverDecreasesOnOverlappingClustersAndIsTheMixturesLikelihood() {
        // overlapping components make EM take many small steps: the ascent property is exercised
        SplittableRandom rng = new SplittableRandom(3);
        List<Gaussian> comps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            comps.add(Gaussian.ofFlat(rng.doubles(3, -1.5, 1.5).toArray(), RandomMatrices.spd(3, 4, 0.5, rng)));
        }
        GaussianMixture truth = GaussianMixture.uniform(comps);
        double[][] x = truth.sample(5000, 4);
        for (double reg : new double[] {0, 1e-6}) {
            GmmFit fit = fitter.fit(x, FitSettings.of(4, CovarianceType.FULL, 1).withRegCovar(reg)
                    .withTolerance(1e-10).withMaxIterations(300));
            assertThat(fit.logLikelihoods().length).isGreaterThan(20);
            assertMonotone(fit.logLikelihoods());
            double direct = 0;
            for (double[] p : x) {
                direct += fit.mixture().logDensity(p);
            }
            assertThat(fit.logLikelihood()).isCloseTo(direct, within(1e-9 * Math.abs(direct)));
            assertThat(fit.logLikelihoods().length).isEqualTo(fit.iterations() + 1);
        }
    }

    @Test
    void deterministicForASeedWhateverTheThreadCountAndRestartsKeepTheBest() throws Exception {
        SplittableRandom rng = new SplittableRandom(8);
        double[][] x = separated(3, 4, CovarianceType.FULL, rng).sample(9000, 2);
        FitSettings s = FitSettings.of(5, CovarianceType.FULL, 42);
        GmmFit common = fitter.fit(x, s);
        GmmFit single = new ForkJoinPool(1).submit(() -> fitter.fit(x, s)).get();
        assertThat(single.mixture()).isEqualTo(common.mixture());
        assertThat(single.logLikelihoods()).isEqualTo(common.logLikelihoods());
        GmmFit three = fitter.fit(x, s.withRestarts(3));
        assertThat(three.logLikelihood()).isGreaterThanOrEqualTo(common.logLikelihood());
        assertThat(three.seed()).isEqualTo(42);
        assertThat(three.settings().restarts()).isEqualTo(3);
        GmmFit capped = fitter.fit(x, s.withMaxIterations(1).withTolerance(1e-12));
        assertThat(capped.status()).isEqualTo(SolverStatus.MAX_ITERATIONS);
        assertThat(capped.iterations()).isEqualTo(1);
    }

    @Test
    void fitFromAnInitialMixtureKeepsTheComponentOrderAndReachesTheSameOptimum() {
        SplittableRandom rng = new SplittableRandom(17);
        GaussianMixture truth = separated(3, 2, CovarianceType.FULL, rng);
        double[][] x = truth.sample(6000, 3);
        GmmFit free = fitter.fit(x, FitSettings.of(3, CovarianceType.FULL, 1).withTolerance(1e-8));
        GmmFit warm = fitter.fitFrom(x, truth, FitSettings.of(3, CovarianceType.FULL, 1).withTolerance(1e-8));
        assertThat(warm.status()).isEqualTo(SolverStatus.CONVERGED);
        // well separated clusters have one optimum: same log-likelihood (to the tolerance), and
        // component i of the warm fit is the one next to component i of the start
        assertThat(warm.logLikelihood()).isCloseTo(free.logLikelihood(), within(1e-6 * Math.abs(free.logLikelihood())));
        for (int i = 0; i < 3; i++) {
            assertThat(nearest(warm.mixture(), truth.component(i).mean())).isEqualTo(i);
        }
        assertMonotone(warm.logLikelihoods());
        assertThatThrownBy(() -> fitter.fitFrom(x, GaussianMixture.of(Gaussian.standard(3)),
                FitSettings.of(1, CovarianceType.FULL, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 3");
    }

    @Test
    void covarianceFloorKeepsDegenerateClustersPositiveDefinite() {
        double[][] x = new double[40][];
        for (int p = 0; p < 40; p++) {
            x[p] = p < 20 ? new double[] {0, 0} : new double[] {5, 5};
        }
        GmmFit fit = fitter.fit(x, FitSettings.of(2, CovarianceType.FULL, 1).withRegCovar(1e-3));
        for (Gaussian g : fit.mixture().components()) {
            // zero empirical covariance + the floor
            assertThat(g.covariance(0, 0)).isCloseTo(1e-3, within(1e-15));
            assertThat(g.covariance(0, 1)).isCloseTo(0, within(1e-15));
        }
        // without a floor the first M-step cannot give a density: bad input, named
        assertThatThrownBy(() -> fitter.fit(x, FitSettings.of(2, CovarianceType.FULL, 1).withRegCovar(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not positive definite")
                .hasMessageContaining("increase regCovar");
    }

    @Test
    void badInputIsRejectedWithItsPosition() {
        double[][] ok = {{0, 0}, {1, 1}, {2, 2}};
        assertThatThrownBy(() -> fitter.fit(ok, FitSettings.of(4, CovarianceType.FULL, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 components to 3 points");
        assertThatThrownBy(() -> fitter.fit(new double[][] {{0, 0}, {1, Double.NaN}}, FitSettings.of(1, CovarianceType.FULL, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("point 1, coordinate 1 is not finite");
        assertThatThrownBy(() -> fitter.fit(new double[][] {{0, 0}, {1, 1, 1}}, FitSettings.of(1, CovarianceType.FULL, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("point 1 has 3 coordinates but point 0 has 2");
        assertThatThrownBy(() -> fitter.fit(new double[0][], FitSettings.of(1, CovarianceType.FULL, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no points");
        assertThatThrownBy(() -> FitSettings.of(0, CovarianceType.FULL, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("components must be >= 1, got 0");
        assertThatThrownBy(() -> FitSettings.of(2, CovarianceType.FULL, 1).withRegCovar(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("regCovar");
    }
}
