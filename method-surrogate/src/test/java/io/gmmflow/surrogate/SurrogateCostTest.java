package io.gmmflow.surrogate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmmflow.api.CostModel;
import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.GaussianPath;
import io.gmmflow.linalg.GaussianFactor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SurrogateCostTest {

    private final SurrogateCost cost = new SurrogateCost();

    @Test
    void tableTwoRowOneInClosedForm() {
        // d = 1, Sigma0 = 1, Sigma1 = 4, |dmu| = 2: C = 4 + (1/4) * 3 * log 4 (eq. 6 with lambda = 3).
        Gaussian a = Gaussian.of(new double[] {0}, new double[][] {{1}});
        Gaussian b = Gaussian.of(new double[] {2}, new double[][] {{4}});
        double expected = 4 + 0.75 * Math.log(4);
        assertThat(cost.cost(a, b)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(Math.round(cost.cost(a, b) * 100) / 100.0).isEqualTo(5.04);
    }

    /**
     * C against the kinetic energy int_0^1 E|v(t, X)|^2 dt computed without the eigendecomposition:
     * E|v|^2 = |dmu|^2 + 1/4 tr(dS Sigma(t)^{-1} dS) (eq. 34-36) with Sigma(t)^{-1} applied by Cholesky
     * solves, integrated by composite Gauss-Legendre graded towards both ends (the integrand
     * sum_k lambda_k^2 w_k / (1 + t lambda_k) is steep near t = 0 for lambda up to 1e3 and near t = 1 for
     * lambda near -1). The rule is exact to round-off; the tolerance 1e-10 relative covers the
     * conditioning (up to 1e3) of the solves.
     */
    @Test
    void costEqualsTheKineticEnergyByQuadratureForDimensionsOneToThirty() {
        SplittableRandom rng = new SplittableRandom(41);
        double[][] rule = TestPairs.gradedRule(30);
        for (int d = 1; d <= 30; d++) {
            for (int rep = 0; rep < 2; rep++) {
                Gaussian a = TestPairs.randomFull(d, 1e3, rng);
                Gaussian b = TestPairs.randomFull(d, 1e3, rng);
                double[] s0 = a.covarianceRowMajor();
                double[] s1 = b.covarianceRowMajor();
                double quad = 0;
                for (int q = 0; q < rule[0].length; q++) {
                    quad += rule[1][q] * TestPairs.covarianceSpeedSquared(s0, s1, rule[0][q], d);
                }
                double mean2 = 0;
                for (int i = 0; i < d; i++) {
                    mean2 += Math.pow(b.mean(i) - a.mean(i), 2);
                }
                double c = cost.cost(a, b);
                assertThat(TestPairs.relative(c, mean2 + quad)).as("d = %d", d).isLessThanOrEqualTo(1e-10);
                assertThat(TestPairs.relative(c - mean2, quad)).as("covariance part, d = %d", d).isLessThanOrEqualTo(1e-10);
            }
        }
    }

    /**
     * C against a Monte-Carlo estimate of int_0^1 E|v(t, X)|^2 dt: at each of 20 Gauss-Legendre nodes
     * t_q, n = 1500 draws X ~ N(m(t_q), Sigma(t_q)) (from {@code at(t)}, not from the cost's spectrum),
     * v from the linear flow. The estimate sum_q w_q mean_q has variance sum_q w_q^2 s_q^2 / n; the pairs
     * have whitened eigenvalues in about [-0.8, 4], for which the 20-point rule is exact to 1e-9
     * relative, far below the standard error. Must lie within 4 standard errors.
     */
    @Test
    void costEqualsAMonteCarloEstimateOfTheKineticEnergy() {
        SplittableRandom rng = new SplittableRandom(43);
        double[][] gl = io.gmmflow.api.contract.ComponentFlowContract.gaussLegendre(20);
        LinearFlow flow = new LinearFlow();
        int n = 1500;
        List<Gaussian[]> pairs = new ArrayList<>();
        for (int d = 1; d <= 30; d++) {
            // eigenvalues of Sigma0^{-1} Sigma1 within about [0.7/4, 4 * 1.4]
            double scale = rng.nextDouble(0.5, 2);
            pairs.add(new Gaussian[] {
                Gaussian.ofFlat(rng.doubles(d, -1, 1).toArray(), io.gmmflow.linalg.RandomMatrices.spd(d, 4, scale, rng)),
                Gaussian.ofFlat(rng.doubles(d, -1, 1).toArray(),
                        io.gmmflow.linalg.RandomMatrices.spd(d, 4, scale * rng.nextDouble(0.7, 1.4), rng))});
        }
        pairs.add(new Gaussian[] {
            Gaussian.diagonal(new double[] {0, 1, 2}, new double[] {0.5, 1, 2}),
            Gaussian.diagonal(new double[] {1, 1, -1}, new double[] {1.5, 0.3, 2})});
        int tested = 0;
        for (Gaussian[] p : pairs) {
            // keep only pairs whose whitened spectrum the 20-point rule integrates exactly
            GapDiagnostics g = GapDiagnostics.of(p[0], p[1], io.gmmflow.api.Parameters.of("splitWorkLimit", 0));
            if (g.lambdaMin() < -0.8 || g.lambdaMax() > 4) {
                continue;
            }
            int d = p[0].dimension();
            GaussianPath path = flow.path(p[0], p[1]);
            double estimate = 0;
            double variance = 0;
            for (int q = 0; q < gl[0].length; q++) {
                double t = 0.5 * (gl[0][q] + 1);
                double w = 0.5 * gl[1][q];
                double[][] x = path.at(t).sample(n, rng.split());
                double[] flat = new double[n * d];
                for (int s = 0; s < n; s++) {
                    System.arraycopy(x[s], 0, flat, s * d, d);
                }
                double[] v = new double[n * d];
                path.evaluate(t, flat, 0, n, null, v);
                double sum = 0;
                double sum2 = 0;
                for (int s = 0; s < n; s++) {
                    double e = 0;
                    for (int i = 0; i < d; i++) {
                        e += v[s * d + i] * v[s * d + i];
                    }
                    sum += e;
                    sum2 += e * e;
                }
                double mean = sum / n;
                double var = (sum2 - n * mean * mean) / (n - 1);
                estimate += w * mean;
                variance += w * w * var / n;
            }
            tested++;
            double se = Math.sqrt(variance);
            assertThat(Math.abs(estimate - cost.cost(p[0], p[1]))).as("d = %d, standard error %s", d, se)
                    .isLessThanOrEqualTo(4 * se);
        }
        assertThat(tested).as("pairs inside the rule's exact range").isGreaterThanOrEqualTo(25);
    }

    /**
     * The fast routes (d = 1, d = 2 closed form, diagonal) against the dense general route, 1e-12
     * relative. Both routes are backward stable and share the rounded dS, so they differ by about
     * kappa(Sigma0) * eps times the cost's own sensitivity: with condition numbers up to e^5 ~ 150 that
     * stays below 1e-12 (measured up to 1.4e-12 between the routes at kappa ~ 1e3, where each is also
     * 4.7e-12 from a 50-digit BigDecimal evaluation of the same formula: the fast route is as accurate
     * as the general one, see {@link #twoByTwoRouteMatchesAFiftyDigitReference}).
     */
    @Test
    void fastPathsAgreeWithTheGeneralRoute() {
        SplittableRandom rng = new SplittableRandom(47);
        for (int t = 0; t < 3000; t++) {
            // d = 2, condition numbers up to e^5 ~ 150, both full and mixed storage
            Gaussian a = TestPairs.randomFull(2, Math.exp(rng.nextDouble(0, 5)), rng);
            Gaussian b = TestPairs.randomFull(2, Math.exp(rng.nextDouble(0, 5)), rng);
            double fast = SurrogateCost.twoByTwoCost(GaussianFactor.of(a), GaussianFactor.of(b));
            double dense = TestPairs.denseCovarianceCost(a, b);
            assertThat(TestPairs.relative(fast, dense)).as("d = 2 pair %d", t).isLessThanOrEqualTo(1e-12);
            Gaussian diag = Gaussian.diagonal(a.mean(), rng.doubles(2, 0.1, 5).toArray());
            fast = SurrogateCost.twoByTwoCost(GaussianFactor.of(diag), GaussianFactor.of(b));
            assertThat(TestPairs.relative(fast, TestPairs.denseCovarianceCost(diag, b))).isLessThanOrEqualTo(1e-12);
            fast = SurrogateCost.twoByTwoCost(GaussianFactor.of(b), GaussianFactor.of(diag));
            assertThat(TestPairs.relative(fast, TestPairs.denseCovarianceCost(b, diag))).isLessThanOrEqualTo(1e-12);

            // d = 1
            double va = rng.nextDouble(0.01, 10);
            double vb = rng.nextDouble(0.01, 10);
            Gaussian a1 = Gaussian.of(new double[] {0}, new double[][] {{va}});
            Gaussian b1 = Gaussian.of(new double[] {1}, new double[][] {{vb}});
            double c1 = SurrogateCost.covarianceCost(GaussianFactor.of(a1), GaussianFactor.of(b1));
            assertThat(TestPairs.relative(c1, TestPairs.denseCovarianceCost(a1, b1))).isLessThanOrEqualTo(1e-12);

            // diagonal, d = 6, against the general route on the same matrices stored full
            double[] ma = rng.doubles(6, 0.05, 5).toArray();
            double[] mb = rng.doubles(6, 0.05, 5).toArray();
            Gaussian da = Gaussian.diagonal(new double[6], ma);
            Gaussian db = Gaussian.diagonal(new double[6], mb);
            double cd = SurrogateCost.covarianceCost(GaussianFactor.of(da), GaussianFactor.of(db));
            double cg = SurrogateCost.generalCost(GaussianFactor.of(TestPairs.asFull(da)), GaussianFactor.of(TestPairs.asFull(db)));
            assertThat(TestPairs.relative(cd, cg)).isLessThanOrEqualTo(1e-12);
        }
        // Special 2 x 2 cases: G a multiple of the identity (equal eigenvalues), G exactly diagonal, G = 0.
        Gaussian a = Gaussian.of(new double[2], new double[][] {{2, 0.5}, {0.5, 1}});
        for (double f : new double[] {0.3, 1, 4}) {
            Gaussian b = Gaussian.of(new double[2], new double[][] {{2 * f, 0.5 * f}, {0.5 * f, f}});
            double fast = SurrogateCost.twoByTwoCost(GaussianFactor.of(a), GaussianFactor.of(b));
            // G = (f - 1) I: C_cov = 1/4 (f-1) log f tr(Sigma0)
            double exact = 0.25 * (f - 1) * Math.log(f) * 3;
            assertThat(Math.abs(fast - exact)).isLessThanOrEqualTo(1e-14 * Math.max(exact, 1));
        }
        Gaussian d1 = Gaussian.diagonal(new double[2], new double[] {1, 3});
        Gaussian d2 = Gaussian.of(new double[2], new double[][] {{2, 0}, {0, 1}});
        double fast = SurrogateCost.twoByTwoCost(GaussianFactor.of(d1), GaussianFactor.of(d2));
        assertThat(fast).isCloseTo(0.25 * (Math.log(2) + 3 * (-2.0 / 3) * Math.log(1.0 / 3)),
                org.assertj.core.data.Offset.offset(1e-15));
    }

    /**
     * d = 2 at condition numbers up to 1e3 against the same formula in 50-digit BigDecimal arithmetic
     * on the same double inputs (Cholesky, whitening, eigenpair, weights; only the final
     * lambda log(1 + lambda) in double): relative error below 1e-11 (measured max 4.7e-12, the same as
     * the general route's).
     */
    @Test
    void twoByTwoRouteMatchesAFiftyDigitReference() {
        SplittableRandom rng = new SplittableRandom(59);
        for (int t = 0; t < 1000; t++) {
            Gaussian a = TestPairs.randomFull(2, Math.exp(rng.nextDouble(0, 7)), rng);
            Gaussian b = TestPairs.randomFull(2, Math.exp(rng.nextDouble(0, 7)), rng);
            double fast = SurrogateCost.twoByTwoCost(GaussianFactor.of(a), GaussianFactor.of(b));
            assertThat(TestPairs.relative(fast, bigDecimalCost(a, b))).as("pair %d", t).isLessThanOrEqualTo(1e-11);
        }
    }

    private static double bigDecimalCost(Gaussian a, Gaussian b) {
        java.math.MathContext mc = new java.math.MathContext(50);
        double[] s = a.covarianceRowMajor();
        double[] t = b.covarianceRowMajor();
        java.math.BigDecimal two = java.math.BigDecimal.valueOf(2);
        java.math.BigDecimal s00 = new java.math.BigDecimal(s[0]);
        java.math.BigDecimal s01 = new java.math.BigDecimal(s[1]);
        java.math.BigDecimal s11 = new java.math.BigDecimal(s[3]);
        java.math.BigDecimal l00 = s00.sqrt(mc);
        java.math.BigDecimal l10 = s01.divide(l00, mc);
        java.math.BigDecimal l11 = s11.subtract(l10.multiply(l10, mc), mc).sqrt(mc);
        java.math.BigDecimal p = new java.math.BigDecimal(t[0]).subtract(s00, mc);
        java.math.BigDecimal q = new java.math.BigDecimal(t[1]).subtract(s01, mc);
        java.math.BigDecimal r = new java.math.BigDecimal(t[3]).subtract(s11, mc);
        java.math.BigDecimal x00 = p.divide(l00, mc);
        java.math.BigDecimal x01 = q.divide(l00, mc);
        java.math.BigDecimal x10 = q.subtract(l10.multiply(x00, mc), mc).divide(l11, mc);
        java.math.BigDecimal x11 = r.subtract(l10.multiply(x01, mc), mc).divide(l11, mc);
        java.math.BigDecimal g00 = x00.divide(l00, mc);
        java.math.BigDecimal g01 = x10.divide(l00, mc);
        java.math.BigDecimal g11 = x11.subtract(l10.multiply(g01, mc), mc).divide(l11, mc);
        java.math.BigDecimal m = g00.add(g11, mc).divide(two, mc);
        java.math.BigDecimal half = g00.subtract(g11, mc).divide(two, mc);
        java.math.BigDecimal h = half.multiply(half, mc).add(g01.multiply(g01, mc), mc).sqrt(mc);
        java.math.BigDecimal hi = m.add(h, mc);
        java.math.BigDecimal lo = m.subtract(h, mc);
        java.math.BigDecimal vx = g01;
        java.math.BigDecimal vy = hi.subtract(g00, mc);
        java.math.BigDecimal n = vx.multiply(vx, mc).add(vy.multiply(vy, mc), mc).sqrt(mc);
        java.math.BigDecimal x = vx.divide(n, mc);
        java.math.BigDecimal y = vy.divide(n, mc);
        java.math.BigDecimal u0 = l00.multiply(x, mc);
        java.math.BigDecimal u1 = l10.multiply(x, mc).add(l11.multiply(y, mc), mc);
        java.math.BigDecimal v0 = l00.multiply(y, mc);
        java.math.BigDecimal v1 = l11.multiply(x, mc).subtract(l10.multiply(y, mc), mc);
        double wHi = u0.multiply(u0, mc).add(u1.multiply(u1, mc), mc).doubleValue();
        double wLo = v0.multiply(v0, mc).add(v1.multiply(v1, mc), mc).doubleValue();
        return 0.25 * (io.gmmflow.linalg.Spectral.zLog1p(hi.doubleValue()) * wHi
                + io.gmmflow.linalg.Spectral.zLog1p(lo.doubleValue()) * wLo);
    }

    @Test
    void matrixEqualsPairwiseCostsSequentialAndParallel() {
        SplittableRandom rng = new SplittableRandom(53);
        for (int d : new int[] {2, 12}) {
            // d = 12, 7 x 9 pairs: about 1e6 flops, above the parallel threshold; d = 2 runs sequentially.
            GaussianMixture src = mixture(7, d, rng);
            GaussianMixture tgt = mixture(9, d, rng);
            double[][] m = cost.matrix(src, tgt);
            for (int i = 0; i < 7; i++) {
                for (int j = 0; j < 9; j++) {
                    assertThat(m[i][j]).isEqualTo(cost.cost(src.component(i), tgt.component(j)));
                }
            }
        }
    }

    static GaussianMixture mixture(int k, int d, SplittableRandom rng) {
        List<Gaussian> comps = new ArrayList<>();
        double[] w = new double[k];
        Arrays.fill(w, 1.0 / k);
        for (int i = 0; i < k; i++) {
            comps.add(i % 3 == 2 ? Gaussian.diagonal(rng.doubles(d, -1, 1).toArray(), rng.doubles(d, 0.2, 2).toArray())
                    : TestPairs.randomFull(d, 20, rng));
        }
        return GaussianMixture.of(w, comps);
    }

    @Test
    void badInputNamesThePair() {
        Gaussian good = Gaussian.standard(2);
        Gaussian singular = Gaussian.semiDefinite(new double[2], CovarianceType.FULL, new double[] {1, 1, 1, 1});
        assertThatThrownBy(() -> cost.cost(good, singular)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("target covariance is not positive definite");
        assertThatThrownBy(() -> cost.cost(singular, good)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source covariance is not positive definite");
        assertThatThrownBy(() -> cost.cost(good, Gaussian.standard(3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source has dimension 2 but target has dimension 3");
        GaussianMixture src = GaussianMixture.of(new double[] {0.5, 0.5}, List.of(good, good));
        GaussianMixture tgt = GaussianMixture.of(new double[] {0.2, 0.3, 0.5}, List.of(good, good, singular));
        assertThatThrownBy(() -> cost.matrix(src, tgt)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("pair (0, 2): target covariance is not positive definite");
        GaussianMixture three = GaussianMixture.of(new double[] {1}, List.of(Gaussian.standard(3)));
        assertThatThrownBy(() -> cost.matrix(src, three)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source has dimension 2 but target has dimension 3");
        // A target positive definite on its own but not to working precision relative to the source.
        assertThatThrownBy(() -> SurrogateCost.scalarCost(1, -1e-300)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be > -1");
    }

    @Test
    void isFoundByServiceLoader() {
        List<String> names = new ArrayList<>();
        ServiceLoader.load(CostModel.class).forEach(c -> names.add(c.name()));
        assertThat(names).contains("surrogate");
        assertThat(cost.defaults().names()).isEmpty();
        assertThat(cost.description()).contains("eq. 6");
    }
}
