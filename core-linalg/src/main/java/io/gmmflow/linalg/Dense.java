package io.gmmflow.linalg;

/**
 * Small dense kernels on flat row-major arrays (entry (i, j) of an n x m matrix at
 * {@code a[i*m + j]}). Hand-written because the sizes here are small (d = 1 .. a few hundred) and
 * called millions of times: wrapping each call in a library matrix object costs more than the
 * arithmetic. Loops are ordered so the innermost one runs over contiguous memory.
 *
 * <p>The O(n^3) products ({@link #multiply}, {@link #multiplyInto} for batches of points,
 * the transposed variants and {@link #synthesize}) call BLAS {@code dgemm} on the native route
 * ({@link LinalgRoute}, {@link NativeLinalg#GEMM_CROSSOVER}): for 1000 points times a d x d
 * matrix it is 4x faster than the Java loop at d = 2 and 8 - 12x from d = 5 on (d = 300: 3.6 ms
 * against 42 ms), and the JNI call (~0.15 us) loses only on the tiniest products.
 *
 * <p>Stateless and thread-safe; outputs never alias inputs unless a method says so.
 */
public final class Dense {

    private Dense() {
    }

    /** The d x d identity. */
    public static double[] identity(int d) {
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            a[i * d + i] = 1.0;
        }
        return a;
    }

    /** A flat row-major copy of a rectangular {@code double[][]}. */
    public static double[] flatten(double[][] m) {
        int rows = m.length;
        int cols = rows == 0 ? 0 : m[0].length;
        double[] a = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            if (m[i].length != cols) {
                throw new IllegalArgumentException("row " + i + " has " + m[i].length + " entries, expected " + cols);
            }
            System.arraycopy(m[i], 0, a, i * cols, cols);
        }
        return a;
    }

    /** The rows x cols matrix stored in {@code a} as a {@code double[][]}. */
    public static double[][] toRows(double[] a, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a, i * cols, m[i], 0, cols);
        }
        return m;
    }

    /** C = A B for A (n x k) and B (k x m). */
    public static double[] multiply(double[] a, double[] b, int n, int k, int m) {
        double[] c = new double[n * m];
        multiplyInto(a, 0, b, c, 0, n, k, m, LinalgRoute.AUTO);
        return c;
    }

    /**
     * The batched product for points: rows {@code [0, n)} of C (starting at {@code cOffset}) become
     * rows {@code [0, n)} of A (starting at {@code aOffset}) times B, for A (n x k), B (k x m) and
     * C (n x m) row-major, e.g. Y = X W for n points of dimension k and a k x m basis. C is
     * overwritten (not accumulated into) and must not overlap A or B; nothing is allocated, so
     * callers can reuse C and split the points among threads by offset. n k m multiply-adds.
     */
    public static void multiplyInto(double[] a, int aOffset, double[] b, double[] c, int cOffset, int n, int k, int m) {
        multiplyInto(a, aOffset, b, c, cOffset, n, k, m, LinalgRoute.AUTO);
    }

    /**
     * {@link #multiplyInto(double[], int, double[], double[], int, int, int, int)} on the given route.
     *
     * @throws IllegalStateException if the native route is requested and not available
     */
    public static void multiplyInto(double[] a, int aOffset, double[] b, double[] c, int cOffset, int n, int k, int m,
            LinalgRoute route) {
        if (n < 0 || k < 0 || m < 0 || aOffset < 0 || cOffset < 0 || (long) aOffset + (long) n * k > a.length
                || (long) k * m > b.length || (long) cOffset + (long) n * m > c.length) {
            throw new IllegalArgumentException("product shapes do not fit: A " + n + " x " + k + " at offset " + aOffset
                    + " of " + a.length + ", B " + k + " x " + m + " of " + b.length + ", C " + n + " x " + m
                    + " at offset " + cOffset + " of " + c.length);
        }
        if (n == 0 || m == 0) {
            return;
        }
        if (k == 0) {
            java.util.Arrays.fill(c, cOffset, cOffset + n * m, 0.0);
            return;
        }
        if (NativeLinalg.useNative(route, NativeLinalg.Kernel.GEMM, (long) n * k * m)) {
            NativeKernels.multiply(a, aOffset, b, c, cOffset, n, k, m);
            return;
        }
        multiplyJava(a, aOffset, b, c, cOffset, n, k, m);
    }

    /**
     * C = A B by rows, four rows of A at a time so that each row of B loaded serves four
     * accumulations (1.4 - 1.6x faster than one row at a time, measured n = 16 .. 4096, d = 1 .. 300).
     * Each entry is the sum over p in ascending order, as in the one-row loop.
     */
    private static void multiplyJava(double[] a, int ao, double[] b, double[] c, int co, int n, int k, int m) {
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            int c0 = co + i * m;
            int c1 = c0 + m;
            int c2 = c1 + m;
            int c3 = c2 + m;
            int a0 = ao + i * k;
            int a1 = a0 + k;
            int a2 = a1 + k;
            int a3 = a2 + k;
            double x0 = a[a0];
            double x1 = a[a1];
            double x2 = a[a2];
            double x3 = a[a3];
            for (int j = 0; j < m; j++) {
                double bj = b[j];
                c[c0 + j] = x0 * bj;
                c[c1 + j] = x1 * bj;
                c[c2 + j] = x2 * bj;
                c[c3 + j] = x3 * bj;
            }
            for (int p = 1; p < k; p++) {
                x0 = a[a0 + p];
                x1 = a[a1 + p];
                x2 = a[a2 + p];
                x3 = a[a3 + p];
                int bp = p * m;
                for (int j = 0; j < m; j++) {
                    double bj = b[bp + j];
                    c[c0 + j] += x0 * bj;
                    c[c1 + j] += x1 * bj;
                    c[c2 + j] += x2 * bj;
                    c[c3 + j] += x3 * bj;
                }
            }
        }
        for (; i < n; i++) {
            int ci = co + i * m;
            int ai = ao + i * k;
            double x = a[ai];
            for (int j = 0; j < m; j++) {
                c[ci + j] = x * b[j];
            }
            for (int p = 1; p < k; p++) {
                x = a[ai + p];
                int bp = p * m;
                for (int j = 0; j < m; j++) {
                    c[ci + j] += x * b[bp + j];
                }
            }
        }
    }

    /** C = A^T B for A (k x n) and B (k x m). */
    public static double[] multiplyTransposeLeft(double[] a, double[] b, int k, int n, int m) {
        double[] c = new double[n * m];
        if (n > 0 && m > 0 && k > 0
                && NativeLinalg.useNative(LinalgRoute.AUTO, NativeLinalg.Kernel.GEMM, (long) n * k * m)) {
            NativeKernels.multiplyTransposeLeft(a, b, c, k, n, m);
            return c;
        }
        for (int p = 0; p < k; p++) {
            int ap = p * n;
            int bp = p * m;
            for (int i = 0; i < n; i++) {
                double api = a[ap + i];
                if (api == 0.0) {
                    continue;
                }
                int ci = i * m;
                for (int j = 0; j < m; j++) {
                    c[ci + j] += api * b[bp + j];
                }
            }
        }
        return c;
    }

    /** C = A B^T for A (n x k) and B (m x k). */
    public static double[] multiplyTransposeRight(double[] a, double[] b, int n, int k, int m) {
        double[] c = new double[n * m];
        if (n > 0 && m > 0 && k > 0
                && NativeLinalg.useNative(LinalgRoute.AUTO, NativeLinalg.Kernel.GEMM, (long) n * k * m)) {
            NativeKernels.multiplyTransposeRight(a, b, c, n, k, m);
            return c;
        }
        for (int i = 0; i < n; i++) {
            int ai = i * k;
            for (int j = 0; j < m; j++) {
                int bj = j * k;
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[ai + p] * b[bj + p];
                }
                c[i * m + j] = s;
            }
        }
        return c;
    }

    /** The transpose of the rows x cols matrix a. */
    public static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }

    /** y = A x for A (n x m). */
    public static double[] multiplyVector(double[] a, double[] x, int n, int m) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            int ai = i * m;
            for (int j = 0; j < m; j++) {
                s += a[ai + j] * x[j];
            }
            y[i] = s;
        }
        return y;
    }

    /** Replaces the d x d matrix a by (a + a^T) / 2, in place; returns a. */
    public static double[] symmetrize(double[] a, int d) {
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double s = 0.5 * (a[i * d + j] + a[j * d + i]);
                a[i * d + j] = s;
                a[j * d + i] = s;
            }
        }
        return a;
    }

    /** The trace of the d x d matrix a. */
    public static double trace(double[] a, int d) {
        double t = 0;
        for (int i = 0; i < d; i++) {
            t += a[i * d + i];
        }
        return t;
    }

    /** The Frobenius norm of any array viewed as a matrix. */
    public static double frobeniusNorm(double[] a) {
        double scale = 0;
        for (double v : a) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (scale == 0 || !Double.isFinite(scale)) {
            return scale;
        }
        double s = 0;
        for (double v : a) {
            double w = v / scale;
            s += w * w;
        }
        return scale * Math.sqrt(s);
    }

    /** The largest |a_ij - b_ij|. */
    public static double maxAbsDifference(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /** The largest |a_ij|. */
    public static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** a - b, elementwise. */
    public static double[] subtract(double[] a, double[] b) {
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i] - b[i];
        }
        return c;
    }

    /** |x - y|^2 for two vectors of equal length. */
    public static double squaredDistance(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double t = x[i] - y[i];
            s += t * t;
        }
        return s;
    }

    /**
     * V diag(f) V^T for a d x d matrix V whose columns are vectors (eigenvectors, typically): the
     * spectral synthesis step, symmetric by construction (the native route symmetrizes the dgemm
     * result, whose mirrored entries can differ in the last bit). O(d^3).
     */
    public static double[] synthesize(double[] v, double[] f, int d) {
        // W = V diag(sqrt|f|)-free route: compute row i of V diag(f), then dot with rows of V.
        double[] vf = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                vf[i * d + k] = v[i * d + k] * f[k];
            }
        }
        if (d > 0 && NativeLinalg.useNative(LinalgRoute.AUTO, NativeLinalg.Kernel.GEMM, (long) d * d * d)) {
            double[] out = new double[d * d];
            NativeKernels.multiplyTransposeRight(vf, v, out, d, d, d);
            return symmetrize(out, d);
        }
        double[] out = new double[d * d];
        for (int i = 0; i < d; i++) {
            int vi = i * d;
            for (int j = i; j < d; j++) {
                int vj = j * d;
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += vf[vi + k] * v[vj + k];
                }
                out[i * d + j] = s;
                out[j * d + i] = s;
            }
        }
        return out;
    }
}
