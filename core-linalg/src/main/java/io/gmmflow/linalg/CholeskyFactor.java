package io.gmmflow.linalg;

/**
 * The Cholesky factorization A = L L^T of a symmetric positive definite d x d matrix (row-major),
 * and the triangular solves and log-determinant it gives.
 *
 * <p>{@link #tryFactor} never throws on a matrix that is not positive definite: it returns a
 * factor whose {@link #isSuccessful()} is false and that reports the failing pivot (its index and
 * the value it had), so callers can name the offending component. Two routes
 * ({@link LinalgRoute}): LAPACK {@code dpotrf} from {@link NativeLinalg#CHOLESKY_CROSSOVER} when
 * the native library is available (7x faster at d = 300: 0.5 vs 3.5 ms), and a hand-written loop
 * (d^3/3 flops, inner loop over contiguous memory, no allocation beyond L), which is as fast below.
 * A native failure is re-run in Java, so the failing pivot reported is the same on both routes.
 * The congruences and the triangular solves with matrix right-hand sides take the same two routes
 * ({@code dsygst}, {@code dtrsm}).
 *
 * <p>Immutable and thread-safe.
 */
public final class CholeskyFactor {

    private final int d;
    private final double[] lower;
    private final int failedPivot;
    private final double pivotValue;

    private CholeskyFactor(int d, double[] lower, int failedPivot, double pivotValue) {
        this.d = d;
        this.lower = lower;
        this.failedPivot = failedPivot;
        this.pivotValue = pivotValue;
    }

    /**
     * Factors the d x d symmetric matrix {@code a} (only its lower triangle is read).
     *
     * @return a successful factor, or one that reports the first pivot that was not positive or not finite
     */
    public static CholeskyFactor tryFactor(double[] a, int d) {
        return tryFactor(a, d, LinalgRoute.AUTO);
    }

    /**
     * Factors {@code a} on the given route (the native one calls {@code dpotrf} at every d).
     *
     * @throws IllegalStateException if the native route is requested and not available
     */
    public static CholeskyFactor tryFactor(double[] a, int d, LinalgRoute route) {
        if (d < 1 || a.length != d * d) {
            throw new IllegalArgumentException("matrix has " + a.length + " entries, expected " + d + " x " + d);
        }
        if (NativeLinalg.useNative(route, NativeLinalg.Kernel.CHOLESKY, d)) {
            double[] l = NativeKernels.choleskyLower(a, d);
            if (l != null) {
                return new CholeskyFactor(d, l, -1, Double.NaN);
            }
            // Not positive definite (or not finite): the Java loop names the failing pivot.
        }
        return factorJava(a, d);
    }

    private static CholeskyFactor factorJava(double[] a, int d) {
        double[] l = new double[d * d];
        for (int j = 0; j < d; j++) {
            int rj = j * d;
            double s = a[rj + j];
            for (int k = 0; k < j; k++) {
                s -= l[rj + k] * l[rj + k];
            }
            if (!(s > 0) || !Double.isFinite(s)) {
                return new CholeskyFactor(d, null, j, s);
            }
            double ljj = Math.sqrt(s);
            l[rj + j] = ljj;
            double inv = 1.0 / ljj;
            for (int i = j + 1; i < d; i++) {
                int ri = i * d;
                double t = a[ri + j];
                for (int k = 0; k < j; k++) {
                    t -= l[ri + k] * l[rj + k];
                }
                l[ri + j] = t * inv;
            }
        }
        return new CholeskyFactor(d, l, -1, Double.NaN);
    }

    /** Wraps an existing lower factor (not copied; the caller gives up ownership). */
    static CholeskyFactor ofLower(double[] lower, int d) {
        return new CholeskyFactor(d, lower, -1, Double.NaN);
    }

    /**
     * Factors {@code a} or throws.
     *
     * @param what names the matrix in the error message ("target covariance of component 3")
     * @throws IllegalArgumentException naming {@code what} and the failing pivot when a is not positive definite
     */
    public static CholeskyFactor of(double[] a, int d, String what) {
        CholeskyFactor f = tryFactor(a, d);
        if (!f.isSuccessful()) {
            throw new IllegalArgumentException(what + " is not positive definite (Cholesky pivot "
                    + f.failedPivot + " is " + f.pivotValue + ")");
        }
        return f;
    }

    /** Whether the matrix was positive definite. */
    public boolean isSuccessful() {
        return lower != null;
    }

