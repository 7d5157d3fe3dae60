package io.gmmflow.exact.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.exact.GeodesicFlow;
import io.gmmflow.exact.LpCouplingSolver;
import io.gmmflow.exact.TestSupport;
import io.gmmflow.linalg.Dense;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GmmOtMapTest {

    private final MixtureMetric metric = new MixtureMetric(new LpCouplingSolver());

    @Test
    void singleGaussiansGiveTheBuresMap() {
        SplittableRandom rng = new SplittableRandom(1);
        Gaussian a = TestSupport.randomFull(4, 30, rng);
        Gaussian b = TestSupport.randomFull(4, 30, rng);
        GmmOtMap map = metric.transport(GaussianMixture.of(a), GaussianMixture.of(b)).map();
        double[][] x = a.sample(50, 3L);
        double[][] bary = map.barycentric(x);
        double[][] rand = map.random(x, 5L);
        for (int q = 0; q < 50; q++) {
            double[] t = GeodesicFlow.geodesic(a, b).transport(x[q]);
            assertThat(TestSupport.relativeError(bary[q], t)).isLessThanOrEqualTo(1e-12);
            assertThat(TestSupport.relativeError(rand[q], t)).isLessThanOrEqualTo(1e-12);
        }
    }

    @Test
    void barycentricMapMatchesADirectEvaluation() {
        SplittableRandom rng = new SplittableRandom(2);
        int d = 2;
        GaussianMixture a = TestSupport.randomMixture(3, d, 10, 1, rng);
        GaussianMixture b = TestSupport.randomMixture(4, d, 10, 1, rng);
        MixtureTransport tr = metric.transport(a, b);
        double[][] plan = tr.plan();
        double[][] x = a.sample(600, 9L);   // more than one block of 256: the parallel path
        double[][] out = tr.map().barycentric(x);
        for (int q = 0; q < x.length; q++) {
            double[] num = new double[d];
            double den = 0;
            for (int i = 0; i < 3; i++) {
                double dens = Math.exp(a.component(i).logDensity(x[q]));
                for (int j = 0; j < 4; j++) {
                    if (plan[i][j] <= 0) {
                        continue;
                    }
                    double[] m = TestSupport.buresMapBySquareRoots(a.component(i), b.component(j));
                    double[] r = Dense.multiplyVector(m, Dense.subtract(x[q], a.component(i).mean()), d, d);
                    for (int k = 0; k < d; k++) {
                        num[k] += plan[i][j] * dens * (b.component(j).mean(k) + r[k]);
                    }
                    den += plan[i][j] * dens;
                }
            }
            for (int k = 0; k < d; k++) {
                num[k] /= den;
            }
            assertThat(TestSupport.relativeError(out[q], num)).isLessThanOrEqualTo(1e-10);
        }
    }

    @Test
    void barycentricMapStaysFiniteWhereDensitiesUnderflow() {
        // d = 200: log N(x | i) ~ -300 or less, exp underflows; the log-domain weights do not.
        SplittableRandom rng = new SplittableRandom(3);
        int d = 200;
        GaussianMixture a = scaled(TestSupport.randomMixture(2, d, 5, 3, rng), 50);
        GaussianMixture b = scaled(TestSupport.randomMixture(2, d, 5, 3, rng), 50);
        MixtureTransport tr = metric.transport(a, b);
        double[][] x = a.sample(4, 1L);
        assertThat(Math.exp(a.logDensity(x[0]))).isZero();
        double[][] out = tr.map().barycentric(x);
        for (double[] row : out) {
            for (double v : row) {
                assertThat(v).isFinite();
            }
        }
    }

    static GaussianMixture scaled(GaussianMixture m, double factor) {
        java.util.List<Gaussian> comps = new java.util.ArrayList<>();
        for (Gaussian g : m.components()) {
            double[] c = g.covarianceRowMajor();
            for (int i = 0; i < c.length; i++) {
                c[i] *= factor;
            }
            comps.add(Gaussian.ofFlat(g.mean(), c));
        }
        return GaussianMixture.of(m.weights(), comps);
    }

    @Test
    void randomMapPushesTheSourceOntoTheTargetAndIsReproducible() {
        SplittableRandom rng = new SplittableRandom(4);
        int d = 2;
        GaussianMixture a = TestSupport.randomMixture(3, d, 5, 2, rng);
        GaussianMixture b = TestSupport.randomMixture(2, d, 5, 2, rng);
        GmmOtMap map = metric.transport(a, b).map();
        int n = 40000;
        double[][] x = a.sample(n, 11L);
        double[][] y = map.random(x, 42L);
        assertThat(map.random(x, 42L)).isDeepEqualTo(y);
        assertThat(map.random(x, 43L)).isNotEqualTo(y);
        // x ~ mu0, (i, j) ~ pi_ij N(x | i) then T_ij(x): y ~ sum_ij pi_ij N_j = mu1 exactly, so the
        // sample mean and second moments of y match mu1's within Monte-Carlo error (5 standard errors).
        double[] mean1 = b.mean();
        double[][] cov1 = b.covariance();
        for (int k = 0; k < d; k++) {
            double s = 0;
            for (double[] p : y) {
                s += p[k];
            }
            double m = s / n;
            double se = Math.sqrt(cov1[k][k] / n);
            assertThat(Math.abs(m - mean1[k])).isLessThanOrEqualTo(5 * se);
            double v = 0;
            for (double[] p : y) {
                v += (p[k] - mean1[k]) * (p[k] - mean1[k]);
            }
            v /= n;
            // Var of (y - m)^2 is at most ~ (kurtosis 9 for these mixtures) * var^2: se <= 3 var / sqrt(n).
            assertThat(Math.abs(v - cov1[k][k])).isLessThanOrEqualTo(5 * 3 * cov1[k][k] / Math.sqrt(n));
        }
    }

    @Test
    void planDensityFollowsPotsDefinition() {
        SplittableRandom rng = new SplittableRandom(5);
        int d = 2;
        GaussianMixture a = TestSupport.randomMixture(2, d, 5, 3, rng);
        GaussianMixture b = TestSupport.randomMixture(3, d, 5, 3, rng);
        MixtureTransport tr = metric.transport(a, b);
        double[][] plan = tr.plan();
        GmmOtMap map = tr.map();
        double[][] x = a.sample(5, 2L);
        double[][] y = new double[x.length * 2][];
        for (int q = 0; q < x.length; q++) {
            y[2 * q] = map.barycentric(new double[][] {x[q]})[0];
            y[2 * q + 1] = new double[] {100, 100};
        }
        double atol = 1e-2;
        double[][] dens = map.planDensity(x, y, atol);
        for (int q = 0; q < x.length; q++) {
            for (int c = 0; c < y.length; c++) {
                double expected = 0;
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 3; j++) {
                        if (plan[i][j] <= 0) {
                            continue;
                        }
                        double[] t = GeodesicFlow.geodesic(a.component(i), b.component(j)).transport(x[q]);
                        if (Math.sqrt(Dense.squaredDistance(t, y[c])) < atol) {
                            expected += plan[i][j] * Math.exp(a.component(i).logDensity(x[q]));
                        }
                    }
                }
                assertThat(dens[q][c]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12 * (1 + expected)));
            }
            assertThat(dens[q][2 * q + 1]).isZero();
        }
    }

    @Test
    void badInputIsRejected() {
        GaussianMixture a = GaussianMixture.of(Gaussian.standard(2));
        GmmOtMap map = metric.transport(a, a).map();
        assertThatThrownBy(() -> map.barycentric(new double[][] {{1, 2, 3}})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 0 has 3 coordinates, expected 2");
        assertThatThrownBy(() -> map.planDensity(new double[][] {{1, 2}}, new double[][] {{1, 2}}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("atol");
        Gaussian point = Gaussian.semiDefinite(new double[2], CovarianceType.SPHERICAL, new double[] {0});
        GaussianMixture p = GaussianMixture.of(new double[] {0.5, 0.5}, List.of(point, Gaussian.standard(2)));
        assertThatThrownBy(() -> metric.transport(p, a).map()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source component 0");
    }
}
