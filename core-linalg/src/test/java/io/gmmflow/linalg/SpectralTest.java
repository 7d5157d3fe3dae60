package io.gmmflow.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gmmflow.api.Gaussian;
import io.gmmflow.api.SolverStatus;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpectralTest {

    @ParameterizedTest(name = "d={0}, cond={1}")
    @CsvSource({"1,1e10", "2,1e10", "3,1e6", "10,1e10", "50,1e4", "150,1e10", "300,1e10"})
    void squareRootsSquareBackAndInverseRootsWhiten(int d, double cond) {
        SplittableRandom rng = new SplittableRandom(d + 1);
        double[] spectrum = RandomMatrices.geomspace(1, cond, d);
        double[] a = RandomMatrices.withSpectrum(spectrum, rng);
        double[] r = Spectral.sqrt(a, d);
        double[] rr = Dense.multiply(r, r, d, d, d);
        // sqrt(A)^2 = A to d * eps * |A| (the root's eigenvalues are exact to relative round-off).
        assertThat(Dense.maxAbsDifference(rr, a)).isLessThan(64 * d * 0x1.0p-52 * cond);
        // A^{-1/2} A A^{-1/2} = I: errors grow like cond * eps.
        double[] s = Spectral.inverseSqrt(a, d);
        double[] sas = Dense.multiply(s, Dense.multiply(a, s, d, d, d), d, d, d);
        assertThat(Dense.maxAbsDifference(sas, Dense.identity(d))).isLessThan(64 * d * 0x1.0p-52 * cond);
        // The square root's spectrum is the root of the spectrum: an eigenvalue of A is known to
        // ~d eps |A| = d eps cond absolutely, so its root (lambda >= 1) to half of that.
        double[] rv = SymmetricEigen.values(r, d);
        for (int k = 0; k < d; k++) {
            assertThat(rv[k]).isCloseTo(Math.sqrt(spectrum[k]), within(16 * d * 0x1.0p-52 * cond));
        }
    }

    @Test
    void log1pAndPhiMatchTheirScalarFunctionsOnTheSpectrum() {
        double[] spectrum = {-0.9, -1e-9, 0, 1e-7, 0.5, 30};
        int d = spectrum.length;
        SplittableRandom rng = new SplittableRandom(8);
        double[] q = RandomMatrices.orthogonal(d, rng);
        double[] a = Dense.synthesize(q, spectrum, d);
        double[] l = Spectral.log1p(a, d);
        double[] expected = new double[d];
        for (int k = 0; k < d; k++) {
            expected[k] = Math.log1p(spectrum[k]);
        }
        assertThat(Dense.maxAbsDifference(l, Dense.synthesize(q, expected, d))).isLessThan(1e-13);
        double[] p = Spectral.phi(a, d);
        for (int k = 0; k < d; k++) {
            expected[k] = Spectral.phi(spectrum[k]);
        }
        assertThat(Dense.maxAbsDifference(p, Dense.synthesize(q, expected, d))).isLessThan(1e-12);
        assertThatThrownBy(() -> Spectral.log1p(Dense.synthesize(q, new double[] {-1.5, 0, 0, 0, 0, 0}, d), d))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eigenvalues > -1");
        assertThatThrownBy(() -> Spectral.sqrt(new double[] {-1, 0, 0, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eigenvalue 0 is -1");
    }

    @Test
    void scalarPhiIsStableNearZero() {
        assertThat(Spectral.phi(0)).isEqualTo(1.0);
        // Series reference: log(1+z)/z = 1 - z/2 + z^2/3 - z^3/4 + ...
        for (double z : new double[] {1e-300, 1e-12, -1e-9, 1e-8, 1e-6, -1e-4}) {
            double series = 1 - z / 2 + z * z / 3 - z * z * z / 4 + z * z * z * z / 5;
            assertThat(Spectral.phi(z)).isCloseTo(series, within(1e-15));
        }
        assertThat(Spectral.phi(1)).isCloseTo(Math.log(2), within(1e-16));
        assertThat(Spectral.zLog1p(1e-10)).isCloseTo(1e-20, within(1e-30));
        assertThat(Spectral.zLog1p(3)).isCloseTo(3 * Math.log(4), within(1e-15));
    }

    @Test
    void batchLogDensityMatchesTheValueType() {
        SplittableRandom rng = new SplittableRandom(4);
        for (int d : new int[] {1, 2, 5, 40}) {
            Gaussian g = Gaussian.ofFlat(rng.doubles(d).toArray(), RandomMatrices.spd(d, 100, 1, rng));
            Gaussian diag = Gaussian.diagonal(g.mean(), g.variances());
            double[][] pts = g.sample(7, 5L);
            double[] flat = Dense.flatten(pts);
            double[] out = new double[7];
            double[] outDiag = new double[7];
            GaussianFactor.of(g).logDensity(flat, 0, 7, out);
            GaussianFactor.of(diag).logDensity(flat, 0, 7, outDiag);
            for (int p = 0; p < 7; p++) {
                assertThat(out[p]).isCloseTo(g.logDensity(pts[p]), within(1e-11 * Math.abs(out[p]) + 1e-12));
                assertThat(outDiag[p]).isCloseTo(diag.logDensity(pts[p]), within(1e-11 * Math.abs(outDiag[p]) + 1e-12));
            }
        }
    }

    @Test
    void logSumExpNeitherOverflowsNorUnderflows() {
        assertThat(LogSumExp.of(1000, 1000)).isCloseTo(1000 + Math.log(2), within(1e-12));
        assertThat(LogSumExp.of(-1000, -1000 - Math.log(3))).isCloseTo(-1000 + Math.log(4.0 / 3), within(1e-12));
        assertThat(LogSumExp.of(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(LogSumExp.of(Double.NEGATIVE_INFINITY, 2.0)).isEqualTo(2.0);
    }

    @Test
    void linearProgramSolvesASmallTransportProblemOptimally() {
        // 2 x 2 transport: a = (0.5, 0.5), b = (0.3, 0.7), costs [[0, 1], [1, 0]]:
        // optimum moves 0.2 across, objective 0.2.
        double[] c = {0, 1, 1, 0};
        double[][] eq = {{1, 1, 0, 0}, {0, 0, 1, 1}, {1, 0, 1, 0}, {0, 1, 0, 1}};
        double[] rhs = {0.5, 0.5, 0.3, 0.7};
        LinearProgram.Solution s = LinearProgram.minimize(c, eq, rhs);
        assertThat(s.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(s.objective()).isCloseTo(0.2, within(1e-12));
        assertThat(s.x()[1]).isCloseTo(0.2, within(1e-12));
        // Infeasible: x >= 0 with x1 + x2 = -1.
        LinearProgram.Solution bad = LinearProgram.minimize(new double[] {1, 1}, new double[][] {{1, 1}}, new double[] {-1});
        assertThat(bad.status()).isEqualTo(SolverStatus.FAILED);
        assertThatThrownBy(() -> LinearProgram.minimize(new double[] {1}, new double[][] {{1, 2}}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0 has 2 coefficients");
    }
}
