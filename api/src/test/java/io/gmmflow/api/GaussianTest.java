package io.gmmflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GaussianTest {

    private static final double[] M2 = {0, 0};

    // ------------------------------------------------------------------ validation errors

    @Test
    void fullCovarianceThatIsNotSymmetric() {
        assertThatThrownBy(() -> Gaussian.of(M2, new double[][] {{1, 0.5}, {0.4, 1}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("covariance is not symmetric: entry (0, 1) = 0.5 but (1, 0) = 0.4");
    }

    @Test
    void asymmetryWithinTheRelativeToleranceIsAcceptedAndSymmetrizedExactly() {
        // 1e-12 off against a largest entry of 2: relative 5e-13 < 1e-10.
        Gaussian g = Gaussian.of(M2, new double[][] {{2, 0.5}, {0.5 + 1e-12, 1}});
        assertThat(g.covariance(0, 1)).isEqualTo(g.covariance(1, 0));
        assertThat(g.covariance(0, 1)).isCloseTo(0.5 + 0.5e-12, within(1e-16));
    }

    @Test
    void fullCovarianceThatIsNotPositiveDefinite() {
        // [[1, 2], [2, 1]]: the second Cholesky pivot is 1 - 2^2/1 = -3.
        assertThatThrownBy(() -> Gaussian.of(M2, new double[][] {{1, 2}, {2, 1}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("covariance is not positive definite (Cholesky pivot 1 is -3.0)");
        // Semi-definite ([[1, 1], [1, 1]], pivot 1 is exactly 0) is not positive definite either.
        assertThatThrownBy(() -> Gaussian.of(M2, new double[][] {{1, 1}, {1, 1}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("covariance is not positive definite (Cholesky pivot 1 is 0.0)");
        assertThatThrownBy(() -> Gaussian.of(M2, new double[][] {{-1, 0}, {0, 1}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("covariance is not positive definite (Cholesky pivot 0 is -1.0)");
    }

    @Test
    void fullCovarianceWithNonFiniteEntries() {
        assertThatThrownBy(() -> Gaussian.of(M2, new double[][] {{1, Double.NaN}, {0, 1}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("covariance entry (0, 1) is not finite (NaN)");
        assertThatThrownBy(() -> Gaussian.of(M2, new double[][] {{1, 0}, {0, Double.POSITIVE_INFINITY}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("covariance entry (1, 1) is not finite (Infinity)");
        assertThatThrownBy(() -> Gaussian.ofFlat(M2, new double[] {1, 0, Double.NEGATIVE_INFINITY, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("covariance entry (1, 0) is not finite (-Infinity)");
    }

    @Test
    void fullCovarianceOfTheWrongShape() {
        assertThatThrownBy(() -> Gaussian.of(new double[] {0, 0, 0}, new double[][] {{1, 0}, {0, 1}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("covariance has 2 rows but the mean has length 3");
        assertThatThrownBy(() -> Gaussian.of(M2, new double[][] {{1, 0}, {0, 1, 0}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("covariance row 1 has 3 entries, expected 2");
        assertThatThrownBy(() -> Gaussian.of(M2, new double[][] {{1, 0}, null}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("covariance row 1 has 0 entries, expected 2");
        assertThatThrownBy(() -> Gaussian.ofFlat(M2, new double[] {1, 0, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("covariance has 3 entries but the mean has length 2 (expected a 2 x 2 matrix)");
        assertThatThrownBy(() -> Gaussian.of(M2, (double[][]) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("covariance is null");
    }

    @Test
    void badMeans() {
        assertThatThrownBy(() -> Gaussian.spherical(new double[] {0, Double.NaN}, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mean entry 1 is not finite (NaN)");
        assertThatThrownBy(() -> Gaussian.spherical(new double[] {Double.NEGATIVE_INFINITY}, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mean entry 0 is not finite (-Infinity)");
        assertThatThrownBy(() -> Gaussian.spherical(new double[0], 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mean has length 0: a Gaussian needs dimension >= 1");
        assertThatThrownBy(() -> Gaussian.spherical(null, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mean is null");
        assertThatThrownBy(() -> Gaussian.standard(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dimension must be >= 1, got 0");
    }

    @Test
    void badDiagonalCovariances() {
        assertThatThrownBy(() -> Gaussian.diagonal(M2, new double[] {1, -1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("covariance is not positive definite (variance 1 is -1.0)");
        assertThatThrownBy(() -> Gaussian.diagonal(M2, new double[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("covariance is not positive definite (variance 0 is 0.0)");
        assertThatThrownBy(() -> Gaussian.diagonal(M2, new double[] {Double.NaN, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("variance 0 is not finite (NaN)");
        assertThatThrownBy(() -> Gaussian.diagonal(M2, new double[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("diagonal covariance has 3 variances but the mean has length 2");
        assertThatThrownBy(() -> Gaussian.diagonal(M2, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("variances is null");
    }

    @Test
    void badSphericalCovariances() {
        assertThatThrownBy(() -> Gaussian.spherical(M2, -2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("covariance is not positive definite (variance is -2.0)");
        assertThatThrownBy(() -> Gaussian.spherical(M2, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("variance is not finite (Infinity)");
        assertThatThrownBy(() -> Gaussian.of(M2, CovarianceType.SPHERICAL, new double[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spherical covariance needs exactly one variance, got 2");
        assertThatThrownBy(() -> Gaussian.of(M2, null, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("covariance type is null");
    }

    @Test
    void semiDefiniteFactoryAcceptsNullDirectionsButNotNegativeOnes() {
        Gaussian point = Gaussian.semiDefinite(M2, CovarianceType.FULL, new double[] {1, 1, 1, 1});
        assertThat(point.isPositiveDefinite()).isFalse();
        assertThat(point.logDeterminant()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> point.logDensity(M2)).isInstanceOf(IllegalStateException.class);
        // Every draw lies on the null space's complement: x0 == x1 for covariance [[1,1],[1,1]].
        for (double[] x : point.sample(20, 3L)) {
            assertThat(x[0]).isEqualTo(x[1]);
        }
        assertThat(Gaussian.semiDefinite(M2, CovarianceType.DIAGONAL, new double[] {0, 1}).isPositiveDefinite())
                .isFalse();
        assertThatThrownBy(() -> Gaussian.semiDefinite(M2, CovarianceType.FULL, new double[] {1, 2, 2, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("covariance is not positive semi-definite (Cholesky pivot 1 is -3.0)");
        assertThatThrownBy(() -> Gaussian.semiDefinite(M2, CovarianceType.DIAGONAL, new double[] {-1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("covariance is not positive definite (variance 0 is -1.0)");
    }

    // ------------------------------------------------------------------ values

    @Test
    void arraysAreCopiedInAndOut() {
        double[] mean = {1, 2};
        double[][] cov = {{2, 0.5}, {0.5, 1}};
        Gaussian g = Gaussian.of(mean, cov);
        mean[0] = 99;
        cov[0][0] = 99;
        g.mean()[1] = 99;
        g.covarianceParameters()[0] = 99;
        assertThat(g.mean()).containsExactly(1, 2);
        assertThat(g.covariance()).isDeepEqualTo(new double[][] {{2, 0.5}, {0.5, 1}});
    }

    @Test
    void accessorsAgreeAcrossStorageKinds() {
        Gaussian d = Gaussian.diagonal(new double[] {1, 2}, new double[] {4, 9});
        assertThat(d.covarianceRowMajor()).containsExactly(4, 0, 0, 9);
        assertThat(d.choleskyFactor()).containsExactly(2, 0, 0, 3);
        assertThat(d.variances()).containsExactly(4, 9);
        assertThat(d.trace()).isEqualTo(13);
        assertThat(d.logDeterminant()).isCloseTo(Math.log(36), within(1e-15));
        Gaussian s = Gaussian.spherical(new double[] {0, 0, 0}, 2);
        assertThat(s.covariance()).isDeepEqualTo(new double[][] {{2, 0, 0}, {0, 2, 0}, {0, 0, 2}});
        assertThat(s.logDeterminant()).isCloseTo(3 * Math.log(2), within(1e-15));
        // Full [[4, 2], [2, 3]]: L = [[2, 0], [1, sqrt 2]], det = 8.
        Gaussian f = Gaussian.of(M2, new double[][] {{4, 2}, {2, 3}});
        assertThat(f.choleskyFactor()).containsExactly(new double[] {2, 0, 1, Math.sqrt(2)}, within(1e-15));
        assertThat(f.logDeterminant()).isCloseTo(Math.log(8), within(1e-15));
    }

    @Test
    void logDensityMatchesTheClosedForm() {
        // N(1, 4) at x = 3: -0.5 (log 2pi + log 4 + (3-1)^2/4).
        Gaussian g1 = Gaussian.spherical(new double[] {1}, 4);
        assertThat(g1.logDensity(new double[] {3}))
                .isCloseTo(-0.5 * (Math.log(2 * Math.PI) + Math.log(4) + 1), within(1e-14));
        // 2-D full Sigma = [[4, 2], [2, 3]], det 8, inverse [[3, -2], [-2, 4]] / 8; x - mu = (1, -1):
        // quadratic form (3 + 4 + 4) / 8 = 11/8.
        Gaussian g2 = Gaussian.of(new double[] {1, 1}, new double[][] {{4, 2}, {2, 3}});
        double expected = -0.5 * (2 * Math.log(2 * Math.PI) + Math.log(8) + 11.0 / 8);
        assertThat(g2.logDensity(new double[] {2, 0})).isCloseTo(expected, within(1e-14));
        assertThatThrownBy(() -> g2.logDensity(new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("point has length 1, expected 2");
    }

    @Test
    void samplingIsReproducibleAndRejectsNegativeCounts() {
        Gaussian g = Gaussian.of(M2, new double[][] {{4, 2}, {2, 3}});
        assertThat(g.sample(50, 7L)).isDeepEqualTo(g.sample(50, 7L));
        assertThat(g.sample(50, 7L)).isNotEqualTo(g.sample(50, 8L));
        assertThat(g.sample(0, 7L)).isEmpty();
        assertThatThrownBy(() -> g.sample(-1, 7L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("number of samples must be >= 0, got -1");
    }

    @Test
    void equalityIsByValueAndKind() {
        Gaussian a = Gaussian.diagonal(M2, new double[] {1, 1});
        assertThat(a).isEqualTo(Gaussian.diagonal(M2, new double[] {1, 1}))
                .hasSameHashCodeAs(Gaussian.diagonal(M2, new double[] {1, 1}))
                .isNotEqualTo(Gaussian.spherical(M2, 1))
                .isNotEqualTo(Gaussian.of(M2, new double[][] {{1, 0}, {0, 1}}));
    }
}
