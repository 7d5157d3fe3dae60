package io.gmmflow.surrogate;

import io.gmmflow.linalg.Spectral;
import java.util.Locale;

/**
 * The practical regime map of seed 000 (Section VIII, with the three regimes of Section VII-A) as a
 * documented rule: for one Gaussian pair it advises {@code surrogate} (Method A) or {@code exact}
 * (Method B) from the whitened spectrum (rho_hat = max |lambda_k|, eq. 11, and its two ends lambda_min,
 * lambda_max), the conditioning kappa of Sigma0, the normalized commutator comm and Theorem 2's cubic
 * bound, with the reason in words.
 *
 * <p><b>The accurate interval.</b> For a commuting pair the covariance parts split over the common
 * eigenbasis: with a_k the source variances and lambda_k = b_k / a_k - 1,
 * C_cov = sum_k a_k lambda_k log(1 + lambda_k) / 4 and W2_cov = sum_k a_k (sqrt(1 + lambda_k) - 1)^2,
 * so the relative gap (C_cov - W2_cov) / W2_cov is a W2-weighted mean of the per-mode ratio
 * <pre>
 *   r(lambda) = phi(lambda) (sqrt(1 + lambda) + 1)^2 / 4 - 1 = lambda^2 / 48 + O(lambda^3),
 * </pre>
 * hence at most max(r(lambda_min), r(lambda_max)) (r decreases on (-1, 0] and increases on [0, inf),
 * tested). With the tolerance tau (default {@value #DEFAULT_TOLERANCE}) the interval r &lt;= tau is
 * [-0.789, 3.744]; Table II row 1 (lambda = 3, gap 0.04 on 1.00) sits inside it, row 10
 * (rho_hat = 6.1) outside.
 *
 * <p><b>The rule</b>, first match wins:
 * <ol>
 *   <li>rho_hat &lt; 1, comm &lt;= the commuting tolerance and cubic bound &lt;= tau * Q (Q the common
 *       quadratic proxy of Theorem 1): {@code surrogate}, {@link Regime#CERTIFIED_LOCAL} (Theorem 2 proves it);</li>
 *   <li>r(lambda_min) &gt; tau: {@code exact}, {@link Regime#NEAR_BOUNDARY} (Section VIII's near-boundary case);</li>
 *   <li>r(lambda_max) &gt; tau: {@code exact}, {@link Regime#NONLOCAL};</li>
 *   <li>commuting: {@code surrogate}, {@link Regime#COMMUTING} (relative covariance gap &lt;= tau, proved above);</li>
 *   <li>comm &gt; {@value #COMM_MAX}: {@code exact}, {@link Regime#STRONGLY_NON_COMMUTING};</li>
 *   <li>kappa * comm &gt; {@value #KAPPA_COMM_MAX}: {@code exact}, {@link Regime#ILL_CONDITIONED} (the commutator
 *       weighted by the conditioning of Sigma0);</li>
 *   <li>otherwise {@code surrogate}, {@link Regime#MODERATELY_NON_COMMUTING} (regime 2 of Section VII-A:
 *       "the gap becomes positive but remains controlled"; a heuristic, not a guarantee).</li>
 * </ol>
 * Rules 1-4 are statements about the gap; rules 5-7 are a heuristic, calibrated, not proved: Table II
 * row 4 (kappa 9, comm 0.19, kappa * comm = 1.7) is "controlled" in the seed, and on 20000 random pairs
 * (d = 2..6, kappa up to 1e3; {@code io.gmmflow.examples.surrogate.SurrogateFigures}) the relative
 * covariance gap (C - W2^2) / W2_cov^2 of the pairs that reach rule 7 with kappa * comm &lt;= 2 had median
 * 3.4%, 99th percentile 19% and maximum 31%, while kappa alone (up to 100 with comm up to 0.5) let the
 * maximum reach 280%. Stateless and thread-safe.
 */
public final class RegimeMap {

    /** Default relative tolerance tau on the covariance gap. */
    public static final double DEFAULT_TOLERANCE = 0.05;
    /** comm above which a pair counts as strongly non-commuting. */
    public static final double COMM_MAX = 0.5;
    /** kappa * comm above which a non-commuting pair counts as ill-conditioned. */
    public static final double KAPPA_COMM_MAX = 2;
    /** comm at or below which a pair counts as commuting (comm is a relative quantity; round-off leaves ~1e-16 kappa). */
    public static final double COMMUTING_TOLERANCE = 1e-10;

    private RegimeMap() {
    }

    /**
     * The per-mode relative gap r(lambda) of a commuting pair (see the class header), for lambda &gt; -1:
     * 0 at 0, +infinity as lambda -&gt; -1 or +infinity.
     */
    public static double modeRelativeGap(double lambda) {
        if (!(lambda > -1)) {
            throw new IllegalArgumentException("lambda must be > -1, got " + lambda);
        }
        if (Math.abs(lambda) < 1e-4) {
            // Cancellation in the closed form; the series error is O(lambda^3) < 1e-12 here.
            return lambda * lambda / 48;
        }
        double s = Math.sqrt(1 + lambda) + 1;
        return Spectral.phi(lambda) * s * s / 4 - 1;
    }

