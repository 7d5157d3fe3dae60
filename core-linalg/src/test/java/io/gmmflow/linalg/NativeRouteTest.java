package io.gmmflow.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The native (LAPACK/BLAS) and pure-Java routes agree. Skipped where the native library does not
 * load, unless the system property {@code gmmflow.linalg.requireNative=true} (set by CI) demands it:
 * then its absence fails.
 *
 * <p>Tolerances: both routes are backward stable, so for eigenvalues and the congruences the
 * difference is a few d eps |A| in absolute terms; relative to the spectral norm |A|_2 = lambda_max
 * that is below 300 * 2.2e-16 * small constant < 1e-12 up to d = 300, whatever the condition
 * number (up to 1e6 here). Small eigenvalues are not compared relative to themselves: their relative
 * error is cond * eps by nature, on either route.
 */
class NativeRouteTest {

    private static final boolean REQUIRED = Boolean.getBoolean("gmmflow.linalg.requireNative");

    private static void assumeNative() {
        if (NativeLinalg.isAvailable()) {
            return;
        }
        if (REQUIRED) {
            fail("gmmflow.linalg.requireNative=true but the native route did not load: " + NativeLinalg.status());
        }
        assumeTrue(false, "native LAPACK/BLAS not available: " + NativeLinalg.status());
    }

    @Test
    void theRequiredNativeRouteIsTheOptimizedJniOne() {
        assumeNative();
        assertThat(NativeLinalg.status()).contains("JNILAPACK").contains("JNIBLAS").doesNotContain("F2j");
        if (REQUIRED) {
            // CI installs OpenBLAS and pins it to one thread: auto must then use it.
            assertThat(NativeLinalg.isOptimized()).as(NativeLinalg.status()).isTrue();
            assertThat(NativeLinalg.threadsPinned()).as("OPENBLAS_NUM_THREADS=1 in the test JVM").isTrue();
        }
    }

    @Test
    void forcingTheNativeRouteWithoutTheLibraryFailsWithAnExplanation() {
        assumeFalse(NativeLinalg.isAvailable(), "the native library is available here");
        double[] a = {2, 1, 1, 2};
        assertThatThrownBy(() -> SymmetricEigen.values(a, 2, LinalgRoute.NATIVE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not available");
        assertThatThrownBy(() -> CholeskyFactor.tryFactor(a, 2, LinalgRoute.NATIVE))
                .isInstanceOf(IllegalStateException.class);
        // auto and java work regardless.
        assertThat(SymmetricEigen.values(a, 2)).containsExactly(1.0, 3.0);
        assertThat(CholeskyFactor.tryFactor(a, 2, LinalgRoute.JAVA).isSuccessful()).isTrue();
    }

    @Test
    void crossoversAreOrderedAndFinite() {
        for (NativeLinalg.Kernel k : NativeLinalg.Kernel.values()) {
            assertThat(NativeLinalg.crossover(k)).as(k.name()).isPositive();
        }
        assertThat(NativeLinalg.configuredRoute()).isNotNull();
    }

    @ParameterizedTest(name = "d={0}, cond={1}")
    @CsvSource({"1,1", "2,1e6", "3,1e6", "4,1e2", "5,1e6", "7,1e2", "10,1e6", "12,1e6", "16,1e2", "20,1e6", "31,1e6",
        "45,1e2", "64,1e6", "100,1e6", "150,1e2", "200,1e6", "300,1e6", "300,1e2"})
    void eigenvaluesAgreeTo1e12OfTheNorm(int d, double cond) {
        assumeNative();
        double[] a = RandomMatrices.spd(d, cond, 0.7, new SplittableRandom(31L * d + (long) cond));
        double norm = 0.7 * cond;  // |A|_2, the largest eigenvalue
        double[] vj = SymmetricEigen.values(a, d, LinalgRoute.JAVA);
        double[] vn = SymmetricEigen.values(a, d, LinalgRoute.NATIVE);
        SymmetricEigen.Decomposition ej = SymmetricEigen.decompose(a, d, LinalgRoute.JAVA);
        SymmetricEigen.Decomposition en = SymmetricEigen.decompose(a, d, LinalgRoute.NATIVE);
        for (int k = 0; k < d; k++) {
            assertThat(Math.abs(vn[k] - vj[k])).as("value %d", k).isLessThanOrEqualTo(1e-12 * norm);
            assertThat(Math.abs(en.value(k) - ej.value(k))).as("value %d with vectors", k).isLessThanOrEqualTo(1e-12 * norm);
        }
        // Native vectors: orthonormal and A V = V Lambda to round-off (the same bounds the Java route meets in SymmetricEigenTest).
        double[] v = en.vectors();
        assertThat(Dense.maxAbsDifference(Dense.multiplyTransposeLeft(v, v, d, d, d), Dense.identity(d)))
                .isLessThan(100 * d * 0x1.0p-52);
        double[] av = Dense.multiply(a, v, d, d, d);
        double worst = 0;
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                worst = Math.max(worst, Math.abs(av[i * d + k] - v[i * d + k] * en.value(k)));
            }
        }
        assertThat(worst).isLessThan(32 * d * 0x1.0p-52 * norm);
        // Vectors are defined up to sign (and rotations in near-degenerate clusters), so compare what
        // callers use them for: the spectral synthesis of sqrt(A), relative in the Frobenius norm.
        // Measured at most 6.5e-14 (d = 300, cond = 1e6): 1e-12 leaves a factor 15.
        double[] rootJ = sqrt(ej);
        double[] rootN = sqrt(en);
        double relative = Dense.frobeniusNorm(Dense.subtract(rootN, rootJ)) / Dense.frobeniusNorm(rootJ);
        assertThat(relative).isLessThanOrEqualTo(1e-12);
    }

