package io.gmmflow.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SymmetricEigenTest {

    private static final double EPS = 0x1.0p-52;

    /** Eigenvalues are backward stable: |computed - exact| <= c d eps |A|; c = 8 is generous. */
    private static double valueTolerance(int d, double norm) {
        return 8 * d * EPS * norm;
    }

    @ParameterizedTest(name = "d={0}, cond={1}")
    @CsvSource({"1,1", "2,1e10", "3,1e10", "5,1e3", "10,1e10", "47,1e10", "11,1e6", "12,1e6", "64,1e10", "100,1e10",
        "300,1e10"})
    void recoversAKnownSpectrumWithOrthonormalVectors(int d, double cond) {
        SplittableRandom rng = new SplittableRandom(1000 + d);
        double[] spectrum = RandomMatrices.geomspace(1, cond, d);
        double[] a = RandomMatrices.withSpectrum(spectrum, rng);
        double norm = cond;

        double[] values = SymmetricEigen.values(a, d);
        SymmetricEigen.Decomposition full = SymmetricEigen.decompose(a, d);
        for (int k = 0; k < d; k++) {
            assertThat(Math.abs(values[k] - spectrum[k])).as("value %d", k).isLessThanOrEqualTo(valueTolerance(d, norm));
            assertThat(Math.abs(full.value(k) - spectrum[k])).isLessThanOrEqualTo(valueTolerance(d, norm));
        }
        double[] v = full.vectors();
        double[] vtv = Dense.multiplyTransposeLeft(v, v, d, d, d);
        assertThat(Dense.maxAbsDifference(vtv, Dense.identity(d))).isLessThan(100 * d * EPS);
        // Residual A V - V Lambda, relative to |A|.
        double[] av = Dense.multiply(a, v, d, d, d);
        double worst = 0;
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                worst = Math.max(worst, Math.abs(av[i * d + k] - v[i * d + k] * full.value(k)));
            }
        }
        assertThat(worst).isLessThan(valueTolerance(d, norm) * 4);
    }

    @ParameterizedTest(name = "d={0}")
    @CsvSource({"3", "20", "60", "150"})
    void javaAndOjAlgoRoutesAgree(int d) {
        double[] a = RandomMatrices.spd(d, 1e4, 1, new SplittableRandom(d));
        double[] vj = SymmetricEigen.valuesJava(a, d);
        double[] vo = SymmetricEigen.valuesOjAlgo(a, d);
        for (int k = 0; k < d; k++) {
            assertThat(Math.abs(vj[k] - vo[k])).isLessThanOrEqualTo(valueTolerance(d, 1e4));
        }
        SymmetricEigen.Decomposition ej = SymmetricEigen.decomposeJava(a, d);
        SymmetricEigen.Decomposition eo = SymmetricEigen.decomposeOjAlgo(a, d);
        // Vectors agree up to sign when the eigenvalues are well separated (geomspace ratios >= 1.06).
        for (int k = 0; k < d; k++) {
            double[] x = ej.vector(k);
            double[] y = eo.vector(k);
            double dot = 0;
            for (int i = 0; i < d; i++) {
                dot += x[i] * y[i];
            }
            assertThat(Math.abs(Math.abs(dot) - 1)).isLessThan(1e-8);
        }
    }

    @Test
    void closedForm2x2AgreesWithTheGeneralRouteTo1e12() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 1000; trial++) {
            double[] a = RandomMatrices.spd(2, Math.exp(rng.nextDouble(0, 10)), rng.nextDouble(0.1, 10), rng);
            double[] closed = SymmetricEigen.values(a, 2);
            double[] general = SymmetricEigen.valuesJava(a, 2);
            for (int k = 0; k < 2; k++) {
                // relative to the larger eigenvalue: both are backward stable
                assertThat(Math.abs(closed[k] - general[k])).isLessThanOrEqualTo(1e-12 * general[1]);
            }
            SymmetricEigen.Decomposition e = SymmetricEigen.decompose(a, 2);
            double[] back = e.synthesize(e.values());
            assertThat(Dense.maxAbsDifference(back, a)).isLessThanOrEqualTo(1e-14 * general[1]);
        }
        // Diagonal and negative inputs too.
        assertThat(SymmetricEigen.values(new double[] {3, 0, 0, -1}, 2)).containsExactly(-1, 3);
        SymmetricEigen.Decomposition e = SymmetricEigen.decompose(new double[] {3, 0, 0, -1}, 2);
        assertThat(e.vector(0)).containsExactly(0, 1);
    }

    @Test
    void valuesAreAscendingForIndefiniteMatrices() {
        double[] spectrum = {-5, -1e-3, 0, 2, 7};
        double[] a = RandomMatrices.withSpectrum(spectrum, new SplittableRandom(2));
        double[] v = SymmetricEigen.values(a, 5);
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        assertThat(v).containsExactly(sorted);
        for (int k = 0; k < 5; k++) {
            assertThat(Math.abs(v[k] - spectrum[k])).isLessThan(1e-13);
        }
    }

    @Test
    void rejectsNonFiniteEntries() {
        assertThatThrownBy(() -> SymmetricEigen.values(new double[] {1, Double.NaN, Double.NaN, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1) is not finite");
        assertThatThrownBy(() -> SymmetricEigen.values(new double[] {1, 2, 3}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 2 x 2");
    }
}
