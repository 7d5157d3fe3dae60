package io.gmmflow.exact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.linalg.Dense;
import io.gmmflow.linalg.RandomMatrices;
import io.gmmflow.linalg.Spectral;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BuresWassersteinCostTest {

    private final BuresWassersteinCost cost = new BuresWassersteinCost();

    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {1, 2, 3, 5, 10, 30, 100, 300})
    void equalsTheSquareRootFormulaOfEq10To1e10(int d) {
        SplittableRandom rng = new SplittableRandom(1000 + d);
        int trials = d >= 100 ? 2 : 8;
        for (int t = 0; t < trials; t++) {
            Gaussian a = TestSupport.randomFull(d, 100, rng);
            Gaussian b = TestSupport.randomFull(d, 100, rng);
            double ref = TestSupport.w2BySquareRoots(a, b);
            // Both routes are backward stable; with condition numbers 1e2 their relative agreement is
            // about d * cond * 1e-16 <= 3e-12 up to d = 300, well inside 1e-10.
            assertThat(Math.abs(cost.cost(a, b) - ref)).isLessThanOrEqualTo(1e-10 * ref);
            assertThat(Math.abs(cost.cost(b, a) - ref)).isLessThanOrEqualTo(1e-10 * ref);
        }
    }

    @Test
    void matrixEqualsPairCostsAndRunsLargeProblemsInParallel() {
        SplittableRandom rng = new SplittableRandom(5);
        GaussianMixture s = TestSupport.randomMixture(30, 24, 50, 1, rng);
        GaussianMixture t = TestSupport.randomMixture(25, 24, 50, 1, rng);
        double[][] m = cost.matrix(s, t);
        assertThat(m).hasNumberOfRows(30);
        for (int i = 0; i < 30; i++) {
            for (int j = 0; j < 25; j++) {
                // The matrix reuses factors but runs the same arithmetic: bitwise equal.
                assertThat(m[i][j]).isEqualTo(cost.cost(s.component(i), t.component(j)));
            }
        }
    }

    @Test
    void fastPathsAgreeWithTheGeneralRoute() {
        SplittableRandom rng = new SplittableRandom(9);
        for (int trial = 0; trial < 50; trial++) {
            int d = 1 + rng.nextInt(8);
            double[] ma = rng.doubles(d, -1, 1).toArray();
            double[] mb = rng.doubles(d, -1, 1).toArray();
            double[] va = rng.doubles(d, 0.01, 10).toArray();
            double[] vb = rng.doubles(d, 0.01, 10).toArray();
            Gaussian da = Gaussian.diagonal(ma, va);
            Gaussian db = Gaussian.diagonal(mb, vb);
            // Closed form for commuting (diagonal) covariances: |dmu|^2 + sum (sqrt a - sqrt b)^2.
            double expected = Dense.squaredDistance(ma, mb);
            for (int i = 0; i < d; i++) {
                expected += Math.pow(Math.sqrt(va[i]) - Math.sqrt(vb[i]), 2);
            }
            assertThat(cost.cost(da, db)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12 * (1 + expected)));
            Gaussian fa = Gaussian.ofFlat(ma, da.covarianceRowMajor());
            Gaussian fb = Gaussian.ofFlat(mb, db.covarianceRowMajor());
            assertThat(cost.cost(fa, fb)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12 * (1 + expected)));
            // Mixed storage kinds take the general route.
            assertThat(cost.cost(da, fb)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12 * (1 + expected)));
        }
        Gaussian s = Gaussian.spherical(new double[] {0, 0, 0}, 4);
        Gaussian u = Gaussian.spherical(new double[] {1, 2, 0}, 1);
        assertThat(cost.cost(s, u)).isEqualTo(5 + 3 * 1.0);
    }

    @Test
    void identicalGaussiansCostExactlyZeroAndCostIsSymmetric() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int d : new int[] {1, 2, 3, 50, 300}) {
            Gaussian a = TestSupport.randomFull(d, 1e8, rng);
            Gaussian copy = Gaussian.ofFlat(a.mean(), a.covarianceRowMajor());
            assertThat(cost.cost(a, copy)).isZero();
            Gaussian b = TestSupport.randomFull(d, 10, rng);
            double ab = cost.cost(a, b);
            assertThat(Math.abs(ab - cost.cost(b, a))).isLessThanOrEqualTo(1e-11 * ab);
        }
    }

    @Test
    void semiDefiniteCovariancesAreAccepted() {
        // Point masses: W2 is the distance between the points (seed 002 after eq. 8).
        Gaussian p = Gaussian.semiDefinite(new double[] {1, 2}, CovarianceType.SPHERICAL, new double[] {0});
        Gaussian q = Gaussian.semiDefinite(new double[] {4, 6}, CovarianceType.FULL, new double[4]);
        assertThat(cost.cost(p, q)).isEqualTo(25.0);
        // A point mass against N(m, S): every coupling is the product, W2^2 = |dm|^2 + tr S.
        SplittableRandom rng = new SplittableRandom(4);
        Gaussian g = TestSupport.randomFull(2, 10, rng);
        double expected = Dense.squaredDistance(g.mean(), q.mean()) + g.trace();
        assertThat(cost.cost(q, g)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12 * expected));
        assertThat(cost.cost(g, q)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12 * expected));
        // Rank-deficient full covariances in d = 5 against the square-root formula with PSD roots.
        for (int trial = 0; trial < 10; trial++) {
            int d = 5;
            double[] spec = {0, 0, 0.5, 1.5, 3};
            Gaussian a = Gaussian.semiDefinite(rng.doubles(d, -1, 1).toArray(), CovarianceType.FULL,
                    RandomMatrices.withSpectrum(spec, rng));
            Gaussian b = TestSupport.randomFull(d, 30, rng);
            double[] sa = Spectral.sqrt(a.covarianceRowMajor(), d);
            double[] inner = Dense.symmetrize(Dense.multiply(sa, Dense.multiply(b.covarianceRowMajor(), sa, d, d, d), d, d, d), d);
            double ref = Dense.squaredDistance(a.mean(), b.mean()) + a.trace() + b.trace()
                    - 2 * Dense.trace(Spectral.sqrt(inner, d), d);
            // PSD square roots lose accuracy near the zero eigenvalues (sqrt of round-off): 1e-7 relative.
            assertThat(Math.abs(cost.cost(a, b) - ref)).isLessThanOrEqualTo(1e-7 * ref);
            assertThat(Math.abs(cost.cost(b, a) - ref)).isLessThanOrEqualTo(1e-7 * ref);
        }
    }

    @Test
    void badInputIsAnIllegalArgumentNamingIt() {
        Gaussian a = Gaussian.standard(2);
        Gaussian b = Gaussian.standard(3);
        assertThatThrownBy(() -> cost.cost(a, b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension 2").hasMessageContaining("dimension 3");
        assertThatThrownBy(() -> cost.cost(null, b)).isInstanceOf(IllegalArgumentException.class);
        List<Gaussian> two = new ArrayList<>(List.of(a, a));
        assertThatThrownBy(() -> cost.matrix(GaussianMixture.uniform(two), GaussianMixture.of(b)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension 2").hasMessageContaining("dimension 3");
    }
}
