package io.gmmflow.linalg;

/**
 * The Gaussian pair kernels of DESIGN.md section 2, shared by the method plugins: the squared
 * Bures-Wasserstein distance by eigenvalues only, the optimal (Bures) map, and the spectral pieces
 * of the surrogate flow (seed 000 Method A). All work in the Cholesky frame of the source
 * covariance Sigma0 = L L^T, with the factor taken from a {@link GaussianFactor} built once per
 * component.
 *
 * <p>Routes and costs per pair: diagonal with diagonal covariances O(d); d = 1 scalar; d = 2 in
 * closed form; otherwise one congruence (~d^3 flops) and one symmetric eigendecomposition, values
 * only for the distance (~4/3 d^3), with vectors for the map and the surrogate (~9 d^3).
 * Stateless and thread-safe.
 */
public final class PairKernels {

    private PairKernels() {
    }

    private static void checkPair(GaussianFactor a, GaussianFactor b) {
        if (a.dimension() != b.dimension()) {
            throw new IllegalArgumentException("source has dimension " + a.dimension() + " but target has dimension "
                    + b.dimension());
        }
    }

    /** Whether the two covariances are identical (same storage kind and bits): an O(d^2) check. */
    static boolean sameCovariance(GaussianFactor a, GaussianFactor b) {
        return a == b || (a.isDiagonal() == b.isDiagonal()
                && java.util.Arrays.equals(a.covarianceView(), b.covarianceView()));
    }

    /** |mu_b - mu_a|^2. */
    public static double meanDistanceSquared(GaussianFactor a, GaussianFactor b) {
        checkPair(a, b);
        double s = 0;
        for (int i = 0; i < a.dimension(); i++) {
            double t = b.mean(i) - a.mean(i);
            s += t * t;
        }
        return s;
    }

    /**
     * The Bures trace term tr((A^{1/2} B A^{1/2})^{1/2}) = sum_k sqrt(nu_k), nu_k the eigenvalues of
     * L^T B L (A = L L^T), clamped at 0 (round-off can make tiny negatives). Also valid when A is
     * only positive semi-definite.
     */
    public static double buresTrace(GaussianFactor a, GaussianFactor b) {
        checkPair(a, b);
        int d = a.dimension();
        if (sameCovariance(a, b)) {
            // tr((A^{1/2} A A^{1/2})^{1/2}) = tr A exactly; the spectral route would square the
            // condition number and leave round-off where W2(g, g) must be 0.
            return a.trace();
        }
        if (a.isDiagonal() && b.isDiagonal()) {
            // The factors hold the standard deviations already: no square root per pair.
            double[] sa = a.factorView();
            double[] sb = b.factorView();
            double s = 0;
            for (int i = 0; i < d; i++) {
                s += sa[i] * sb[i];
            }
            return s;
        }
        if (d == 1) {
            return Math.sqrt(a.covarianceView()[0] * b.covarianceView()[0]);
        }
        if (d == 2) {
            // tr sqrt(N) = sqrt(tr N + 2 sqrt(det N)), N = L^T B L: tr N = tr(AB), det N = det A det B.
            double[] ma = a.covarianceRowMajor();
            double[] mb = b.covarianceRowMajor();
            double trAb = ma[0] * mb[0] + ma[1] * mb[2] + ma[2] * mb[1] + ma[3] * mb[3];
            double detA = ma[0] * ma[3] - ma[1] * ma[2];
            double detB = mb[0] * mb[3] - mb[1] * mb[2];
            double det = Math.max(0, detA) * Math.max(0, detB);
            return Math.sqrt(Math.max(0, trAb + 2 * Math.sqrt(det)));
        }
        // The congruence only reads B (both routes), so a full covariance is passed without a copy.
        double[] n = a.congruenceTranspose(b.isDiagonal() ? b.covarianceRowMajor() : b.covarianceView());
        double[] nu = SymmetricEigen.values(n, d);
        double s = 0;
        for (double v : nu) {
            s += Math.sqrt(Math.max(v, 0));
        }
        return s;
    }

