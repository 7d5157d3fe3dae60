package io.gmmflow.surrogate;

/**
 * Path splitting of seed 000 Section V (eq. 19-25) for one pair: the covariance segment
 * Sigma(s) = Sigma0 + s dS cut into N equal pieces Sigma^(k) = Sigma0 + (k/N) dS (eq. 19).
 *
 * <p>{@code segments} is the sufficient N of eq. 25, the smallest integer N &gt; |dS| / m with
 * m = min(lambda_min(Sigma0), lambda_min(Sigma1)), a lower bound on lambda_min along the whole segment
 * because lambda_min is concave (DESIGN.md section 2). By eq. 24 every segment is then local.
 *
 * <p>{@code minimalSegments} is the smallest N that makes every segment local, computed exactly from
 * the whitened spectrum (our addition): the segment-k whitened increment has the eigenvalues
 * mu_jk = (lambda_j / N) / (1 + (k/N) lambda_j), whose largest modulus over k is lambda_max / N for
 * lambda_j &gt; 0 (at k = 0) and |lambda_j| / (N - (N-1)|lambda_j|) &lt; 1 for -1 &lt; lambda_j &lt; 0
 * (at k = N-1); so N = floor(lambda_max) + 1 when lambda_max &gt;= 1, else 1. Eq. 25's N is often far
 * larger.
 *
 * <p>Per-segment quantities for N = {@code segments} (when {@code computed}; the work is O(N d^3), so
 * above a work limit they are skipped and the sums are NaN): rho_hat_k (eq. 21, max_j |mu_jk|, in
 * O(d) per segment from the pair's spectrum, no per-segment eigendecomposition), the summed bound
 * of eq. 22, sum_k (B_C + B_W)(Sigma^(k), rho_hat_k) |dS|^3 / N^3 with the extreme eigenvalues of each
 * Sigma^(k), and the summed per-segment gap sum_k |C_k - W2_k^2| (covariance parts; the mean term of
 * each segment is the same in both and cancels). The segment costs are the covariance parts of the
 * surrogate and of W2^2 between Sigma^(k) and Sigma^(k+1): the sum of the C_k is C_cov / N exactly
 * (each segment is the same linear path run over unit time), and the sum of the W2_k^2 is at least
 * W2_cov^2 / N (Cauchy-Schwarz with the triangle inequality). Each C_k and W2_k^2 is O(|dS|^2 / N^2),
 * so their difference carries an absolute error of about 1e-16 tr(Sigma) per segment.
 *
 * @param segments              the sufficient N of eq. 25 (Long.MAX_VALUE when |dS| / m exceeds 9e18 or m is not
 *                              positive to working precision: no finite N)
 * @param eigenvalueLowerBound  m = min(lambda_min(Sigma0), lambda_min(Sigma1))
 * @param minimalSegments       the smallest N with every rho_hat_k &lt; 1
 * @param computed              whether the per-segment quantities below were computed
 * @param segmentRhoHat         rho_hat_k for k = 0..N-1 when computed and N &lt;= {@value #MAX_STORED_SEGMENTS}, else null
 * @param maxSegmentRhoHat      max_k rho_hat_k (NaN when not computed)
 * @param summedBound           the right side of eq. 22 (NaN when not computed or some rho_hat_k &gt;= 1)
 * @param summedGap             sum_k |C_k - W2_k^2| (NaN when not computed)
 * @param summedSurrogate       sum_k C_k (NaN when not computed)
 * @param summedW2              sum_k W2_k^2 (NaN when not computed)
 * @param note                  why the per-segment quantities were skipped, or empty
 */
public record PathSplit(long segments, double eigenvalueLowerBound, long minimalSegments, boolean computed,
        double[] segmentRhoHat, double maxSegmentRhoHat, double summedBound, double summedGap, double summedSurrogate,
        double summedW2, String note) {

    /** Segments beyond which the per-segment rho_hat_k are not kept (the sums still are). */
    public static final int MAX_STORED_SEGMENTS = 10_000;

    /** Copies the array in. */
    public PathSplit {
        segmentRhoHat = segmentRhoHat == null ? null : segmentRhoHat.clone();
    }

    /** rho_hat_k, copied (null when not kept). */
    @Override
    public double[] segmentRhoHat() {
        return segmentRhoHat == null ? null : segmentRhoHat.clone();
    }

    /** Whether every segment is local (max rho_hat_k &lt; 1); false when not computed. */
    public boolean allSegmentsLocal() {
        return computed && maxSegmentRhoHat < 1;
    }
}
