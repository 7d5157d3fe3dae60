package io.gmmflow.linalg;

import org.netlib.util.intW;

/**
 * The LAPACK/BLAS calls behind the native route, on this package's row-major arrays.
 *
 * <p>LAPACK is column-major, and a row-major array read column-major is the transpose. Symmetric
 * matrices are their own transpose, and a lower-triangular factor L stored row-major is the
 * upper-triangular U = L^T column-major, so every call below passes {@code "U"} where the Java
 * kernels read or write the lower triangle, and products are computed transposed
 * (C^T = B^T A^T). Inputs are never modified (LAPACK overwrites, so the kernels copy first).
 * Workspace is allocated per call: it is O(d^2) at most against O(d^3) work. Thread-safe (LAPACK
 * keeps no state between calls).
 */
final class NativeKernels {

    /** dsytrd block size is 32 in OpenBLAS's ilaenv; 64 d leaves room for any blocked variant. */
    private static final int TRIDIAGONAL_WORK_PER_ROW = 64;

    private NativeKernels() {
    }

    /**
     * The lower Cholesky factor of the symmetric positive definite a (row-major), or null when
     * {@code dpotrf} reports a non-positive pivot or a pivot is not finite (OpenBLAS's own potrf
     * does not test for NaN); the caller then reruns the Java factorization for its exact report.
     */
    static double[] choleskyLower(double[] a, int d) {
        double[] l = a.clone();
        intW info = new intW(0);
        NativeLinalg.lapack().dpotrf("U", d, l, d, info);
        if (info.val != 0) {
            return null;
        }
        for (int i = 0; i < d; i++) {
            double lii = l[i * d + i];
            if (!(lii > 0) || !Double.isFinite(lii)) {
                return null;
            }
            // dpotrf leaves the other triangle as it found it (the input's upper triangle).
            for (int j = i + 1; j < d; j++) {
                l[i * d + j] = 0.0;
            }
        }
        return l;
    }

    /** L^T B L (itype 2 with U = L^T: U B U^T), full and symmetric. */
    static double[] congruenceTranspose(double[] lower, double[] b, int d) {
        return sygst(2, lower, b, d);
    }

    /** L^{-1} B L^{-T} (itype 1 with U = L^T: U^{-T} B U^{-1}), full and symmetric. */
    static double[] whiten(double[] lower, double[] b, int d) {
        return sygst(1, lower, b, d);
    }

    private static double[] sygst(int itype, double[] lower, double[] b, int d) {
        double[] c = b.clone();
        intW info = new intW(0);
        NativeLinalg.lapack().dsygst(itype, "U", d, c, d, lower, d, info);
        if (info.val != 0) {
            throw new IllegalArgumentException("dsygst rejected argument " + (-info.val) + " (d = " + d + ")");
        }
        // The result is in the column-major upper = row-major lower triangle; mirror it.
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                c[i * d + j] = c[j * d + i];
            }
        }
        return c;
    }

    /** Ascending eigenvalues of the symmetric a: Householder tridiagonalization (dsytrd) + root-free QR (dsterf). */
    static double[] eigenvalues(double[] a, int d) {
        double[] c = a.clone();
        double[] diag = new double[d];
        double[] off = new double[Math.max(1, d - 1)];
        double[] tau = new double[Math.max(1, d - 1)];
        int lwork = Math.max(1, TRIDIAGONAL_WORK_PER_ROW * d);
        double[] work = new double[lwork];
        intW info = new intW(0);
        NativeLinalg.lapack().dsytrd("U", d, c, d, diag, off, tau, work, lwork, info);
        if (info.val != 0) {
            throw new IllegalArgumentException("dsytrd rejected argument " + (-info.val) + " (d = " + d + ")");
        }
        NativeLinalg.lapack().dsterf(d, diag, off, info);
        if (info.val != 0) {
            throw new ArithmeticException("LAPACK dsterf did not converge (" + info.val
                    + " off-diagonal entries left, d = " + d + ")");
        }
        return diag;
    }

    /**
     * Ascending eigenvalues of the symmetric a, and its unit eigenvectors as the columns of the
     * row-major {@code vectors} (d*d), by divide and conquer (dsyevd).
     */
    static double[] eigenvectors(double[] a, int d, double[] vectors) {
        double[] z = a.clone();
        double[] values = new double[d];
        int lwork = 1 + 6 * d + 2 * d * d;
        int liwork = 3 + 5 * d;
        intW info = new intW(0);
        NativeLinalg.lapack().dsyevd("V", "U", d, z, d, values, new double[lwork], lwork, new int[liwork], liwork, info);
        if (info.val < 0) {
            throw new IllegalArgumentException("dsyevd rejected argument " + (-info.val) + " (d = " + d + ")");
        }
        if (info.val > 0) {
            throw new ArithmeticException("LAPACK dsyevd did not converge (info " + info.val + ", d = " + d + ")");
        }
        // z holds eigenvector k in its column-major column k, i.e. at z[k*d + i]; we store it as column k of a row-major array.
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                vectors[i * d + k] = z[k * d + i];
            }
        }
        return values;
    }

    /** C[cOff..] = A[aOff..] B for row-major A (n x k), B (k x m), C (n x m), overwriting C. */
    static void multiply(double[] a, int aOff, double[] b, double[] c, int cOff, int n, int k, int m) {
        // C^T (m x n, column-major with leading dimension m) = B^T A^T, and B^T, A^T are B, A read column-major.
        NativeLinalg.blas().dgemm("N", "N", m, n, k, 1.0, b, 0, m, a, aOff, k, 0.0, c, cOff, m);
    }

    /** C = A^T B for row-major A (k x n), B (k x m). */
    static void multiplyTransposeLeft(double[] a, double[] b, double[] c, int k, int n, int m) {
        // C^T = B^T A: B^T is B read column-major (m x k, ld m), A is A^T read column-major transposed (ld n).
        NativeLinalg.blas().dgemm("N", "T", m, n, k, 1.0, b, 0, m, a, 0, n, 0.0, c, 0, m);
    }

    /** C = A B^T for row-major A (n x k), B (m x k). */
    static void multiplyTransposeRight(double[] a, double[] b, double[] c, int n, int k, int m) {
        // C^T = B A^T: B is B^T read column-major (k x m, ld k) transposed; A^T is A read column-major (k x n).
        NativeLinalg.blas().dgemm("T", "N", m, n, k, 1.0, b, 0, k, a, 0, k, 0.0, c, 0, m);
    }

    /** X = L^{-1} B in place for row-major lower L (d x d) and B (d x m). */
    static void solveLower(double[] lower, double[] x, int d, int m) {
        // X^T = B^T L^{-T} = B^T U^{-1} with U = L^T (L read column-major): side R, no transpose.
        NativeLinalg.blas().dtrsm("R", "U", "N", "N", m, d, 1.0, lower, 0, d, x, 0, m);
    }

    /** X = L^{-T} B in place. */
    static void solveUpper(double[] lower, double[] x, int d, int m) {
        // X^T = B^T L^{-1} = B^T U^{-T}.
        NativeLinalg.blas().dtrsm("R", "U", "T", "N", m, d, 1.0, lower, 0, d, x, 0, m);
    }

    /** X = L B in place. */
    static void multiplyLower(double[] lower, double[] x, int d, int m) {
        // X^T = B^T L^T = B^T U.
        NativeLinalg.blas().dtrmm("R", "U", "N", "N", m, d, 1.0, lower, 0, d, x, 0, m);
    }
}