    /**
     * W2^2 = |mu_b - mu_a|^2 + tr A + tr B - 2 tr((A^{1/2} B A^{1/2})^{1/2}) (seed 000 eq. 10,
     * seed 002 eq. 8), clamped at 0 so that W2(g, g) is 0 to round-off and never NaN.
     */
    public static double w2Squared(GaussianFactor a, GaussianFactor b) {
        return meanDistanceSquared(a, b) + buresSquared(a, b);
    }

    /**
     * The covariance part of W2^2 alone: tr A + tr B - 2 tr((A^{1/2} B A^{1/2})^{1/2}) >= 0. For two
     * diagonal covariances it is sum_k (sqrt(a_k) - sqrt(b_k))^2, a sum of squares with no
     * cancellation (O(d), from the stored standard deviations).
     */
    public static double buresSquared(GaussianFactor a, GaussianFactor b) {
        if (a.isDiagonal() && b.isDiagonal()) {
            checkPair(a, b);
            double[] sa = a.factorView();
            double[] sb = b.factorView();
            double s = 0;
            for (int i = 0; i < sa.length; i++) {
                double t = sa[i] - sb[i];
                s += t * t;
            }
            return s;
        }
        return Math.max(a.trace() + b.trace() - 2 * buresTrace(a, b), 0);
    }

    /**
     * The Bures optimal map M with M A M = B (seed 000 eq. 26):
     * M = L^{-T} (L^T B L)^{1/2} L^{-1}, symmetric positive semi-definite, row-major d*d. One
     * eigendecomposition with vectors. Diagonal pairs: diag(sqrt(b_k / a_k)).
     *
     * @throws IllegalArgumentException if A is singular (the map does not exist)
     */
    public static double[] buresMap(GaussianFactor a, GaussianFactor b) {
        checkPair(a, b);
        if (!a.isPositiveDefinite()) {
            throw new IllegalArgumentException("the Bures map needs a positive definite source covariance");
        }
        int d = a.dimension();
        if (a.isDiagonal() && b.isDiagonal()) {
            double[] va = a.covarianceView();
            double[] vb = b.covarianceView();
            double[] m = new double[d * d];
            for (int i = 0; i < d; i++) {
                m[i * d + i] = Math.sqrt(vb[i] / va[i]);
            }
            return m;
        }
        double[] n = a.congruenceTranspose(b.covarianceRowMajor());
        double[] root = Spectral.sqrt(n, d);
        double[] x = a.solveUpperMatrix(root, d);                       // L^{-T} R
        double[] m = a.solveUpperMatrix(Dense.transpose(x, d, d), d);  // L^{-T} (L^{-T} R)^T = (L^{-T} R L^{-1})^T
        return Dense.symmetrize(m, d);
    }

    /**
     * The surrogate's spectral pieces for a pair (DESIGN.md section 2): G = L^{-1} dS L^{-T} =
     * Q Lambda Q^T with dS = B - A; lambda_k > -1 exactly when B is positive definite, and
     * rho_hat = max |lambda_k| (seed 000 eq. 11).
     *
     * @throws IllegalArgumentException if A is singular
     */
    public static SurrogateSpectrum surrogateSpectrum(GaussianFactor a, GaussianFactor b) {
        checkPair(a, b);
        if (!a.isPositiveDefinite()) {
            throw new IllegalArgumentException("the surrogate needs a positive definite source covariance");
        }
        int d = a.dimension();
        if (a.isDiagonal() && b.isDiagonal()) {
            double[] va = a.covarianceView();
            double[] vb = b.covarianceView();
            double[] lambda = new double[d];
            double[] sd = a.factorView().clone();
            double[] inv = new double[d];
            for (int i = 0; i < d; i++) {
                lambda[i] = (vb[i] - va[i]) / va[i];
                inv[i] = 1.0 / sd[i];
            }
            return new SurrogateSpectrum(d, true, lambda, sd, inv);
        }
        double[] ds = Dense.subtract(b.covarianceRowMajor(), a.covarianceRowMajor());
        double[] g = a.whitenSymmetric(ds);
        SymmetricEigen.Decomposition e = SymmetricEigen.decompose(g, d);
        double[] lq = a.multiplyLower(e.vectors(), d);
        double[] w = a.solveUpperMatrix(e.vectors(), d);
        return new SurrogateSpectrum(d, false, e.values(), lq, w);
    }
}
