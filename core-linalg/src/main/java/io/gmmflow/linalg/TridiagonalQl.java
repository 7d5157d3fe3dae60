package io.gmmflow.linalg;

/**
 * Symmetric eigensolver by Householder tridiagonalization and the implicit QL algorithm with
 * Wilkinson shifts (the EISPACK tred2/tql2 pair, as in JAMA, which is public domain), on a
 * row-per-array working copy. About 4/3 d^3 flops for values only and ~9 d^3 with vectors.
 *
 * <p>Hand-written because for small d (up to a few dozen) a library call's set-up costs more than
 * the arithmetic; {@link SymmetricEigen} routes larger matrices to ojAlgo.
 */
final class TridiagonalQl {

    private TridiagonalQl() {
    }

    /**
     * Eigenvalues (ascending) of the symmetric matrix {@code a} (d x d row-major), and, when
     * {@code vectors} is non-null, the matching unit eigenvectors as its columns (row-major d*d).
     */
    static double[] decompose(double[] a, int d, double[] vectors) {
        double[][] v = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(a, i * d, v[i], 0, d);
        }
        double[] diag = new double[d];
        double[] off = new double[d];
        boolean wantVectors = vectors != null;
        tred2(v, diag, off, d, wantVectors);
        tql2(v, diag, off, d, wantVectors);
        if (wantVectors) {
            for (int i = 0; i < d; i++) {
                System.arraycopy(v[i], 0, vectors, i * d, d);
            }
        }
        return diag;
    }

    private static void tred2(double[][] v, double[] dd, double[] e, int n, boolean accumulate) {
        for (int j = 0; j < n; j++) {
            dd[j] = v[n - 1][j];
        }
        for (int i = n - 1; i > 0; i--) {
            double scale = 0.0;
            double h = 0.0;
            for (int k = 0; k < i; k++) {
                scale += Math.abs(dd[k]);
            }
            if (scale == 0.0) {
                e[i] = dd[i - 1];
                for (int j = 0; j < i; j++) {
                    dd[j] = v[i - 1][j];
                    v[i][j] = 0.0;
                    v[j][i] = 0.0;
                }
            } else {
                for (int k = 0; k < i; k++) {
                    dd[k] /= scale;
                    h += dd[k] * dd[k];
                }
                double f = dd[i - 1];
                double g = Math.sqrt(h);
                if (f > 0) {
                    g = -g;
                }
                e[i] = scale * g;
                h -= f * g;
                dd[i - 1] = f - g;
                for (int j = 0; j < i; j++) {
                    e[j] = 0.0;
                }
                for (int j = 0; j < i; j++) {
                    f = dd[j];
                    v[j][i] = f;
                    g = e[j] + v[j][j] * f;
                    for (int k = j + 1; k <= i - 1; k++) {
                        g += v[k][j] * dd[k];
                        e[k] += v[k][j] * f;
                    }
                    e[j] = g;
                }
                f = 0.0;
                for (int j = 0; j < i; j++) {
                    e[j] /= h;
                    f += e[j] * dd[j];
                }
                double hh = f / (h + h);
                for (int j = 0; j < i; j++) {
                    e[j] -= hh * dd[j];
                }
                for (int j = 0; j < i; j++) {
                    f = dd[j];
                    g = e[j];
                    for (int k = j; k <= i - 1; k++) {
                        v[k][j] -= (f * e[k] + g * dd[k]);
                    }
                    dd[j] = v[i - 1][j];
                    v[i][j] = 0.0;
                }
            }
            dd[i] = h;
        }
        if (!accumulate) {
            // The tridiagonal's diagonal sits on v's diagonal; the transformations are not needed.
            for (int j = 0; j < n; j++) {
                dd[j] = v[j][j];
            }
            e[0] = 0.0;
            return;
        }
        for (int i = 0; i < n - 1; i++) {
            v[n - 1][i] = v[i][i];
            v[i][i] = 1.0;
            double h = dd[i + 1];
            if (h != 0.0) {
                for (int k = 0; k <= i; k++) {
                    dd[k] = v[k][i + 1] / h;
                }
                for (int j = 0; j <= i; j++) {
                    double g = 0.0;
                    for (int k = 0; k <= i; k++) {
                        g += v[k][i + 1] * v[k][j];
                    }
                    for (int k = 0; k <= i; k++) {
                        v[k][j] -= g * dd[k];
                    }
                }
            }
            for (int k = 0; k <= i; k++) {
                v[k][i + 1] = 0.0;
            }
        }
        for (int j = 0; j < n; j++) {
            dd[j] = v[n - 1][j];
            v[n - 1][j] = 0.0;
        }
        v[n - 1][n - 1] = 1.0;
        e[0] = 0.0;
    }

    private static double hypot(double a, double b) {
        double x = Math.abs(a);
        double y = Math.abs(b);
        if (x < y) {
            double t = x;
            x = y;
            y = t;
        }
        if (x == 0) {
            return 0;
        }
        double r = y / x;
        return x * Math.sqrt(1 + r * r);
    }

    private static void tql2(double[][] v, double[] dd, double[] e, int n, boolean vectors) {
        for (int i = 1; i < n; i++) {
            e[i - 1] = e[i];
        }
        e[n - 1] = 0.0;
        double f = 0.0;
        double tst1 = 0.0;
        final double eps = 0x1.0p-52;
        int maxIterations = 60 * n + 60;
        for (int l = 0; l < n; l++) {
            tst1 = Math.max(tst1, Math.abs(dd[l]) + Math.abs(e[l]));
            int m = l;
            while (m < n - 1) {
                if (Math.abs(e[m]) <= eps * tst1) {
                    break;
                }
                m++;
            }
            if (m > l) {
                int iter = 0;
                do {
                    if (++iter > maxIterations) {
                        throw new ArithmeticException("symmetric eigenvalue iteration did not converge");
                    }
                    double g = dd[l];
                    double p = (dd[l + 1] - g) / (2.0 * e[l]);
                    double r = hypot(p, 1.0);
                    if (p < 0) {
                        r = -r;
                    }
                    dd[l] = e[l] / (p + r);
                    dd[l + 1] = e[l] * (p + r);
                    double dl1 = dd[l + 1];
                    double h = g - dd[l];
                    for (int i = l + 2; i < n; i++) {
                        dd[i] -= h;
                    }
                    f += h;
                    p = dd[m];
                    double c = 1.0;
                    double c2 = c;
                    double c3 = c;
                    double el1 = e[l + 1];
                    double s = 0.0;
                    double s2 = 0.0;
                    for (int i = m - 1; i >= l; i--) {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * dd[i] - s * g;
                        dd[i + 1] = h + s * (c * g + s * dd[i]);
                        if (vectors) {
                            for (int k = 0; k < n; k++) {
                                double[] vk = v[k];
                                h = vk[i + 1];
                                vk[i + 1] = s * vk[i] + c * h;
                                vk[i] = c * vk[i] - s * h;
                            }
                        }
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    dd[l] = c * p;
                } while (Math.abs(e[l]) > eps * tst1);
            }
            dd[l] += f;
            e[l] = 0.0;
        }
        for (int i = 0; i < n - 1; i++) {
            int k = i;
            double p = dd[i];
            for (int j = i + 1; j < n; j++) {
                if (dd[j] < p) {
                    k = j;
                    p = dd[j];
                }
            }
            if (k != i) {
                dd[k] = dd[i];
                dd[i] = p;
                if (vectors) {
                    for (int j = 0; j < n; j++) {
                        p = v[j][i];
                        v[j][i] = v[j][k];
                        v[j][k] = p;
                    }
                }
            }
        }
    }
}
