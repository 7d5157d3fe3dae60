package io.gmmflow.linalg;

/**
 * Small dense kernels on flat row-major arrays (entry (i, j) of an n x m matrix at
 * {@code a[i*m + j]}). Hand-written because the sizes here are small (d = 1 .. a few hundred) and
 * called millions of times: wrapping each call in a library matrix object costs more than the
 * arithmetic. Loops are ordered so the innermost one runs over contiguous memory.
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
        for (int i = 0; i < n; i++) {
            int ci = i * m;
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                if (aip == 0.0) {
                    continue;
                }
                int bp = p * m;
                for (int j = 0; j < m; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
        return c;
    }

    /** C = A^T B for A (k x n) and B (k x m). */
    public static double[] multiplyTransposeLeft(double[] a, double[] b, int k, int n, int m) {
        double[] c = new double[n * m];
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
     * spectral synthesis step, symmetric by construction. O(d^3).
     */
    public static double[] synthesize(double[] v, double[] f, int d) {
        // W = V diag(sqrt|f|)-free route: compute row i of V diag(f), then dot with rows of V.
        double[] vf = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                vf[i * d + k] = v[i * d + k] * f[k];
            }
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
