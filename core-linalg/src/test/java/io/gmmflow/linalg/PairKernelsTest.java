package io.gmmflow.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.Gaussian;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PairKernelsTest {

    static Gaussian randomFull(int d, double cond, SplittableRandom rng) {
        double[] mean = rng.doubles(d, -2, 2).toArray();
        return Gaussian.ofFlat(mean, RandomMatrices.spd(d, cond, rng.nextDouble(0.2, 3), rng));
    }

    static GaussianFactor f(Gaussian g) {
        return GaussianFactor.of(g);
    }

    /** The textbook formula of seed 000 eq. 10 through two matrix square roots (an independent route). */
    static double w2BySquareRoots(Gaussian a, Gaussian b) {
        int d = a.dimension();
        double[] sa = Spectral.sqrt(a.covarianceRowMajor(), d);
        double[] inner = Dense.multiply(sa, Dense.multiply(b.covarianceRowMajor(), sa, d, d, d), d, d, d);
        double[] root = Spectral.sqrt(Dense.symmetrize(inner, d), d);
        double dm = Dense.squaredDistance(a.mean(), b.mean());
        return dm + a.trace() + b.trace() - 2 * Dense.trace(root, d);
    }

    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {1, 2, 3, 7, 30, 100, 300})
    void w2MatchesTheSquareRootFormulaTo1e10(int d) {
        SplittableRandom rng = new SplittableRandom(17 * d);
        int trials = d > 100 ? 2 : 10;
        for (int t = 0; t < trials; t++) {
            Gaussian a = randomFull(d, 100, rng);
            Gaussian b = randomFull(d, 100, rng);
            double fast = PairKernels.w2Squared(f(a), f(b));
            double ref = w2BySquareRoots(a, b);
            // Both routes are backward stable; with condition numbers 1e2 the relative agreement is
            // ~d * cond * eps, below 1e-10 up to d = 300.
            assertThat(Math.abs(fast - ref)).isLessThanOrEqualTo(1e-10 * ref);
        }
    }

    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {1, 2, 3, 50, 300})
    void w2OfAGaussianWithItselfIsZero(int d) {
        SplittableRandom rng = new SplittableRandom(d);
        Gaussian a = randomFull(d, 1e10, rng);
        Gaussian copy = Gaussian.ofFlat(a.mean(), a.covarianceRowMajor());
        assertThat(PairKernels.w2Squared(f(a), f(copy))).isZero();
        Gaussian diag = Gaussian.diagonal(a.mean(), a.variances());
        assertThat(PairKernels.w2Squared(f(diag), f(diag))).isZero();
        // A copy shifted by round-off is not identical: the result is tiny, non-negative, never NaN.
        double[] cov = a.covarianceRowMajor();
        cov[0] *= 1 + 1e-15;
        double w = PairKernels.w2Squared(f(a), f(Gaussian.ofFlat(a.mean(), cov)));
        assertThat(w).isNotNaN().isGreaterThanOrEqualTo(0).isLessThan(1e-6 * a.trace());
    }

    @Test
    void closedFormsAgreeWithTheGeneralRouteTo1e12() {
        SplittableRandom rng = new SplittableRandom(99);
        for (int t = 0; t < 500; t++) {
            // d = 2 closed form (traces and determinants) against the eigenvalue route.
            Gaussian a = randomFull(2, Math.exp(rng.nextDouble(0, 6)), rng);
            Gaussian b = randomFull(2, Math.exp(rng.nextDouble(0, 6)), rng);
            double closed = PairKernels.buresTrace(f(a), f(b));
            double general = 0;
            for (double nu : SymmetricEigen.valuesJava(f(a).congruenceTranspose(b.covarianceRowMajor()), 2)) {
                general += Math.sqrt(Math.max(nu, 0));
            }
            assertThat(Math.abs(closed - general)).isLessThanOrEqualTo(1e-12 * general);

            // Diagonal fast path against the same covariances stored as full matrices (general route, d = 5).
            double[] va = rng.doubles(5, 0.1, 5).toArray();
            double[] vb = rng.doubles(5, 0.1, 5).toArray();
            double[] ma = rng.doubles(5, -1, 1).toArray();
            double[] mb = rng.doubles(5, -1, 1).toArray();
            Gaussian da = Gaussian.diagonal(ma, va);
            Gaussian db = Gaussian.diagonal(mb, vb);
            Gaussian fa = Gaussian.ofFlat(ma, da.covarianceRowMajor());
            Gaussian fb = Gaussian.ofFlat(mb, db.covarianceRowMajor());
            double wd = PairKernels.w2Squared(f(da), f(db));
            double wf = PairKernels.w2Squared(f(fa), f(fb));
            assertThat(Math.abs(wd - wf)).isLessThanOrEqualTo(1e-12 * wf);
            double cd = PairKernels.surrogateSpectrum(f(da), f(db)).covarianceCost();
            double cf = PairKernels.surrogateSpectrum(f(fa), f(fb)).covarianceCost();
            assertThat(Math.abs(cd - cf)).isLessThanOrEqualTo(1e-12 * Math.abs(cf) + 1e-300);
            double[] md = PairKernels.buresMap(f(da), f(db));
            double[] mf = PairKernels.buresMap(f(fa), f(fb));
            assertThat(Dense.maxAbsDifference(md, mf)).isLessThanOrEqualTo(1e-12 * Dense.maxAbs(mf));
        }
        // d = 1 against the scalar formula (sqrt a - sqrt b)^2 + dmu^2.
        Gaussian a = Gaussian.of(new double[] {0.5}, new double[][] {{2.0}});
        Gaussian b = Gaussian.of(new double[] {-1.0}, new double[][] {{7.0}});
        double expected = 2.25 + Math.pow(Math.sqrt(2) - Math.sqrt(7), 2);
        assertThat(PairKernels.w2Squared(f(a), f(b))).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-15));
        // Spherical is a diagonal kind.
        Gaussian s = Gaussian.spherical(new double[] {0, 0, 0}, 4);
        Gaussian u = Gaussian.spherical(new double[] {1, 0, 0}, 1);
        assertThat(PairKernels.w2Squared(f(s), f(u))).isCloseTo(1 + 3 * 1.0, org.assertj.core.data.Offset.offset(1e-15));
    }

    @ParameterizedTest(name = "d={0}")
    @CsvSource({"1", "2", "3", "10", "64", "200"})
    void buresMapPushesSourceCovarianceOntoTarget(int d) {
        SplittableRandom rng = new SplittableRandom(3 * d);
        Gaussian a = randomFull(d, 1e3, rng);
        Gaussian b = randomFull(d, 1e3, rng);
        double[] m = PairKernels.buresMap(f(a), f(b));
        double[] mam = Dense.multiply(m, Dense.multiply(a.covarianceRowMajor(), m, d, d, d), d, d, d);
        double[] target = b.covarianceRowMajor();
        // M A M = B; errors scale with cond(A) * eps * |B| (cond 1e3).
        assertThat(Dense.maxAbsDifference(mam, target)).isLessThan(1e-9 * Dense.maxAbs(target));
        assertThat(Dense.maxAbsDifference(m, Dense.transpose(m, d, d))).isZero();
        // M is positive definite.
        assertThat(SymmetricEigen.values(m, d)[0]).isPositive();
    }

    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {1, 2, 3, 12, 40})
    void surrogateSpectrumReconstructsTheWhitenedIncrement(int d) {
        SplittableRandom rng = new SplittableRandom(5 * d);
        Gaussian a = randomFull(d, 50, rng);
        Gaussian b = randomFull(d, 50, rng);
        SurrogateSpectrum s = PairKernels.surrogateSpectrum(f(a), f(b));
        // L Q diag(lambda) (L Q)^T = dS, and W^T (L Q) = I.
        double[] lq = s.lq();
        double[] scaled = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                scaled[i * d + k] = lq[i * d + k] * s.lambda()[k];
            }
        }
        double[] ds = Dense.multiplyTransposeRight(scaled, lq, d, d, d);
        double[] expected = Dense.subtract(b.covarianceRowMajor(), a.covarianceRowMajor());
        assertThat(Dense.maxAbsDifference(ds, expected)).isLessThan(1e-11 * Dense.maxAbs(b.covarianceRowMajor()));
        double[] wtlq = Dense.multiplyTransposeLeft(s.w(), lq, d, d, d);
        assertThat(Dense.maxAbsDifference(wtlq, Dense.identity(d))).isLessThan(1e-11);
        for (double l : s.lambda()) {
            assertThat(l).isGreaterThan(-1);
        }
        // The covariance cost as 1/4 int_0^1 tr(dS Sigma(t)^{-1} dS) dt (seed 000 eq. 5-6) by
        // composite Gauss-Legendre on panels graded geometrically towards both ends (the
        // integrand 1/(1 + t lambda) is steep near t = 0 for large lambda and near t = 1 for
        // lambda near -1), each evaluation through Cholesky solves: an independent route to the
        // eigenvalue formula.
        double quad = 0;
        double[][] gl = io.gmmflow.api.contract.ComponentFlowContract.gaussLegendre(20);
        double[] breaks = new double[61];
        for (int k = 0; k <= 30; k++) {
            breaks[k] = 0.5 * Math.pow(0.5, 30 - k) * (k == 0 ? 0 : 1);
            breaks[60 - k] = 1 - breaks[k];
        }
        double lo = 0;
        for (int panel = 1; panel <= 60; panel++) {
            double hi = breaks[panel];
            for (int q = 0; q < gl[0].length; q++) {
                double t = lo + 0.5 * (hi - lo) * (gl[0][q] + 1);
                double[] sig = a.covarianceRowMajor();
                for (int i = 0; i < d * d; i++) {
                    sig[i] += t * expected[i];
                }
                CholeskyFactor ct = CholeskyFactor.of(sig, d, "Sigma(t)");
                double[] sinvDs = ct.solveUpperMatrix(ct.solveLowerMatrix(expected, d), d);
                double direct = Dense.trace(Dense.multiply(expected, sinvDs, d, d, d), d);
                quad += 0.5 * (hi - lo) * gl[1][q] * 0.25 * direct;
            }
            lo = hi;
        }
        assertThat(Math.abs(s.covarianceCost() - quad)).isLessThan(1e-10 * Math.max(quad, 1e-12));
    }

    @Test
    void diagonalBuresIsASumOfSquaresWithoutCancellation() {
        // Variances 1e8 and 1e8 (1 + 4e-12) in 200 coordinates: the covariance part is
        // 200 (sqrt(1e8) (sqrt(1 + 4e-12) - 1))^2 = 200 (1e4 * 2e-12)^2 = 8e-14 to 1e-6 relative, while
        // tr A + tr B - 2 sum sqrt(a b) loses it all (traces 2e10, round-off ~2e-6).
        int d = 200;
        double[] va = new double[d];
        double[] vb = new double[d];
        java.util.Arrays.fill(va, 1e8);
        java.util.Arrays.fill(vb, 1e8 * (1 + 4e-12));
        GaussianFactor a = f(Gaussian.diagonal(new double[d], va));
        GaussianFactor b = f(Gaussian.diagonal(new double[d], vb));
        double sd = Math.sqrt(vb[0]) - 1e4;
        assertThat(PairKernels.buresSquared(a, b)).isCloseTo(d * sd * sd, org.assertj.core.data.Offset.offset(1e-6 * d * sd * sd));
        // Against the exact value for the exact inputs: 1 + 4e-12 is stored to 1e-16 relative, which
        // moves sqrt(b) - sqrt(a) = 2e-8 by ~1e-12, i.e. 1e-4 relative on the square.
        assertThat(PairKernels.buresSquared(a, b)).isCloseTo(8e-14, org.assertj.core.data.Offset.offset(1e-3 * 8e-14));
    }

    @Test
    void rejectsMismatchedDimensionsAndSingularSources() {
        Gaussian a = Gaussian.standard(2);
        Gaussian b = Gaussian.standard(3);
        assertThatThrownBy(() -> PairKernels.w2Squared(f(a), f(b))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source has dimension 2 but target has dimension 3");
        Gaussian point = Gaussian.semiDefinite(new double[] {1, 1}, CovarianceType.SPHERICAL, new double[] {0});
        // W2 to a point mass is defined: |dmu|^2 + tr B.
        assertThat(PairKernels.w2Squared(f(point), f(a))).isCloseTo(2 + 2, org.assertj.core.data.Offset.offset(1e-15));
        Gaussian degenerate = Gaussian.semiDefinite(new double[] {0, 0}, CovarianceType.FULL, new double[] {1, 1, 1, 1});
        Gaussian c = Gaussian.of(new double[] {0, 0}, new double[][] {{2, 0}, {0, 1}});
        // Rank-one A = u u^T with u = (1, 1): tr sqrt(A^{1/2} B A^{1/2}) = sqrt(u^T B u) = sqrt(3).
        assertThat(PairKernels.buresTrace(f(degenerate), f(c))).isCloseTo(Math.sqrt(3), org.assertj.core.data.Offset.offset(1e-14));
        assertThatThrownBy(() -> PairKernels.buresMap(f(point), f(a))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive definite source");
    }

}