    private static double[] sqrt(SymmetricEigen.Decomposition e) {
        double[] f = new double[e.dimension()];
        for (int k = 0; k < f.length; k++) {
            f[k] = Math.sqrt(Math.max(e.value(k), 0));
        }
        return e.synthesize(f);
    }

    @ParameterizedTest(name = "d={0}, cond={1}")
    @CsvSource({"1,1", "2,1e6", "3,1e2", "8,1e6", "16,1e6", "20,1e2", "47,1e6", "100,1e6", "300,1e6", "300,1e2"})
    void choleskyAndCongruencesAgreeTo1e12(int d, double cond) {
        assumeNative();
        SplittableRandom rng = new SplittableRandom(7L * d + 3);
        double[] a = RandomMatrices.spd(d, cond, 1.3, rng);
        double[] b = RandomMatrices.spd(d, cond, 0.4, rng);
        CholeskyFactor fj = CholeskyFactor.tryFactor(a, d, LinalgRoute.JAVA);
        CholeskyFactor fn = CholeskyFactor.tryFactor(a, d, LinalgRoute.NATIVE);
        assertThat(fn.isSuccessful()).isTrue();
        double[] lj = fj.lower();
        double[] ln = fn.lower();
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                assertThat(ln[i * d + j]).as("upper entry (%d, %d)", i, j).isZero();
            }
        }
        // Both factors are backward stable; the forward difference is ~ eps sqrt(cond) |L| in practice
        // (max-norm relative to |L|_max): measured at most 6.3e-14 with cond up to 1e6 and d up to 300.
        assertThat(Dense.maxAbsDifference(ln, lj)).isLessThanOrEqualTo(1e-12 * Dense.maxAbs(lj));
        assertThat(fn.logDeterminant()).isCloseTo(fj.logDeterminant(),
                org.assertj.core.api.Assertions.within(1e-12 * (Math.abs(fj.logDeterminant()) + d)));

        // L^T B L and L^{-1} B L^{-T} on both routes from the same (Java) factor; relative in the max-norm.
        double[] cj = fj.congruenceTranspose(b, LinalgRoute.JAVA);
        double[] cn = fj.congruenceTranspose(b, LinalgRoute.NATIVE);
        assertThat(Dense.maxAbsDifference(cn, cj)).isLessThanOrEqualTo(1e-12 * Dense.maxAbs(cj));
        assertSymmetric(cn, d);
        // The whitening could amplify differences by cond(L) = sqrt(cond); measured 4e-15 relative.
        double[] wj = fj.whitenSymmetric(b, LinalgRoute.JAVA);
        double[] wn = fj.whitenSymmetric(b, LinalgRoute.NATIVE);
        assertThat(Dense.maxAbsDifference(wn, wj)).isLessThanOrEqualTo(1e-12 * Dense.maxAbs(wj));
        assertSymmetric(wn, d);

        // Triangular solves and products with a d x m right-hand side.
        int m = Math.max(1, d / 2 + 1);
        double[] rhs = rng.doubles((long) d * m, -1, 1).toArray();
        double[] sj = fj.solveLowerMatrix(rhs, m, LinalgRoute.JAVA);
        double[] sn = fj.solveLowerMatrix(rhs, m, LinalgRoute.NATIVE);
        assertThat(Dense.maxAbsDifference(sn, sj)).isLessThanOrEqualTo(1e-12 * Dense.maxAbs(sj));
        double[] uj = fj.solveUpperMatrix(rhs, m, LinalgRoute.JAVA);
        double[] un = fj.solveUpperMatrix(rhs, m, LinalgRoute.NATIVE);
        assertThat(Dense.maxAbsDifference(un, uj)).isLessThanOrEqualTo(1e-12 * Dense.maxAbs(uj));
        GaussianFactor g = GaussianFactor.of(io.gmmflow.api.Gaussian.ofFlat(new double[d], a));
        double[] pj = g.multiplyLower(rhs, m, LinalgRoute.JAVA);
        double[] pn = g.multiplyLower(rhs, m, LinalgRoute.NATIVE);
        assertThat(Dense.maxAbsDifference(pn, pj)).isLessThanOrEqualTo(1e-13 * d * Dense.maxAbs(g.lower()));
        double[] gj = g.solveUpperMatrix(rhs, m, LinalgRoute.JAVA);
        double[] gn = g.solveUpperMatrix(rhs, m, LinalgRoute.NATIVE);
        assertThat(Dense.maxAbsDifference(gn, gj)).isLessThanOrEqualTo(1e-12 * Dense.maxAbs(gj));
    }

    private static void assertSymmetric(double[] s, int d) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                assertThat(s[i * d + j]).isEqualTo(s[j * d + i]);
            }
        }
    }

    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {3, 20, 64, 300})
    void theW2PairTermAgreesTo1e12(int d) {
        assumeNative();
        SplittableRandom rng = new SplittableRandom(d);
        double[] a = RandomMatrices.spd(d, 1e4, 1, rng);
        double[] b = RandomMatrices.spd(d, 1e4, 2, rng);
        double[] results = new double[2];
        LinalgRoute[] routes = {LinalgRoute.JAVA, LinalgRoute.NATIVE};
        for (int r = 0; r < 2; r++) {
            CholeskyFactor f = CholeskyFactor.tryFactor(a, d, routes[r]);
            double s = 0;
            for (double nu : SymmetricEigen.values(f.congruenceTranspose(b, routes[r]), d, routes[r])) {
                s += Math.sqrt(Math.max(nu, 0));
            }
            results[r] = s;
        }
        // tr((A^{1/2} B A^{1/2})^{1/2}): a sum of d square roots of eigenvalues, each within d eps |N|
        // of the other route's, relative to the sum (which is >= sqrt(|N|)).
        assertThat(Math.abs(results[1] - results[0])).isLessThanOrEqualTo(1e-12 * results[0]);
    }

    @Test
    void nonPositiveDefiniteMatricesReportTheSamePivotOnBothRoutes() {
        assumeNative();
        int d = 40;
        double[] spectrum = RandomMatrices.geomspace(1, 100, d);
        spectrum[0] = -1e-3;
        double[] a = RandomMatrices.withSpectrum(spectrum, new SplittableRandom(5));
        CholeskyFactor fj = CholeskyFactor.tryFactor(a, d, LinalgRoute.JAVA);
        CholeskyFactor fn = CholeskyFactor.tryFactor(a, d, LinalgRoute.NATIVE);
        assertThat(fj.isSuccessful()).isFalse();
        assertThat(fn.isSuccessful()).isFalse();
        assertThat(fn.failedPivot()).isEqualTo(fj.failedPivot());
        assertThat(fn.pivotValue()).isEqualTo(fj.pivotValue());
        double[] nan = RandomMatrices.spd(d, 10, 1, new SplittableRandom(6));
        nan[(d - 1) * d + 3] = Double.NaN;
        assertThat(CholeskyFactor.tryFactor(nan, d, LinalgRoute.NATIVE).isSuccessful()).isFalse();
        assertThat(CholeskyFactor.tryFactor(nan, d, LinalgRoute.NATIVE).failedPivot()).isEqualTo(d - 1);
    }

    @ParameterizedTest(name = "n={0}, k={1}, m={2}")
    @CsvSource({"1,1,1", "3,2,2", "5,3,7", "17,5,5", "100,10,3", "257,20,20", "1000,50,50", "64,300,300", "9,300,1"})
    void productsAgreeTo1e13(int n, int k, int m) {
        assumeNative();
        SplittableRandom rng = new SplittableRandom(n * 1000L + k * 10L + m);
        int aOffset = 3 * k;      // rows start after three unused rows
        int cOffset = 2 * m;
        double[] a = rng.doubles(aOffset + (long) n * k + 5, -1, 1).toArray();
        double[] b = rng.doubles((long) k * m, -2, 2).toArray();
        double[] cj = new double[cOffset + n * m + 1];
        double[] cn = new double[cOffset + n * m + 1];
        java.util.Arrays.fill(cj, 42.0);   // overwritten, not accumulated into
        java.util.Arrays.fill(cn, 42.0);
        Dense.multiplyInto(a, aOffset, b, cj, cOffset, n, k, m, LinalgRoute.JAVA);
        Dense.multiplyInto(a, aOffset, b, cn, cOffset, n, k, m, LinalgRoute.NATIVE);
        // Error bound of a length-k dot product: k eps sum_p |a_ip||b_pj| <= k eps max|a| max|b| k;
        // stated per entry against sum_p |a_ip||b_pj|, 1e-13 covers k = 300 (300 * 1.1e-16 = 3.3e-14).
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double scale = 0;
                double exact = 0;
                for (int p = 0; p < k; p++) {
                    scale += Math.abs(a[aOffset + i * k + p] * b[p * m + j]);
                    exact += a[aOffset + i * k + p] * b[p * m + j];
                }
                int at = cOffset + i * m + j;
                assertThat(Math.abs(cn[at] - cj[at])).isLessThanOrEqualTo(1e-13 * scale);
                assertThat(Math.abs(cj[at] - exact)).isLessThanOrEqualTo(1e-13 * scale);
            }
        }
        for (int i = 0; i < cOffset; i++) {
            assertThat(cn[i]).isEqualTo(42.0);
            assertThat(cj[i]).isEqualTo(42.0);
        }
        assertThat(cn[cn.length - 1]).isEqualTo(42.0);
        assertThat(cj[cj.length - 1]).isEqualTo(42.0);
    }

    @ParameterizedTest(name = "n={0}, k={1}, m={2}")
    @CsvSource({"2,3,4", "40,30,20", "300,300,300"})
    void transposedProductsAndSynthesisMatchTheJavaProduct(int n, int k, int m) {
        // Under auto these take dgemm above the crossover (when available) and the Java loops below:
        // either way they must equal the plain Java product of the explicit transposes.
        SplittableRandom rng = new SplittableRandom(n + k + m);
        double[] at = rng.doubles((long) k * n, -1, 1).toArray();   // A^T stored k x n
        double[] b = rng.doubles((long) k * m, -1, 1).toArray();
        double[] expected = new double[n * m];
        Dense.multiplyInto(Dense.transpose(at, k, n), 0, b, expected, 0, n, k, m, LinalgRoute.JAVA);
        double bound = 1e-13 * k;   // |entries| <= 1, so sum_p |a||b| <= k
        assertThat(Dense.maxAbsDifference(Dense.multiplyTransposeLeft(at, b, k, n, m), expected)).isLessThanOrEqualTo(bound);
        double[] bt = Dense.transpose(b, k, m);                      // B stored m x k
        double[] a = Dense.transpose(at, k, n);
        assertThat(Dense.maxAbsDifference(Dense.multiplyTransposeRight(a, bt, n, k, m), expected)).isLessThanOrEqualTo(bound);
        int d = n;
        double[] v = rng.doubles((long) d * d, -1, 1).toArray();
        double[] f = rng.doubles(d, -1, 1).toArray();
        double[] vf = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int q = 0; q < d; q++) {
                vf[i * d + q] = v[i * d + q] * f[q];
            }
        }
        double[] synth = new double[d * d];
        Dense.multiplyInto(vf, 0, Dense.transpose(v, d, d), synth, 0, d, d, d, LinalgRoute.JAVA);
        double[] got = Dense.synthesize(v, f, d);
        assertThat(Dense.maxAbsDifference(got, synth)).isLessThanOrEqualTo(1e-13 * d);
        assertSymmetric(got, d);
    }
}
