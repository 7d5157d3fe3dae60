package io.gmmflow.surrogate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.Parameters;
import io.gmmflow.linalg.CholeskyFactor;
import io.gmmflow.linalg.Dense;
import io.gmmflow.linalg.Spectral;
import io.gmmflow.linalg.SymmetricEigen;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GapDiagnosticsTest {

    static double round2(double x) {
        return Math.round(x * 100) / 100.0;
    }

    /** Seed 000 Table II, row 1, to the printed digits. */
    @Test
    void reproducesTableTwoRowOne() {
        Gaussian a = Gaussian.of(new double[] {0}, new double[][] {{1}});
        Gaussian b = Gaussian.of(new double[] {2}, new double[][] {{4}});
        GapDiagnostics g = GapDiagnostics.of(a, b);
        assertThat(round2(g.rhoHat())).isEqualTo(3.00);
        assertThat(round2(g.kappa())).isEqualTo(1.00);
        assertThat(round2(g.deltaSigmaNorm())).isEqualTo(3.00);
        assertThat(round2(g.comm())).isEqualTo(0.00);
        assertThat(round2(g.w2())).isEqualTo(5.00);
        assertThat(round2(g.surrogate())).isEqualTo(5.04);
        assertThat(round2(g.gap())).isEqualTo(0.04);
        assertThat(round2(g.w2ProxyDistance())).isEqualTo(1.25);
        assertThat(round2(g.surrogateProxyDistance())).isEqualTo(1.21);
        // and in closed form: W2^2 = 4 + (2 - 1)^2, C = 4 + 3 log(4) / 4, Q = 9 / 4
        assertThat(g.w2()).isEqualTo(5.0);
        assertThat(g.surrogate()).isCloseTo(4 + 0.75 * Math.log(4), org.assertj.core.data.Offset.offset(1e-15));
        assertThat(g.quadratic()).isEqualTo(2.25);
        // rho_hat = 3 >= 1: the cubic bound does not apply and is not a number
        assertThat(g.local()).isFalse();
        assertThat(g.cubicBound()).isNaN();
        assertThat(g.cubicBoundIfApplicable()).isEmpty();
        assertThat(g.cubicBoundGuaranteed()).isFalse();
        // path splitting: N > |dS| / m = 3 / 1, so N = 4; rho_hat_k = (3/4) / (1 + 3k/4)
        assertThat(g.splitSegments()).isEqualTo(4);
        assertThat(g.split().minimalSegments()).isEqualTo(4);
        double[] rk = g.split().segmentRhoHat();
        for (int k = 0; k < 4; k++) {
            assertThat(rk[k]).isCloseTo(0.75 / (1 + 0.75 * k), org.assertj.core.data.Offset.offset(1e-15));
        }
        assertThat(g.recommended()).isEqualTo("surrogate");
        assertThat(g.recommendation().regime()).isEqualTo(Regime.COMMUTING);
    }

    /**
     * Every indicator against an independent computation on random pairs, d = 2..12, condition numbers
     * up to 1e3: rho_hat through the symmetric square root (not the Cholesky frame), Q = 1/4 |L^{-1} dS|_F^2,
     * kappa and |dS| by the QL eigensolver, comm from the explicit commutator, W2^2 by two matrix square
     * roots. 1e-9 relative covers kappa * eps amplification. And gap >= 0 (Benamou-Brenier: W2^2 is the
     * least kinetic action, C the action of one path), to round-off.
     */
    @Test
    void indicatorsMatchIndependentComputations() {
        SplittableRandom rng = new SplittableRandom(71);
        for (int trial = 0; trial < 300; trial++) {
            int d = 2 + trial % 11;
            Gaussian a = TestPairs.randomFull(d, 1e3, rng);
            Gaussian b = TestPairs.randomFull(d, 1e3, rng);
            GapDiagnostics g = GapDiagnostics.of(a, b, Parameters.of("splitWorkLimit", 0));
            double[] s0 = a.covarianceRowMajor();
            double[] s1 = b.covarianceRowMajor();
            double[] ds = Dense.subtract(s1, s0);
            double[] isq = Spectral.inverseSqrt(s0, d);
            double[] c0 = Dense.symmetrize(Dense.multiply(isq, Dense.multiply(ds, isq, d, d, d), d, d, d), d);
            double[] ev = SymmetricEigen.valuesJava(c0, d);
            double rho = Math.max(Math.abs(ev[0]), Math.abs(ev[d - 1]));
            assertThat(TestPairs.relative(g.rhoHat(), rho)).isLessThanOrEqualTo(1e-9);
            assertThat(TestPairs.relative(g.lambdaMin(), ev[0])).isLessThanOrEqualTo(1e-9 * rho / Math.abs(ev[0]) + 1e-9);
            double[] x = CholeskyFactor.of(s0, d, "Sigma0").solveLowerMatrix(ds, d);
            double q = 0.25 * Math.pow(Dense.frobeniusNorm(x), 2);
            assertThat(TestPairs.relative(g.quadratic(), q)).isLessThanOrEqualTo(1e-9);
            double[] e0 = SymmetricEigen.valuesJava(s0, d);
            assertThat(TestPairs.relative(g.kappa(), e0[d - 1] / e0[0])).isLessThanOrEqualTo(1e-9);
            double[] eds = SymmetricEigen.valuesJava(ds, d);
            assertThat(TestPairs.relative(g.deltaSigmaNorm(), Math.max(-eds[0], eds[d - 1]))).isLessThanOrEqualTo(1e-12);
            double[] comm = Dense.subtract(Dense.multiply(s0, ds, d, d, d), Dense.multiply(ds, s0, d, d, d));
            double expectedComm = Dense.frobeniusNorm(comm) / (Dense.frobeniusNorm(s0) * Dense.frobeniusNorm(ds));
            assertThat(TestPairs.relative(g.comm(), expectedComm)).isLessThanOrEqualTo(1e-12);
            double w2 = w2BySquareRoots(a, b);
            assertThat(Math.abs(g.w2() - w2)).isLessThanOrEqualTo(1e-9 * w2);
            assertThat(g.surrogate()).isEqualTo(new SurrogateCost().cost(a, b));
            assertThat(g.gap()).isGreaterThanOrEqualTo(-1e-12 * g.surrogate());
            double proxy = g.meanDistanceSquared() + q;
            assertThat(Math.abs(g.w2ProxyDistance() - Math.abs(w2 - proxy))).isLessThanOrEqualTo(1e-9 * Math.max(w2, proxy));
            assertThat(Math.abs(g.surrogateProxyDistance() - Math.abs(g.surrogate() - proxy)))
                    .isLessThanOrEqualTo(1e-9 * Math.max(g.surrogate(), proxy));
        }
    }

    static double w2BySquareRoots(Gaussian a, Gaussian b) {
        int d = a.dimension();
        double[] sa = Spectral.sqrt(a.covarianceRowMajor(), d);
        double[] inner = Dense.symmetrize(Dense.multiply(sa, Dense.multiply(b.covarianceRowMajor(), sa, d, d, d), d, d, d), d);
        double[] root = Spectral.sqrt(inner, d);
        return Dense.squaredDistance(a.mean(), b.mean()) + a.trace() + b.trace() - 2 * Dense.trace(root, d);
    }

    /** Theorem 2: |C - W2^2| <= (B_C + B_W) |dS|^3 on 1000 random local (rho_hat < 1) commuting pairs, d = 1..6. */
    @Test
    void cubicBoundHoldsOnLocalCommutingPairs() {
        SplittableRandom rng = new SplittableRandom(73);
        for (int trial = 0; trial < 1000; trial++) {
            int d = 1 + trial % 6;
            double[] a = rng.doubles(d, 0.2, 3).toArray();
            double rho = rng.nextDouble(0.01, 0.98);
            double[] lambda = rng.doubles(d, -rho, rho).toArray();
            Gaussian[] p = TestPairs.commuting(a, lambda, rng);
            GapDiagnostics g = GapDiagnostics.of(p[0], p[1], Parameters.of("splitWorkLimit", 0));
            assertThat(g.commuting()).as("comm = %s", g.comm()).isTrue();
            assertThat(g.local()).isTrue();
            assertThat(g.cubicBoundGuaranteed()).isTrue();
            double m0 = Double.POSITIVE_INFINITY;
            double bigM0 = 0;
            for (double v : a) {
                m0 = Math.min(m0, v);
                bigM0 = Math.max(bigM0, v);
            }
            double r = g.rhoHat();
            double bc = 3 * d * bigM0 / (4 * Math.pow(m0, 3) * (1 - r));
            double bw = 16 * Math.sqrt(2) * d * Math.pow(bigM0, 6) * Math.pow(1 + r, 1.5) / (Math.pow(m0, 8) * Math.pow(1 - r, 4));
            double expectedBound = (bc + bw) * Math.pow(g.deltaSigmaNorm(), 3);
            assertThat(TestPairs.relative(g.cubicBound(), expectedBound)).isLessThanOrEqualTo(1e-9);
            assertThat(Math.abs(g.gap())).isLessThanOrEqualTo(g.cubicBound());
        }
    }

    /**
     * Theorems 1-2 as rho_hat = delta -> 0 on a commuting pair: |C - W2^2| / delta^3 stays bounded, in
     * fact tends to 0: per mode C - W2^2 = a (lambda^4 / 192 - lambda^5 / 128 + O(lambda^6)) (series of
     * lambda log(1+lambda)/4 - (sqrt(1+lambda) - 1)^2), so gap / delta^4 -> sum a_k c_k^4 / 192 with an
     * error below 1.5 delta sum a_k |c_k|^5 / 128. For a non-commuting pair the gap is second order:
     * Sigma0 = diag(a1, a2), dS = delta [[0, 1], [1, 0]] gives Q = delta^2 (a1 + a2) / (4 a1 a2) against the
     * Bures second order delta^2 / (a1 + a2), so gap / delta^2 -> (a1 - a2)^2 / (4 a1 a2 (a1 + a2)).
     */
    @Test
    void gapIsHigherOrderOnlyWhenCommuting() {
        SplittableRandom rng = new SplittableRandom(79);
        double[] a = {0.5, 1, 2};
        double[] c = {1, -0.7, 0.4};
        double s4 = 0;
        double s5 = 0;
        for (int k = 0; k < 3; k++) {
            s4 += a[k] * Math.pow(c[k], 4) / 192;
            s5 += a[k] * Math.pow(Math.abs(c[k]), 5) / 128;
        }
        double previous = Double.POSITIVE_INFINITY;
        for (double delta : new double[] {0.4, 0.2, 0.1, 0.05, 0.025}) {
            double[] lambda = {delta * c[0], delta * c[1], delta * c[2]};
            Gaussian[] p = TestPairs.commuting(a, lambda, rng);
            GapDiagnostics g = GapDiagnostics.of(p[0], p[1]);
            assertThat(g.rhoHat()).isCloseTo(delta, org.assertj.core.data.Offset.offset(1e-12));
            double cubic = Math.abs(g.gap()) / Math.pow(delta, 3);
            assertThat(cubic).as("|gap| / delta^3 at delta = %s", delta).isLessThan(previous).isLessThan(0.01);
            previous = cubic;
            assertThat(Math.abs(g.gap() / Math.pow(delta, 4) - s4)).as("gap / delta^4 at delta = %s", delta)
                    .isLessThanOrEqualTo(1.5 * delta * s5);
        }
        double a1 = 1;
        double a2 = 4;
        double expected = (a1 - a2) * (a1 - a2) / (4 * a1 * a2 * (a1 + a2));
        for (double delta : new double[] {0.02, 0.01}) {
            Gaussian s = Gaussian.of(new double[2], new double[][] {{a1, 0}, {0, a2}});
            Gaussian t = Gaussian.of(new double[2], new double[][] {{a1, delta}, {delta, a2}});
            GapDiagnostics g = GapDiagnostics.of(s, t);
            assertThat(g.commuting()).isFalse();
            // next order is O(delta^3): relative error O(delta)
            assertThat(g.gap() / (delta * delta)).isCloseTo(expected, org.assertj.core.data.Offset.offset(5 * delta * expected));
        }
    }

    @Test
    void boundIsNotApplicableAtOrAboveRhoHatOne() {
        // Sigma0 = I, Sigma1 = 2 I: lambda = 1 exactly
        GapDiagnostics g = GapDiagnostics.of(Gaussian.standard(2), Gaussian.spherical(new double[2], 2));
        assertThat(g.rhoHat()).isEqualTo(1.0);
        assertThat(g.cubicBound()).isNaN();
        assertThat(g.cubicBoundApplicable()).isFalse();
        assertThat(g.cubicBoundIfApplicable()).isEmpty();
        assertThat(GapDiagnostics.cubicBound(2, 1, 1, 1.0, 1)).isNaN();
        assertThat(GapDiagnostics.cubicBound(2, 1, 1, 7.5, 1)).isNaN();
        assertThat(GapDiagnostics.cubicBound(2, 1, 1, Double.NaN, 1)).isNaN();
        // just below 1 it is a (large, finite) number
        assertThat(GapDiagnostics.cubicBound(2, 1, 1, 0.999, 1)).isFinite().isPositive();
        // a local non-commuting pair gets a number, flagged as not guaranteed
        Gaussian s = Gaussian.of(new double[2], new double[][] {{1, 0}, {0, 4}});
        Gaussian t = Gaussian.of(new double[2], new double[][] {{1.1, 0.1}, {0.1, 4}});
        GapDiagnostics h = GapDiagnostics.of(s, t);
        assertThat(h.local()).isTrue();
        assertThat(h.cubicBound()).isFinite();
        assertThat(h.cubicBoundGuaranteed()).isFalse();
    }

    /** Direct rho_hat_k = |Sigma_k^{-1/2} (Sigma_{k+1} - Sigma_k) Sigma_k^{-1/2}| through symmetric square roots. */
    static double directSegmentRho(double[] s0, double[] s1, int n, int k, int d) {
        double[] sk = new double[d * d];
        double[] inc = new double[d * d];
        for (int i = 0; i < d * d; i++) {
            sk[i] = s0[i] + (double) k / n * (s1[i] - s0[i]);
            inc[i] = (s1[i] - s0[i]) / n;
        }
        double[] isq = Spectral.inverseSqrt(sk, d);
        double[] w = Dense.symmetrize(Dense.multiply(isq, Dense.multiply(inc, isq, d, d, d), d, d, d), d);
        double[] ev = SymmetricEigen.valuesJava(w, d);
        return Math.max(Math.abs(ev[0]), Math.abs(ev[d - 1]));
    }

    @Test
    void pathSplittingMatchesEquationsNineteenToTwentyFive() {
        SplittableRandom rng = new SplittableRandom(83);
        for (int trial = 0; trial < 60; trial++) {
            int d = 1 + trial % 5;
            Gaussian a = TestPairs.randomFull(d, 5, rng);
            Gaussian b = TestPairs.randomFull(d, 5, rng);
            GapDiagnostics g = GapDiagnostics.of(a, b);
            PathSplit split = g.split();
            double[] s0 = a.covarianceRowMajor();
            double[] s1 = b.covarianceRowMajor();
            double m = Math.min(SymmetricEigen.valuesJava(s0, d)[0], SymmetricEigen.valuesJava(s1, d)[0]);
            long n = split.segments();
            // eq. 25: the smallest N > |dS| / m
            assertThat(n * m).isGreaterThan(g.deltaSigmaNorm());
            assertThat((n - 1) * m).isLessThanOrEqualTo(g.deltaSigmaNorm() * (1 + 1e-12));
            assertThat(split.computed()).isTrue();
            double[] rk = split.segmentRhoHat();
            for (int k = 0; k < n; k++) {
                assertThat(TestPairs.relative(rk[k], directSegmentRho(s0, s1, (int) n, k, d))).isLessThanOrEqualTo(1e-9);
                assertThat(rk[k]).isLessThan(1);
            }
            assertThat(split.allSegmentsLocal()).isTrue();
            // the minimal N: local with it, not with one segment fewer
            long nm = split.minimalSegments();
            assertThat(nm).isLessThanOrEqualTo(n);
            for (int k = 0; k < nm; k++) {
                assertThat(directSegmentRho(s0, s1, (int) nm, k, d)).isLessThan(1);
            }
            if (nm > 1) {
                double worst = 0;
                for (int k = 0; k < nm - 1; k++) {
                    worst = Math.max(worst, directSegmentRho(s0, s1, (int) nm - 1, k, d));
                }
                assertThat(worst).isGreaterThanOrEqualTo(1 - 1e-12);
            }
            // sum of segment surrogate costs = C_cov / N; sum of segment W2^2 >= W2_cov / N
            double cCov = g.surrogate() - g.meanDistanceSquared();
            double wCov = g.w2() - g.meanDistanceSquared();
            assertThat(TestPairs.relative(split.summedSurrogate(), cCov / n)).isLessThanOrEqualTo(1e-11);
            assertThat(split.summedW2()).isGreaterThanOrEqualTo(wCov / n * (1 - 1e-9));
            assertThat(split.summedGap()).isGreaterThanOrEqualTo(0).isFinite();
            assertThat(split.summedBound()).isPositive();
        }
    }

    /** Eq. 22 on commuting pairs, also nonlocal ones (lambda up to 5): summed per-segment gap <= summed bound. */
    @Test
    void summedSegmentGapIsBelowTheSummedBoundOnCommutingPairs() {
        SplittableRandom rng = new SplittableRandom(89);
        for (int trial = 0; trial < 100; trial++) {
            int d = 1 + trial % 4;
            double[] a = rng.doubles(d, 0.3, 2).toArray();
            double[] lambda = rng.doubles(d, -0.9, 5).toArray();
            Gaussian[] p = TestPairs.commuting(a, lambda, rng);
            GapDiagnostics g = GapDiagnostics.of(p[0], p[1]);
            PathSplit split = g.split();
            assertThat(split.computed()).isTrue();
            assertThat(split.allSegmentsLocal()).isTrue();
            assertThat(split.summedGap()).isLessThanOrEqualTo(split.summedBound());
        }
    }

    @Test
    void splitAboveTheWorkLimitIsSkippedNotGuessed() {
        Gaussian a = Gaussian.of(new double[] {0}, new double[][] {{1}});
        Gaussian b = Gaussian.of(new double[] {2}, new double[][] {{4}});
        PathSplit split = GapDiagnostics.of(a, b, Parameters.of("splitWorkLimit", 10)).split();
        assertThat(split.segments()).isEqualTo(4);
        assertThat(split.computed()).isFalse();
        assertThat(split.segmentRhoHat()).isNull();
        assertThat(split.summedBound()).isNaN();
        assertThat(split.summedGap()).isNaN();
        assertThat(split.allSegmentsLocal()).isFalse();
        assertThat(split.note()).contains("splitWorkLimit");
    }

    @Test
    void badInputIsRejected() {
        Gaussian good = Gaussian.standard(2);
        Gaussian singular = Gaussian.semiDefinite(new double[2], CovarianceType.DIAGONAL, new double[] {1, 0});
        assertThatThrownBy(() -> GapDiagnostics.of(good, singular)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("target covariance is not positive definite");
        assertThatThrownBy(() -> GapDiagnostics.of(good, Gaussian.standard(3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source has dimension 2 but target has dimension 3");
        assertThatThrownBy(() -> GapDiagnostics.of(good, good, Parameters.of("tolerance", -1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tolerance");
    }
}
