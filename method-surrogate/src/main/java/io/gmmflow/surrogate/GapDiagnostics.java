package io.gmmflow.surrogate;

import io.gmmflow.api.Gaussian;
import io.gmmflow.api.Parameters;
import io.gmmflow.linalg.Dense;
import io.gmmflow.linalg.GaussianFactor;
import io.gmmflow.linalg.PairKernels;
import io.gmmflow.linalg.Spectral;
import io.gmmflow.linalg.SurrogateSpectrum;
import io.gmmflow.linalg.SymmetricEigen;
import java.util.OptionalDouble;

/**
 * Seed 000's diagnostics of the surrogate-Wasserstein gap for one Gaussian pair N(mu0, Sigma0) -&gt;
 * N(mu1, Sigma1), dS = Sigma1 - Sigma0 (Sections III-V, Table II):
 * <ul>
 *   <li>{@code rhoHat} = |Sigma0^{-1/2} dS Sigma0^{-1/2}| (eq. 11), with the two ends
 *       {@code lambdaMin}, {@code lambdaMax} of that matrix's spectrum;</li>
 *   <li>{@code kappa} = M0 / m0, the extreme eigenvalues of Sigma0 ({@code sourceMinEigenvalue},
 *       {@code sourceMaxEigenvalue}); {@code deltaSigmaNorm} = |dS| (spectral);</li>
 *   <li>{@code comm} = |Sigma0 dS - dS Sigma0|_F / (|Sigma0|_F |dS|_F) (Section VII-A; 0 when dS = 0), and
 *       {@code commuting} = comm &lt;= {@link RegimeMap#COMMUTING_TOLERANCE};</li>
 *   <li>{@code quadratic} Q = 1/4 tr(dS Sigma0^{-1} dS) (Theorem 1); {@code surrogate} C (eq. 6);
 *       {@code w2} W2^2 (eq. 10); {@code gap} = C - W2^2, which is &gt;= 0 for every pair because W2^2 is the
 *       least kinetic action over all paths (Benamou-Brenier) and C is the action of one path;</li>
 *   <li>{@code w2ProxyDistance} = |W2^2 - (|dmu|^2 + Q)| and {@code surrogateProxyDistance} =
 *       |C - (|dmu|^2 + Q)|, the last two columns of Table II (computed from the covariance parts, so a
 *       large mean shift costs no digits);</li>
 *   <li>{@code cubicBound} = (B_C + B_W) |dS|^3 of Theorem 2 (eq. 14-15) with
 *       B_C = 3 d M0 / (4 m0^3 (1 - rho)), B_W = 16 sqrt(2) d M0^6 (1 + rho)^{3/2} / (m0^8 (1 - rho)^4).
 *       It is NaN ("not applicable") when rho_hat &gt;= 1: never a number there. Its hypotheses are
 *       rho_hat &lt; 1 ({@link #local()}) and commuting; only when both hold is it a guarantee
 *       ({@link #cubicBoundGuaranteed()}). It may be +Infinity (a true but empty bound) when m0 is tiny;</li>
 *   <li>{@code split}: path splitting, eq. 19-25 ({@link PathSplit});</li>
 *   <li>{@code recommendation}: the regime map's advice ({@link RegimeMap}).</li>
 * </ul>
 * A remark the numbers bear out (tested): in the commuting case the gap is in fact of fourth order,
 * C - W2^2 = sum_k a_k lambda_k^4 / 192 + O(rho^5) (a_k the source variances in the common basis),
 * one order better than Theorem 1's cubic statement.
 *
 * <p>Cost: one eigendecomposition with vectors of the whitened increment (shared with the cost), values
 * only of Sigma0, Sigma1, dS and of L^T Sigma1 L (for W2), one d x d product for comm: about 16 d^3 flops;
 * O(d) for diagonal pairs. Path splitting adds O(N d^3) up to the work limit
 * (parameter {@code splitWorkLimit}, default {@value #DEFAULT_SPLIT_WORK_LIMIT} flops).
 *
 * <p>Parameters read: {@code splitWorkLimit}, {@code tolerance} (the regime map's tau, default
 * {@value RegimeMap#DEFAULT_TOLERANCE}). Immutable and thread-safe.
 *
 * @param dimension              d
 * @param rhoHat                 rho_hat (eq. 11)
 * @param lambdaMin              smallest whitened eigenvalue (&gt; -1)
 * @param lambdaMax              largest whitened eigenvalue
 * @param kappa                  condition number of Sigma0
 * @param sourceMinEigenvalue    m0
 * @param sourceMaxEigenvalue    M0
 * @param targetMinEigenvalue    lambda_min(Sigma1)
 * @param deltaSigmaNorm         |dS|
 * @param comm                   normalized commutator
 * @param commuting              comm within {@link RegimeMap#COMMUTING_TOLERANCE}
 * @param meanDistanceSquared    |dmu|^2
 * @param quadratic              Q
 * @param surrogate              C
 * @param w2                     W2^2
 * @param gap                    C - W2^2
 * @param w2ProxyDistance        |W2^2 - (|dmu|^2 + Q)|
 * @param surrogateProxyDistance |C - (|dmu|^2 + Q)|
 * @param cubicBound             Theorem 2's bound, NaN when rho_hat &gt;= 1
 * @param split                  path splitting
 * @param recommendation         the regime map's advice
 */