    /**
     * The interval [lo, hi] of whitened eigenvalues with r(lambda) &lt;= tolerance, by bisection to
     * round-off (r is monotone on each side of 0).
     */
    public static double[] accurateInterval(double tolerance) {
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a finite number > 0, got " + tolerance);
        }
        double lo = -1;
        double hi = 0;
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi) {
                break;
            }
            if (modeRelativeGap(mid) > tolerance) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double left = hi;
        lo = 0;
        hi = 1;
        while (modeRelativeGap(hi) <= tolerance) {
            hi *= 2;
        }
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi) {
                break;
            }
            if (modeRelativeGap(mid) > tolerance) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return new double[] {left, lo};
    }

    /**
     * The advice for one pair.
     *
     * @param lambdaMin  smallest eigenvalue of Sigma0^{-1/2} dS Sigma0^{-1/2} (&gt; -1)
     * @param lambdaMax  largest eigenvalue of the same matrix
     * @param kappa      condition number of Sigma0
     * @param comm       normalized commutator |[Sigma0, dS]|_F / (|Sigma0|_F |dS|_F)
     * @param cubicBound Theorem 2's bound, NaN when not applicable (rho_hat &gt;= 1)
     * @param quadratic  Q = 1/4 tr(dS Sigma0^{-1} dS)
     * @param tolerance  relative tolerance tau on the covariance gap
     */
    public static Recommendation advise(double lambdaMin, double lambdaMax, double kappa, double comm,
            double cubicBound, double quadratic, double tolerance) {
        if (!(lambdaMin > -1) || !(lambdaMax >= lambdaMin) || !(kappa >= 1) || !(comm >= 0)) {
            throw new IllegalArgumentException("invalid indicators: lambdaMin " + lambdaMin + ", lambdaMax " + lambdaMax
                    + ", kappa " + kappa + ", comm " + comm);
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be > 0, got " + tolerance);
        }
        double rho = Math.max(Math.abs(lambdaMin), Math.abs(lambdaMax));
        boolean commuting = comm <= COMMUTING_TOLERANCE;
        if (rho < 1 && commuting && cubicBound <= tolerance * quadratic) {
            return new Recommendation("surrogate", Regime.CERTIFIED_LOCAL, format(
                    "local (rho_hat = %s < 1) and commuting: Theorem 2 bounds |C - W2^2| by %s <= %s of Q = %s",
                    rho, cubicBound, tolerance, quadratic));
        }
        double rLo = modeRelativeGap(lambdaMin);
        double rHi = modeRelativeGap(lambdaMax);
        if (rLo > tolerance) {
            return new Recommendation("exact", Regime.NEAR_BOUNDARY, format(
                    "near the SPD boundary: lambda_min = %s (target variance %s of the source's in a whitened direction)"
                            + " makes one commuting mode's surrogate gap %s of its W2^2, above %s",
                    lambdaMin, 1 + lambdaMin, rLo, tolerance));
        }
        if (rHi > tolerance) {
            return new Recommendation("exact", Regime.NONLOCAL, format(
                    "nonlocal: lambda_max = %s (rho_hat = %s) makes one commuting mode's surrogate gap %s of its W2^2,"
                            + " above %s",
                    lambdaMax, rho, rHi, tolerance));
        }
        if (commuting) {
            return new Recommendation("surrogate", Regime.COMMUTING, format(
                    "commuting (comm = %s) with whitened eigenvalues in [%s, %s]: the covariance gap is at most %s of W2^2",
                    comm, lambdaMin, lambdaMax, Math.max(rLo, rHi)));
        }
        if (comm > COMM_MAX) {
            return new Recommendation("exact", Regime.STRONGLY_NON_COMMUTING, format(
                    "strongly non-commuting: comm = %s > %s, outside the seed's controlled regime", comm, COMM_MAX));
        }
        if (kappa * comm > KAPPA_COMM_MAX) {
            return new Recommendation("exact", Regime.ILL_CONDITIONED, format(
                    "ill-conditioned for its non-commutativity: kappa * comm = %s * %s = %s > %s", kappa, comm,
                    kappa * comm, KAPPA_COMM_MAX));
        }
        return new Recommendation("surrogate", Regime.MODERATELY_NON_COMMUTING, format(
                "moderately non-commuting (comm = %s, kappa = %s, kappa * comm = %s <= %s), whitened eigenvalues in"
                        + " [%s, %s]: gap expected controlled (seed 000 Section VII-A), not guaranteed",
                comm, kappa, kappa * comm, KAPPA_COMM_MAX, lambdaMin, lambdaMax));
    }

    private static String format(String pattern, Object... numbers) {
        Object[] s = new Object[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            s[i] = numbers[i] instanceof Double v ? String.format(Locale.ROOT, "%.3g", v) : String.valueOf(numbers[i]);
        }
        return String.format(Locale.ROOT, pattern, s);
    }
}
