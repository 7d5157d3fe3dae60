package io.gmmflow.linalg;

import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.Gaussian;

/**
 * A Gaussian component prepared once for the kernels that use it many times: its mean, its
 * covariance as a flat row-major array, and its Cholesky factor Sigma = L L^T (for diagonal and
 * spherical covariances only the d standard deviations), with log det Sigma and tr Sigma.
 *
 * <p>Every pair kernel in {@link PairKernels} takes factors, so a mixture's K components are
 * factored K times, not K0 x K1 times (DESIGN.md section 2, "one factorization per source
 * component serves every pair that starts there"). Building one costs O(d^2) (the factor was
 * computed when the {@link Gaussian} was validated). Immutable and thread-safe.
 */
public final class GaussianFactor {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final int d;
    private final double[] mean;
    private final boolean diagonal;
    private final boolean positiveDefinite;
    /** FULL: d*d row-major covariance; diagonal kinds: the d variances. */
    private final double[] covariance;
    /** FULL: lower Cholesky factor d*d row-major; diagonal kinds: the d standard deviations. */
    private final double[] factor;
    private final double logDeterminant;
    private final double trace;

    private GaussianFactor(Gaussian g) {
        this.d = g.dimension();
        this.mean = g.mean();
        this.diagonal = g.covarianceType() != CovarianceType.FULL;
        this.positiveDefinite = g.isPositiveDefinite();
        if (diagonal) {
            this.covariance = g.variances();
            this.factor = new double[d];
            for (int i = 0; i < d; i++) {
                factor[i] = Math.sqrt(covariance[i]);
            }
        } else {
            this.covariance = g.covarianceRowMajor();
            this.factor = g.choleskyFactor();
        }
        this.logDeterminant = g.logDeterminant();
        this.trace = g.trace();
    }

    /** Prepares {@code g}. */
    public static GaussianFactor of(Gaussian g) {
        if (g == null) {
            throw new IllegalArgumentException("Gaussian is null");
        }
        return new GaussianFactor(g);
    }

    /** The dimension d. */
    public int dimension() {
        return d;
    }

    /** Whether the covariance is diagonal (diagonal or spherical storage): O(d) kernels apply. */
    public boolean isDiagonal() {
        return diagonal;
    }

    /** Whether the covariance is positive definite (not only semi-definite). */
    public boolean isPositiveDefinite() {
        return positiveDefinite;
    }

    /** Mean entry i. */
    public double mean(int i) {
        return mean[i];
    }

    /** A copy of the mean. */
    public double[] mean() {
        return mean.clone();
    }

    /** The mean without copying; callers must not modify it. */
    public double[] meanView() {
        return mean;
    }