public record GapDiagnostics(int dimension, double rhoHat, double lambdaMin, double lambdaMax, double kappa,
        double sourceMinEigenvalue, double sourceMaxEigenvalue, double targetMinEigenvalue, double deltaSigmaNorm,
        double comm, boolean commuting, double meanDistanceSquared, double quadratic, double surrogate, double w2,
        double gap, double w2ProxyDistance, double surrogateProxyDistance, double cubicBound, PathSplit split,
        Recommendation recommendation) {

    /** Default limit on the flops spent on per-segment quantities of path splitting. */
    public static final double DEFAULT_SPLIT_WORK_LIMIT = 2e8;

    /** The diagnostics with default parameters. */
    public static GapDiagnostics of(Gaussian source, Gaussian target) {
        return of(source, target, Parameters.empty());
    }

    /**
     * The diagnostics of one pair.
     *
     * @throws IllegalArgumentException if the dimensions differ, a covariance is singular, or the target is
     *     not positive definite relative to the source to working precision
     */
    public static GapDiagnostics of(Gaussian source, Gaussian target, Parameters parameters) {
        double workLimit = parameters.nonNegative("splitWorkLimit", DEFAULT_SPLIT_WORK_LIMIT);
        double tolerance = parameters.positive("tolerance", RegimeMap.DEFAULT_TOLERANCE);
        GaussianFactor[] f = PairChecks.factors(source, target);
        return compute(f[0], f[1], workLimit, tolerance);
    }

    /** Whether rho_hat &lt; 1, the locality hypothesis of Theorems 1-2 (the bound is a number only then). */
    public boolean local() {
        return rhoHat < 1;
    }

    /** Whether the cubic bound is a number (rho_hat &lt; 1). */
    public boolean cubicBoundApplicable() {
        return local();
    }

    /** Whether both hypotheses of Theorem 2 hold (local and commuting), so that |gap| &lt;= cubicBound is proved. */
    public boolean cubicBoundGuaranteed() {
        return local() && commuting;
    }

    /** The cubic bound when applicable (rho_hat &lt; 1), else empty. */
    public OptionalDouble cubicBoundIfApplicable() {
        return local() ? OptionalDouble.of(cubicBound) : OptionalDouble.empty();
    }

    /** The sufficient number of segments of eq. 25. */
    public long splitSegments() {
        return split.segments();
    }

    /** The advised method, {@code "surrogate"} or {@code "exact"}. */
    public String recommended() {
        return recommendation.method();
    }

    /**
     * Theorem 2's bound (B_C + B_W) |dS|^3 (eq. 14-15) for a reference covariance with extreme eigenvalues
     * m0, M0 in dimension d; NaN when rho &gt;= 1 (not applicable). Written with kappa = M0 / m0 so that the
     * powers do not overflow before the quotient is taken.
     */
    public static double cubicBound(int d, double m0, double bigM0, double rho, double deltaSigmaNorm) {
        if (!(rho < 1)) {
            return Double.NaN;
        }
        double kappa = bigM0 / m0;
        double bc = 3.0 * d * kappa / (4 * m0 * m0 * (1 - rho));
        double oneMinus = 1 - rho;
        double bw = 16 * Math.sqrt(2) * d * Math.pow(kappa, 6) * Math.pow(1 + rho, 1.5)
                / (m0 * m0 * oneMinus * oneMinus * oneMinus * oneMinus);
        double n3 = deltaSigmaNorm * deltaSigmaNorm * deltaSigmaNorm;
        return (bc + bw) * n3;
    }

    static GapDiagnostics compute(GaussianFactor a, GaussianFactor b, double workLimit, double tolerance) {
        int d = a.dimension();
        boolean diagonal = d == 1 || (a.isDiagonal() && b.isDiagonal());
        double[] lambda;
        double[] weight;
        if (diagonal) {
            double[] va = a.variances();
            double[] vb = b.variances();
            lambda = new double[d];
            weight = va;
            for (int k = 0; k < d; k++) {
                lambda[k] = (vb[k] - va[k]) / va[k];
            }
        } else {
            SurrogateSpectrum s = PairKernels.surrogateSpectrum(a, b);
            lambda = s.lambda();
            weight = new double[d];
            for (int k = 0; k < d; k++) {
                weight[k] = s.modeWeight(k);
            }
        }
        double lambdaMin = Double.POSITIVE_INFINITY;
        double lambdaMax = Double.NEGATIVE_INFINITY;
        double q = 0;
        for (int k = 0; k < d; k++) {
            lambdaMin = Math.min(lambdaMin, lambda[k]);
            lambdaMax = Math.max(lambdaMax, lambda[k]);
            q += lambda[k] * lambda[k] * weight[k];
        }
        PairChecks.requireAboveMinusOne(lambdaMin);
        q *= 0.25;
        double rho = Math.max(Math.abs(lambdaMin), Math.abs(lambdaMax));

        double[] ea = extremes(a);
        double[] eb = extremes(b);
        double m0 = ea[0];
        double bigM0 = ea[1];
        double kappa = bigM0 / m0;

        double dsNorm;
        double comm;
        if (diagonal) {
            double[] va = a.variances();
            double[] vb = b.variances();
            dsNorm = 0;
            for (int k = 0; k < d; k++) {
                dsNorm = Math.max(dsNorm, Math.abs(vb[k] - va[k]));
            }
            comm = 0;
        } else {
            double[] s0 = a.covarianceRowMajor();
            double[] ds = Dense.subtract(b.covarianceRowMajor(), s0);
            double[] ev = SymmetricEigen.values(ds, d);
            dsNorm = Math.max(Math.abs(ev[0]), Math.abs(ev[d - 1]));
            comm = commutator(s0, ds, d);
        }
        boolean commuting = comm <= RegimeMap.COMMUTING_TOLERANCE;

        double mean2 = PairKernels.meanDistanceSquared(a, b);
        double cCov = SurrogateCost.covarianceCost(a, b);
        double wCov = PairKernels.buresSquared(a, b);
        double bound = cubicBound(d, m0, bigM0, rho, dsNorm);
        PathSplit split = split(a, b, diagonal, lambda, weight, lambdaMax, dsNorm, Math.min(m0, eb[0]), workLimit);
        Recommendation advice = RegimeMap.advise(lambdaMin, lambdaMax, kappa, comm, bound, q, tolerance);
        return new GapDiagnostics(d, rho, lambdaMin, lambdaMax, kappa, m0, bigM0, eb[0], dsNorm, comm, commuting,
                mean2, q, mean2 + cCov, mean2 + wCov, cCov - wCov, Math.abs(wCov - q), Math.abs(cCov - q), bound, split,
                advice);
    }

    /** |A B - B A|_F / (|A|_F |B|_F) for symmetric A, B; A B - B A = P - P^T with P = A B. 0 when B = 0. */
    static double commutator(double[] a, double[] b, int d) {
        double nb = Dense.frobeniusNorm(b);
        if (nb == 0) {
            return 0;
        }
        double[] p = Dense.multiply(a, b, d, d, d);
        double[] c = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                c[i * d + j] = p[i * d + j] - p[j * d + i];
            }
        }
        return Dense.frobeniusNorm(c) / (Dense.frobeniusNorm(a) * nb);
    }

    /** {lambda_min, lambda_max} of a factor's covariance: values only (closed form for d &lt;= 2, O(d) diagonal). */
    static double[] extremes(GaussianFactor f) {
        int d = f.dimension();
        if (f.isDiagonal() || d == 1) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double v : f.variances()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            return new double[] {lo, hi};
        }
        double[] ev = SymmetricEigen.values(f.covarianceRowMajor(), d);
        return new double[] {ev[0], ev[d - 1]};
    }

    /** Flops of one segment's quantities (extremes, one factorization, one Bures trace). */
    private static double segmentWork(int d, boolean diagonal) {
        if (diagonal) {
            return 20.0 * d;
        }
        return d == 2 ? 200 : 6.0 * d * d * d + 100;
    }

    static PathSplit split(GaussianFactor a, GaussianFactor b, boolean diagonal, double[] lambda, double[] weight,
            double lambdaMax, double dsNorm, double m, double workLimit) {
        int d = a.dimension();
        double ratio = dsNorm / m;
        // m <= 0 can only come from round-off on a nearly singular covariance: no finite N then.
        long n = m > 0 && ratio < 9e18 ? (long) Math.floor(ratio) + 1 : Long.MAX_VALUE;
        long minimal = lambdaMax < 1 ? 1 : (long) Math.floor(lambdaMax) + 1;
        double work = (double) n * segmentWork(d, diagonal);
        if (n == Long.MAX_VALUE || work > workLimit) {
            return new PathSplit(n, m, minimal, false, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    String.format(java.util.Locale.ROOT, "per-segment quantities skipped: %d segments need about %.3g flops,"
                            + " above the limit %.3g (parameter splitWorkLimit)", n, work, workLimit));
        }
        double[] rhoK = n <= PathSplit.MAX_STORED_SEGMENTS ? new double[(int) n] : null;
        double[] s0 = diagonal ? a.variances() : a.covarianceRowMajor();
        double[] s1 = diagonal ? b.variances() : b.covarianceRowMajor();
        double segmentNorm = dsNorm / n;
        double maxRho = 0;
        double sumBound = 0;
        double sumGap = 0;
        double sumC = 0;
        double sumW = 0;
        GaussianFactor prev = a;
        for (long k = 0; k < n; k++) {
            double s = (double) k / n;
            double rk = 0;
            double ck = 0;
            for (int j = 0; j < d; j++) {
                double scale = 1 + s * lambda[j];
                double mu = (lambda[j] / n) / scale;
                rk = Math.max(rk, Math.abs(mu));
                ck += Spectral.zLog1p(mu) * scale * weight[j];
            }
            ck *= 0.25;
            GaussianFactor next = k == n - 1 ? b : GaussianFactor.of(interpolate(s0, s1, (double) (k + 1) / n, diagonal, d));
            double wk = PairKernels.buresSquared(prev, next);
            double[] e = extremes(prev);
            double bk = cubicBound(d, e[0], e[1], rk, segmentNorm);
            if (rhoK != null) {
                rhoK[(int) k] = rk;
            }
            maxRho = Math.max(maxRho, rk);
            sumBound += bk;
            sumGap += Math.abs(ck - wk);
            sumC += ck;
            sumW += wk;
            prev = next;
        }
        return new PathSplit(n, m, minimal, true, rhoK, maxRho, sumBound, sumGap, sumC, sumW, "");
    }

    /** The Gaussian N(0, (1-s) S0 + s S1) (exact at the ends), diagonal or full. */
    private static Gaussian interpolate(double[] s0, double[] s1, double s, boolean diagonal, int d) {
        double[] v = new double[s0.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (1 - s) * s0[i] + s * s1[i];
        }
        return diagonal ? Gaussian.diagonal(new double[d], v) : Gaussian.ofFlat(new double[d], v);
    }
}
