package io.gmmflow.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CholeskyFactorTest {

    @ParameterizedTest(name = "d={0}, cond={1}")
    @CsvSource({"1,1", "2,1e3", "3,1e10", "10,1e6", "47,1e10", "100,1e4", "300,1e10"})
    void reconstructsAndGivesTheLogDeterminantOfAKnownSpectrum(int d, double cond) {
        SplittableRandom rng = new SplittableRandom(d * 31L + 7);
        double[] spectrum = RandomMatrices.geomspace(0.5, 0.5 * cond, d);
        double[] a = RandomMatrices.withSpectrum(spectrum, rng);
        CholeskyFactor f = CholeskyFactor.tryFactor(a, d);
        assertThat(f.isSuccessful()).isTrue();
        double[] l = f.lower();
        double[] llt = Dense.multiplyTransposeRight(l, l, d, d, d);
        // Cholesky is backward stable: |L L^T - A| <= c d eps |A| (c = 4 covers the observed constant).
        assertThat(Dense.maxAbsDifference(llt, a)).isLessThanOrEqualTo(4 * d * 0x1.0p-52 * Dense.maxAbs(a));
        double logDet = 0;
        for (double s : spectrum) {
            logDet += Math.log(s);
        }
        // log det is a sum of d logs of pivots with relative errors ~ cond * eps; absolute error
        // of each log is then ~ cond * eps, bounded here by 1e-5 even at cond = 1e10.
        assertThat(f.logDeterminant()).isCloseTo(logDet, within(1e-5 + 1e-12 * Math.abs(logDet)));
        // L^{-1} L = I through the matrix solve.
        double[] id = f.solveLowerMatrix(l, d);
        assertThat(Dense.maxAbsDifference(id, Dense.identity(d))).isLessThan(1e-9);
    }

    @Test
    void solvesLinearSystems() {
        int d = 20;
        double[] a = RandomMatrices.spd(d, 100, 1, new SplittableRandom(3));
        double[] x = new SplittableRandom(4).doubles(d, -1, 1).toArray();
        double[] b = Dense.multiplyVector(a, x, d, d);
        double[] y = CholeskyFactor.of(a, d, "A").solve(b);
        assertThat(Dense.maxAbsDifference(x, y)).isLessThan(1e-12);
    }

    @Test
    void reportsTheFailingPivotInsteadOfThrowing() {
        double[] a = {4, 2, 0, 2, 1, 0, 0, 0, 3}; // rank-deficient leading 2 x 2 block: pivot 1 is 0
        CholeskyFactor f = CholeskyFactor.tryFactor(a, 3);
        assertThat(f.isSuccessful()).isFalse();
        assertThat(f.failedPivot()).isEqualTo(1);
        assertThat(f.pivotValue()).isEqualTo(0.0);
        assertThatThrownBy(f::lower).isInstanceOf(IllegalStateException.class).hasMessageContaining("pivot 1");
        assertThatThrownBy(() -> CholeskyFactor.of(new double[] {1, 0, 0, -2}, 2, "covariance of component 3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("covariance of component 3 is not positive definite")
                .hasMessageContaining("pivot 1 is -2");
        assertThat(CholeskyFactor.tryFactor(new double[] {Double.NaN}, 1).isSuccessful()).isFalse();
    }

    @Test
    void congruenceMatchesDenseProducts() {
        int d = 9;
        SplittableRandom rng = new SplittableRandom(5);
        double[] a = RandomMatrices.spd(d, 50, 1, rng);
        double[] b = RandomMatrices.spd(d, 50, 2, rng);
        CholeskyFactor f = CholeskyFactor.of(a, d, "A");
        double[] l = f.lower();
        double[] expected = Dense.multiply(Dense.transpose(l, d, d), Dense.multiply(b, l, d, d, d), d, d, d);
        assertThat(Dense.maxAbsDifference(f.congruenceTranspose(b), expected)).isLessThan(1e-12 * Dense.maxAbs(expected));
        double[] w = f.whitenSymmetric(a);
        assertThat(Dense.maxAbsDifference(w, Dense.identity(d))).isLessThan(1e-12);
    }
}