    /** The covariance, d*d row-major (a new array for diagonal kinds). */
    public double[] covarianceRowMajor() {
        if (!diagonal) {
            return covariance.clone();
        }
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++) {
            m[i * d + i] = covariance[i];
        }
        return m;
    }

    /** The covariance without copying (d*d for full, d variances for diagonal); do not modify. */
    public double[] covarianceView() {
        return covariance;
    }

    /** The variances (the diagonal of the covariance), copied. */
    public double[] variances() {
        if (diagonal) {
            return covariance.clone();
        }
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = covariance[i * d + i];
        }
        return v;
    }

    /** The lower Cholesky factor L, d*d row-major (a new array for diagonal kinds). */
    public double[] lower() {
        if (!diagonal) {
            return factor.clone();
        }
        double[] l = new double[d * d];
        for (int i = 0; i < d; i++) {
            l[i * d + i] = factor[i];
        }
        return l;
    }

    /** The factor without copying (d*d lower for full, d standard deviations for diagonal); do not modify. */
    public double[] factorView() {
        return factor;
    }

    /** log det Sigma. */
    public double logDeterminant() {
        return logDeterminant;
    }

    /** tr Sigma. */
    public double trace() {
        return trace;
    }

    private void requirePd(String what) {
        if (!positiveDefinite) {
            throw new IllegalArgumentException(what + " needs a positive definite covariance; this one is singular");
        }
    }

    /** z = L^{-1}(x - mu) for the point at {@code x[off .. off+d-1]}, written into {@code z}. */
    public void whiten(double[] x, int off, double[] z) {
        requirePd("whitening");
        if (diagonal) {
            for (int i = 0; i < d; i++) {
                z[i] = (x[off + i] - mean[i]) / factor[i];
            }
            return;
        }
        for (int i = 0; i < d; i++) {
            int ri = i * d;
            double s = x[off + i] - mean[i];
            for (int k = 0; k < i; k++) {
                s -= factor[ri + k] * z[k];
            }
            z[i] = s / factor[ri + i];
        }
    }

    /**
     * log N(x_p | mu, Sigma) for the points p in [from, to) of the flat row-major array
     * {@code points}, into {@code out[p]}. O(d^2) per point (O(d) diagonal), no allocation per point.
     */
    public void logDensity(double[] points, int from, int to, double[] out) {
        requirePd("a log-density");
        double c = -0.5 * (d * LOG_2PI + logDeterminant);
        double[] z = new double[d];
        for (int p = from; p < to; p++) {
            whiten(points, p * d, z);
            double q = 0;
            for (int i = 0; i < d; i++) {
                q += z[i] * z[i];
            }
            out[p] = c - 0.5 * q;
        }
    }

    /** L^{-1} B L^{-T} for a symmetric d x d matrix B (row-major). */
    public double[] whitenSymmetric(double[] b) {
        return whitenSymmetric(b, LinalgRoute.AUTO);
    }

    /** L^{-1} B L^{-T} on the given route (full covariances; diagonal ones are O(d^2) in Java). */
    public double[] whitenSymmetric(double[] b, LinalgRoute route) {
        requirePd("whitening");
        if (diagonal) {
            double[] g = new double[d * d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    g[i * d + j] = b[i * d + j] / (factor[i] * factor[j]);
                }
            }
            return g;
        }
        return cholesky().whitenSymmetric(b, route);
    }

    /** L^T B L for a symmetric d x d matrix B (row-major). */
    public double[] congruenceTranspose(double[] b) {
        return congruenceTranspose(b, LinalgRoute.AUTO);
    }

    /** L^T B L on the given route (full covariances; diagonal ones are O(d^2) in Java). */
    public double[] congruenceTranspose(double[] b, LinalgRoute route) {
        if (b.length != d * d) {
            throw new IllegalArgumentException("matrix has " + b.length + " entries, expected " + d + " x " + d);
        }
        if (diagonal) {
            double[] n = new double[d * d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    n[i * d + j] = b[i * d + j] * factor[i] * factor[j];
                }
            }
            return n;
        }
        return CholeskyFactor.congruenceTranspose(factor, b, d, route);
    }

    /** The Cholesky factor as a {@link CholeskyFactor} (full covariances only). */
    CholeskyFactor cholesky() {
        return CholeskyFactor.ofLower(factor, d);
    }

    /** L^{-T} B for a d x m matrix B (row-major). */
    public double[] solveUpperMatrix(double[] b, int m) {
        return solveUpperMatrix(b, m, LinalgRoute.AUTO);
    }

    /** L^{-T} B on the given route (full covariances: native {@code dtrsm}). */
    public double[] solveUpperMatrix(double[] b, int m, LinalgRoute route) {
        requirePd("L^{-T} B");
        if (diagonal) {
            double[] x = b.clone();
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < m; j++) {
                    x[i * m + j] /= factor[i];
                }
            }
            return x;
        }
        if (m > 0 && NativeLinalg.useNative(route, NativeLinalg.Kernel.TRIANGULAR, (long) d * d * m)) {
            return cholesky().solveUpperMatrix(b, m, LinalgRoute.NATIVE);
        }
        double[] x = b.clone();
        for (int i = d - 1; i >= 0; i--) {
            int xi = i * m;
            for (int k = i + 1; k < d; k++) {
                double lki = factor[k * d + i];
                if (lki == 0.0) {
                    continue;
                }
                int xk = k * m;
                for (int j = 0; j < m; j++) {
                    x[xi + j] -= lki * x[xk + j];
                }
            }
            double inv = 1.0 / factor[i * d + i];
            for (int j = 0; j < m; j++) {
                x[xi + j] *= inv;
            }
        }
        return x;
    }

    /** L B for a d x m matrix B (row-major). */
    public double[] multiplyLower(double[] b, int m) {
        return multiplyLower(b, m, LinalgRoute.AUTO);
    }

    /** L B on the given route (full covariances: native {@code dtrmm}). */
    public double[] multiplyLower(double[] b, int m, LinalgRoute route) {
        if (m < 0 || b.length != (long) d * m) {
            throw new IllegalArgumentException("right-hand side has " + b.length + " entries, expected " + d + " x " + m);
        }
        if (!diagonal && m > 0 && NativeLinalg.useNative(route, NativeLinalg.Kernel.TRIANGULAR, (long) d * d * m)) {
            double[] x = b.clone();
            NativeKernels.multiplyLower(factor, x, d, m);
            return x;
        }
        double[] x = new double[d * m];
        if (diagonal) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < m; j++) {
                    x[i * m + j] = factor[i] * b[i * m + j];
                }
            }
            return x;
        }
        for (int i = 0; i < d; i++) {
            int ri = i * d;
            int xi = i * m;
            for (int k = 0; k <= i; k++) {
                double lik = factor[ri + k];
                if (lik == 0.0) {
                    continue;
                }
                int bk = k * m;
                for (int j = 0; j < m; j++) {
                    x[xi + j] += lik * b[bk + j];
                }
            }
        }
        return x;
    }
}
