package io.gmmflow.linalg;

import java.util.function.DoubleUnaryOperator;

/**
 * Spectral functions f(A) = V f(Lambda) V^T of symmetric matrices, and the scalar functions the
 * Gaussian formulas need with their stable forms near 0.
 *
 * <p>One eigendecomposition (O(d^3)) plus one synthesis (d^3 flops) per call. The matrix
 * functions check their domain on the spectrum and throw an {@link IllegalArgumentException}
 * naming the offending eigenvalue. Stateless and thread-safe.
 */
public final class Spectral {

    private Spectral() {
    }

    /** f(A) for any scalar f defined on the spectrum of A. */
    public static double[] apply(double[] a, int d, DoubleUnaryOperator f) {
        SymmetricEigen.Decomposition e = SymmetricEigen.decompose(a, d);
        double[] fv = new double[d];
        for (int k = 0; k < d; k++) {
            fv[k] = f.applyAsDouble(e.value(k));
        }
        return e.synthesize(fv);
    }

    /**
     * The positive semi-definite square root of a symmetric positive semi-definite matrix;
     * eigenvalues that round-off made slightly negative (above -1e-12 |A|) count as 0.
     */
    public static double[] sqrt(double[] a, int d) {
        SymmetricEigen.Decomposition e = SymmetricEigen.decompose(a, d);
        double tol = 1e-12 * Math.max(Math.abs(e.value(0)), Math.abs(e.value(d - 1)));
        double[] fv = new double[d];
        for (int k = 0; k < d; k++) {
            double v = e.value(k);
            if (v < -tol) {
                throw new IllegalArgumentException("matrix square root needs a positive semi-definite matrix; "
                        + "eigenvalue " + k + " is " + v);
            }
            fv[k] = Math.sqrt(Math.max(v, 0));
        }
        if (d == 2) {
            return sqrt2(a, fv);
        }
        return e.synthesize(fv);
    }

    /** For 2 x 2: sqrt(A) = (A + s I) / sqrt(tr A + 2 s), s = sqrt(det A) (exact in one step). */
    private static double[] sqrt2(double[] a, double[] rootValues) {
        double s = rootValues[0] * rootValues[1];
        double t = rootValues[0] + rootValues[1];
        if (!(t > 0)) {
            return new double[4];
        }
        return new double[] {(a[0] + s) / t, a[1] / t, a[2] / t, (a[3] + s) / t};
    }

    /** A^{-1/2} of a symmetric positive definite matrix. */
    public static double[] inverseSqrt(double[] a, int d) {
        SymmetricEigen.Decomposition e = SymmetricEigen.decompose(a, d);
        double[] fv = new double[d];
        for (int k = 0; k < d; k++) {
            double v = e.value(k);
            if (!(v > 0)) {
                throw new IllegalArgumentException("inverse square root needs a positive definite matrix; eigenvalue "
                        + k + " is " + v);
            }
            fv[k] = 1.0 / Math.sqrt(v);
        }
        return e.synthesize(fv);
    }

    /** log(I + A) for a symmetric matrix with every eigenvalue > -1. */
    public static double[] log1p(double[] a, int d) {
        SymmetricEigen.Decomposition e = SymmetricEigen.decompose(a, d);
        double[] fv = new double[d];
        for (int k = 0; k < d; k++) {
            double v = e.value(k);
            if (!(v > -1)) {
                throw new IllegalArgumentException("log(I + A) needs eigenvalues > -1; eigenvalue " + k + " is " + v);
            }
            fv[k] = Math.log1p(v);
        }
        return e.synthesize(fv);
    }

    /** phi(A) with phi(z) = log(1 + z) / z, phi(0) = 1, for eigenvalues > -1. */
    public static double[] phi(double[] a, int d) {
        SymmetricEigen.Decomposition e = SymmetricEigen.decompose(a, d);
        double[] fv = new double[d];
        for (int k = 0; k < d; k++) {
            double v = e.value(k);
            if (!(v > -1)) {
                throw new IllegalArgumentException("phi(A) needs eigenvalues > -1; eigenvalue " + k + " is " + v);
            }
            fv[k] = phi(v);
        }
        return e.synthesize(fv);
    }

    /**
     * phi(z) = log(1 + z) / z with phi(0) = 1, accurate to round-off for every z > -1: log1p keeps
     * the quotient accurate down to |z| ~ 1e-300, and below 1e-8 the series 1 - z/2 + z^2/3 is
     * exact in double precision.
     */
    public static double phi(double z) {
        if (Math.abs(z) < 1e-8) {
            return 1.0 - z * (0.5 - z / 3.0);
        }
        return Math.log1p(z) / z;
    }

    /** z log(1 + z), which is z^2 - z^3/2 + ... near 0 (no cancellation: it is z^2 phi(z)). */
    public static double zLog1p(double z) {
        return z * z * phi(z);
    }
}