    /** Index of the first failing pivot, or -1. */
    public int failedPivot() {
        return failedPivot;
    }

    /** Value of the failing pivot (NaN on success). */
    public double pivotValue() {
        return pivotValue;
    }

    /** The dimension d. */
    public int dimension() {
        return d;
    }

    private void checkOk() {
        if (lower == null) {
            throw new IllegalStateException("Cholesky factorization failed at pivot " + failedPivot
                    + " (value " + pivotValue + "); there is no factor");
        }
    }

    /** A copy of L (lower triangular, row-major). */
    public double[] lower() {
        checkOk();
        return lower.clone();
    }

    /** L without copying: callers must not modify it. Package-private for the kernels here. */
    double[] lowerUnsafe() {
        checkOk();
        return lower;
    }

    /** log det A = 2 sum log L_ii. */
    public double logDeterminant() {
        checkOk();
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += Math.log(lower[i * d + i]);
        }
        return 2 * s;
    }

    /** Solves L y = b (forward substitution), returning y. */
    public double[] solveLower(double[] b) {
        checkOk();
        double[] y = b.clone();
        forward(lower, d, y, 0);
        return y;
    }

    /** Solves L^T y = b (back substitution), returning y. */
    public double[] solveUpper(double[] b) {
        checkOk();
        double[] y = b.clone();
        backward(lower, d, y, 0);
        return y;
    }

    /** Solves A x = b. */
    public double[] solve(double[] b) {
        return solveUpper(solveLower(b));
    }

    /** L^{-1} B for a d x m matrix B (row-major), column by column of B in place on a copy. */
    public double[] solveLowerMatrix(double[] b, int m) {
        return solveLowerMatrix(b, m, LinalgRoute.AUTO);
    }

    /**
     * L^{-1} B on the given route (native: {@code dtrsm}).
     *
     * @throws IllegalStateException if the native route is requested and not available
     */
    public double[] solveLowerMatrix(double[] b, int m, LinalgRoute route) {
        checkOk();
        checkRhs(b, m);
        if (m > 0 && NativeLinalg.useNative(route, NativeLinalg.Kernel.TRIANGULAR, (long) d * d * m)) {
            double[] x = b.clone();
            NativeKernels.solveLower(lower, x, d, m);
            return x;
        }
        return solveLowerMatrixJava(b, m);
    }

    private double[] solveLowerMatrixJava(double[] b, int m) {
        double[] x = b.clone();
        for (int i = 0; i < d; i++) {
            int ri = i * d;
            int xi = i * m;
            for (int k = 0; k < i; k++) {
                double lik = lower[ri + k];
                if (lik == 0.0) {
                    continue;
                }
                int xk = k * m;
                for (int j = 0; j < m; j++) {
                    x[xi + j] -= lik * x[xk + j];
                }
            }
            double inv = 1.0 / lower[ri + i];
            for (int j = 0; j < m; j++) {
                x[xi + j] *= inv;
            }
        }
        return x;
    }

    /** L^{-T} B for a d x m matrix B (row-major). */
    public double[] solveUpperMatrix(double[] b, int m) {
        return solveUpperMatrix(b, m, LinalgRoute.AUTO);
    }

    /**
     * L^{-T} B on the given route (native: {@code dtrsm}).
     *
     * @throws IllegalStateException if the native route is requested and not available
     */
    public double[] solveUpperMatrix(double[] b, int m, LinalgRoute route) {
        checkOk();
        checkRhs(b, m);
        double[] x = b.clone();
        if (m > 0 && NativeLinalg.useNative(route, NativeLinalg.Kernel.TRIANGULAR, (long) d * d * m)) {
            NativeKernels.solveUpper(lower, x, d, m);
            return x;
        }
        for (int i = d - 1; i >= 0; i--) {
            int xi = i * m;
            for (int k = i + 1; k < d; k++) {
                double lki = lower[k * d + i];
                if (lki == 0.0) {
                    continue;
                }
                int xk = k * m;
                for (int j = 0; j < m; j++) {
                    x[xi + j] -= lki * x[xk + j];
                }
            }
            double inv = 1.0 / lower[i * d + i];
            for (int j = 0; j < m; j++) {
                x[xi + j] *= inv;
            }
        }
        return x;
    }

    /**
     * The whitened congruence L^{-1} B L^{-T} of a symmetric d x d matrix B, symmetric by
     * construction. d^3 flops (two triangular solves).
     */
    public double[] whitenSymmetric(double[] b) {
        return whitenSymmetric(b, LinalgRoute.AUTO);
    }

    /**
     * L^{-1} B L^{-T} on the given route (native: {@code dsygst}, itype 1).
     *
     * @throws IllegalStateException if the native route is requested and not available
     */
    public double[] whitenSymmetric(double[] b, LinalgRoute route) {
        checkOk();
        checkSquare(b);
        if (NativeLinalg.useNative(route, NativeLinalg.Kernel.CONGRUENCE, d)) {
            return NativeKernels.whiten(lower, b, d);
        }
        double[] x = solveLowerMatrixJava(b, d);           // L^{-1} B
        double[] xt = Dense.transpose(x, d, d);         // B L^{-T} (B symmetric)
        double[] g = solveLowerMatrixJava(xt, d);      // L^{-1} B L^{-T}
        return Dense.symmetrize(g, d);
    }

    /** The congruence L^T B L of a symmetric d x d matrix B, symmetric by construction. */
    public double[] congruenceTranspose(double[] b) {
        return congruenceTranspose(b, LinalgRoute.AUTO);
    }

    /**
     * L^T B L on the given route (native: {@code dsygst}, itype 2).
     *
     * @throws IllegalStateException if the native route is requested and not available
     */
    public double[] congruenceTranspose(double[] b, LinalgRoute route) {
        checkOk();
        checkSquare(b);
        return congruenceTranspose(lower, b, d, route);
    }

    private void checkRhs(double[] b, int m) {
        if (m < 0 || b.length != (long) d * m) {
            throw new IllegalArgumentException("right-hand side has " + b.length + " entries, expected " + d + " x " + m);
        }
    }

    private void checkSquare(double[] b) {
        if (b.length != d * d) {
            throw new IllegalArgumentException("matrix has " + b.length + " entries, expected " + d + " x " + d);
        }
    }

    /**
     * L^T B L for lower-triangular L and symmetric B: dsygst from the congruence crossover
     * (11x faster at d = 300), else a loop exploiting the triangle, ~d^3 flops.
     */
    static double[] congruenceTranspose(double[] l, double[] b, int d, LinalgRoute route) {
        if (NativeLinalg.useNative(route, NativeLinalg.Kernel.CONGRUENCE, d)) {
            return NativeKernels.congruenceTranspose(l, b, d);
        }
        return congruenceTransposeJava(l, b, d);
    }

    private static double[] congruenceTransposeJava(double[] l, double[] b, int d) {
        // T = B L (T_ij = sum_{k >= j} B_ik L_kj)
        double[] t = new double[d * d];
        for (int i = 0; i < d; i++) {
            int bi = i * d;
            int ti = i * d;
            for (int k = 0; k < d; k++) {
                double bik = b[bi + k];
                if (bik == 0.0) {
                    continue;
                }
                int lk = k * d;
                for (int j = 0; j <= k; j++) {
                    t[ti + j] += bik * l[lk + j];
                }
            }
        }
        // N = L^T T, N_ij = sum_{k >= i} L_ki T_kj; compute the upper triangle and mirror.
        double[] n = new double[d * d];
        for (int k = 0; k < d; k++) {
            int lk = k * d;
            int tk = k * d;
            for (int i = 0; i <= k; i++) {
                double lki = l[lk + i];
                if (lki == 0.0) {
                    continue;
                }
                int ni = i * d;
                for (int j = i; j < d; j++) {
                    n[ni + j] += lki * t[tk + j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                n[j * d + i] = n[i * d + j];
            }
        }
        return n;
    }

    /** In-place forward substitution L y = y on the d numbers starting at {@code off}. */
    static void forward(double[] l, int d, double[] y, int off) {
        for (int i = 0; i < d; i++) {
            int ri = i * d;
            double s = y[off + i];
            for (int k = 0; k < i; k++) {
                s -= l[ri + k] * y[off + k];
            }
            y[off + i] = s / l[ri + i];
        }
    }

    /** In-place back substitution L^T y = y. */
    static void backward(double[] l, int d, double[] y, int off) {
        for (int i = d - 1; i >= 0; i--) {
            double s = y[off + i];
            for (int k = i + 1; k < d; k++) {
                s -= l[k * d + i] * y[off + k];
            }
            y[off + i] = s / l[i * d + i];
        }
    }
}
