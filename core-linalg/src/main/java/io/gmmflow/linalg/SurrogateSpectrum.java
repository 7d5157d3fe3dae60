package io.gmmflow.linalg;

/**
 * The spectral pieces of the surrogate flow between N(mu0, A) and N(mu1, B), A = L L^T, from one
 * eigendecomposition G = L^{-1}(B - A)L^{-T} = Q diag(lambda) Q^T (DESIGN.md section 2):
 * <ul>
 *   <li>cost C = |dmu|^2 + 1/4 sum_k lambda_k log(1 + lambda_k) |L q_k|^2 (seed 000 eq. 6);</li>
 *   <li>field at any t: y = W^T (x - mu(t)) with W = L^{-T} Q, then
 *       v = dmu + 1/2 (L Q) (lambda_k y_k / (1 + t lambda_k))_k (Lemma 1);</li>
 *   <li>log det Sigma(t) = log det A + sum_k log1p(t lambda_k); Mahalanobis term
 *       sum_k y_k^2 / (1 + t lambda_k).</li>
 * </ul>
 *
 * <p>When {@code diagonal} is true (both covariances diagonal) Q is the identity and
 * {@code lq} and {@code w} hold only the d diagonal entries (sqrt(a_k) and 1/sqrt(a_k)), so that
 * consumers take the O(d) route; otherwise they are d x d row-major with column k belonging to
 * lambda_k. Arrays are shared, not copied: treat them as read-only.
 *
 * @param dimension the dimension d
 * @param diagonal  whether Q is the identity and the bases are stored as diagonals
 * @param lambda    eigenvalues of G (ascending unless diagonal), each > -1
 * @param lq        the basis L Q
 * @param w         the dual basis W = L^{-T} Q (W^T L Q = I)
 */
public record SurrogateSpectrum(int dimension, boolean diagonal, double[] lambda, double[] lq, double[] w) {

    /** rho_hat = max_k |lambda_k|, the spectral norm of Sigma0^{-1/2} dS Sigma0^{-1/2} (seed 000 eq. 11). */
    public double rhoHat() {
        double m = 0;
        for (double l : lambda) {
            m = Math.max(m, Math.abs(l));
        }
        return m;
    }

    /** |L q_k|^2, the weight of mode k in the cost. */
    public double modeWeight(int k) {
        if (diagonal) {
            return lq[k] * lq[k];
        }
        double s = 0;
        int d = dimension;
        for (int i = 0; i < d; i++) {
            double v = lq[i * d + k];
            s += v * v;
        }
        return s;
    }

    /**
     * The covariance part of the surrogate cost, 1/4 sum_k lambda_k log(1 + lambda_k) |L q_k|^2,
     * with lambda log(1 + lambda) evaluated as lambda^2 phi(lambda) (no cancellation near 0).
     */
    public double covarianceCost() {
        double s = 0;
        for (int k = 0; k < dimension; k++) {
            s += Spectral.zLog1p(lambda[k]) * modeWeight(k);
        }
        return 0.25 * s;
    }

    /** log det Sigma(t) - log det Sigma0 = sum_k log1p(t lambda_k). */
    public double logDeterminantIncrement(double t) {
        double s = 0;
        for (double l : lambda) {
            s += Math.log1p(t * l);
        }
        return s;
    }
}
