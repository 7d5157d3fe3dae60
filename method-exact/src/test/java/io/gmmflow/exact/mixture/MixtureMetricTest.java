package io.gmmflow.exact.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.SolverStatus;
import io.gmmflow.exact.BuresWassersteinCost;
import io.gmmflow.exact.LpCouplingSolver;
import io.gmmflow.exact.TestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seed 002's metric with the test-only LP plan; {@link MixtureMetricWithEmdTest} reruns it with the real 'emd'. */
class MixtureMetricTest {

    protected final MixtureMetric metric = new MixtureMetric(solver());

    /** The exact coupling solver under which the properties are checked. */
    protected CouplingSolver solver() {
        return new LpCouplingSolver();
    }

    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {1, 2, 30, 300})
    void distanceOfAMixtureToAnIdenticalCopyIsZero(int d) {
        // POT issue 695 reports 1e-5 here in d = 300 (sqrtm round-off in W2(g, g)); W2(g, g) is exactly 0 here.
        SplittableRandom rng = new SplittableRandom(d);
        GaussianMixture mu = TestSupport.randomMixture(3, d, 1e4, 3, rng);
        List<Gaussian> copies = new ArrayList<>();
        for (Gaussian g : mu.components()) {
            copies.add(Gaussian.ofFlat(g.mean(), g.covarianceRowMajor()));
        }
        GaussianMixture copy = GaussianMixture.of(mu.weights(), copies);
        MixtureTransport tr = metric.transport(mu, copy);
        assertThat(tr.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(tr.distance()).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void symmetryAndTriangleInequalityOnRandomTriples() {
        SplittableRandom rng = new SplittableRandom(17);
        for (int trial = 0; trial < 20; trial++) {
            int d = 1 + rng.nextInt(4);
            GaussianMixture a = TestSupport.randomMixture(1 + rng.nextInt(5), d, 20, 2, rng);
            GaussianMixture b = TestSupport.randomMixture(1 + rng.nextInt(5), d, 20, 2, rng);
            GaussianMixture c = TestSupport.randomMixture(1 + rng.nextInt(5), d, 20, 2, rng);
            double ab = metric.distance(a, b);
            double ba = metric.distance(b, a);
            double bc = metric.distance(b, c);
            double ac = metric.distance(a, c);
            // The LP optimum is the same number from either side; the solver's basis may differ: 1e-12.
            assertThat(Math.abs(ab - ba)).isLessThanOrEqualTo(1e-12 * ab);
            assertThat(ac).isLessThanOrEqualTo((ab + bc) * (1 + 1e-12));
            assertThat(ab).isPositive();
        }
    }

    @Test
    void geodesicIsAConstantSpeedGeodesicOfDEq12() {
        SplittableRandom rng = new SplittableRandom(23);
        for (int trial = 0; trial < 6; trial++) {
            int d = 1 + rng.nextInt(4);
            GaussianMixture a = TestSupport.randomMixture(2 + rng.nextInt(3), d, 20, 2, rng);
            GaussianMixture b = TestSupport.randomMixture(2 + rng.nextInt(3), d, 20, 2, rng);
            MixtureTransport tr = metric.transport(a, b);
            MixtureGeodesic geo = tr.geodesic();
            double full = tr.distance();
            double[] times = {0, 0.2, 0.5, 0.7, 1};
            for (int i = 0; i < times.length; i++) {
                for (int j = i + 1; j < times.length; j++) {
                    double s = times[i];
                    double t = times[j];
                    double dst = metric.distance(geo.at(s), geo.at(t));
                    assertThat(Math.abs(dst - (t - s) * full)).as("s=%s t=%s", s, t).isLessThanOrEqualTo(1e-9 * full);
                }
            }
            // The ends are the mixtures themselves as measures: component p of mu_1 is exactly target
            // component j(p), and the pieces of each j add up to its weight (likewise at t = 0).
            GaussianMixture end = geo.at(1);
            GaussianMixture start = geo.at(0);
            double[] massB = new double[b.size()];
            double[] massA = new double[a.size()];
            for (int p = 0; p < geo.size(); p++) {
                int[] ij = geo.pair(p);
                assertThat(end.component(p)).isSameAs(b.component(ij[1]));
                assertThat(start.component(p)).isSameAs(a.component(ij[0]));
                massB[ij[1]] += end.weight(p);
                massA[ij[0]] += start.weight(p);
            }
            assertThat(TestSupport.relativeError(massB, b.weights())).isLessThanOrEqualTo(1e-12);
            assertThat(TestSupport.relativeError(massA, a.weights())).isLessThanOrEqualTo(1e-12);
            assertThat(geo.size()).isLessThanOrEqualTo(a.size() + b.size() - 1);
        }
    }

    @Test
    void dIsAtLeastW2In1dWithEqualityForSingleGaussians() {
        SplittableRandom rng = new SplittableRandom(29);
        for (int trial = 0; trial < 15; trial++) {
            GaussianMixture a = MixtureQuantilesTest.random1d(1 + rng.nextInt(4), rng);
            GaussianMixture b = MixtureQuantilesTest.random1d(1 + rng.nextInt(4), rng);
            double d = metric.distance(a, b);
            double w2 = MixtureQuantiles.w2Squared(a, b).w2();
            assertThat(d).isGreaterThanOrEqualTo(w2 * (1 - 1e-10));
        }
        for (int trial = 0; trial < 10; trial++) {
            GaussianMixture a = MixtureQuantilesTest.random1d(1, rng);
            GaussianMixture b = MixtureQuantilesTest.random1d(1, rng);
            double d = metric.distance(a, b);
            double w2 = MixtureQuantiles.w2Squared(a, b).w2();
            assertThat(Math.abs(d - w2)).isLessThanOrEqualTo(1e-10 * d);
            double w2sq = new BuresWassersteinCost().cost(a.component(0), b.component(0));
            assertThat(Math.abs(d * d - w2sq)).isLessThanOrEqualTo(1e-14 * w2sq);
        }
    }

    @Test
    void figure1ExampleHasDEqualToDeltaAndW2Below() {
        // mu0 = N(0, 1), mu1 = (N(-Delta, 1) + N(Delta, 1)) / 2: d = Delta (seed 002 Section V-A).
        GaussianMixture mu0 = TestSupport.mixture1d(new double[] {1}, new double[] {0}, new double[] {1});
        double previousGap = 0;
        for (double delta : new double[] {0.5, 1, 2, 4}) {
            GaussianMixture mu1 = TestSupport.mixture1d(new double[] {0.5, 0.5}, new double[] {-delta, delta},
                    new double[] {1, 1});
            double d = metric.distance(mu0, mu1);
            assertThat(d).isCloseTo(delta, org.assertj.core.data.Offset.offset(1e-12 * delta));
            double w2 = MixtureQuantiles.w2Squared(mu0, mu1).w2();
            assertThat(w2).isLessThan(d);
            // W2^2 >= (E X^2 difference) bound: the variances differ by Delta^2, so
            // W2 >= |sqrt(1 + Delta^2) - 1| (second moments about the common mean 0).
            assertThat(w2).isGreaterThanOrEqualTo(Math.sqrt(1 + delta * delta) - 1 - 1e-12);
            assertThat(d - w2).isGreaterThan(previousGap);
            previousGap = d - w2;
        }
    }

    @Test
    void costMatrixAndPlanAreConsistent() {
        SplittableRandom rng = new SplittableRandom(31);
        GaussianMixture a = TestSupport.randomMixture(4, 3, 10, 2, rng);
        GaussianMixture b = TestSupport.randomMixture(5, 3, 10, 2, rng);
        MixtureTransport tr = metric.transport(a, b);
        double[][] c = tr.costMatrix();
        double[][] p = tr.plan();
        double s = 0;
        for (int i = 0; i < 4; i++) {
            double row = 0;
            for (int j = 0; j < 5; j++) {
                assertThat(c[i][j]).isEqualTo(new BuresWassersteinCost().cost(a.component(i), b.component(j)));
                row += p[i][j];
                s += p[i][j] * c[i][j];
            }
            assertThat(row).isCloseTo(a.weight(i), org.assertj.core.data.Offset.offset(1e-12));
        }
        assertThat(tr.distanceSquared()).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-14 * s));
        assertThat(tr.geodesic().at(0.5).dimension()).isEqualTo(3);
    }

    @Test
    void semiDefiniteComponentsAreAcceptedByTheMetricAndTheGeodesic() {
        // Point masses: d reduces to the Euclidean transport distance between weighted points.
        Gaussian p0 = Gaussian.semiDefinite(new double[] {0, 0}, CovarianceType.SPHERICAL, new double[] {0});
        Gaussian p1 = Gaussian.semiDefinite(new double[] {3, 4}, CovarianceType.FULL, new double[4]);
        Gaussian g = Gaussian.spherical(new double[] {1, 0}, 2);
        GaussianMixture a = GaussianMixture.of(new double[] {0.5, 0.5}, List.of(p0, g));
        GaussianMixture b = GaussianMixture.of(new double[] {0.5, 0.5}, List.of(p1, g));
        MixtureTransport tr = metric.transport(a, b);
        assertThat(tr.distanceSquared()).isCloseTo(0.5 * 25, org.assertj.core.data.Offset.offset(1e-12));
        GaussianMixture mid = tr.geodesic().at(0.5);
        assertThat(metric.distance(a, mid)).isCloseTo(0.5 * tr.distance(), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void badInputIsRejected() {
        assertThatThrownBy(() -> new MixtureMetric(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("emd");
        GaussianMixture a = GaussianMixture.of(Gaussian.standard(2));
        GaussianMixture b = GaussianMixture.of(Gaussian.standard(3));
        assertThatThrownBy(() -> metric.distance(a, b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension 2").hasMessageContaining("dimension 3");
        assertThatThrownBy(() -> metric.transport(a, a).geodesic().at(1.01)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t must be in [0, 1]");
    }
}
