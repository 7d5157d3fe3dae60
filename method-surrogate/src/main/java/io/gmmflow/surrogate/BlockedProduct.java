package io.gmmflow.surrogate;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * out += A X for a row-major d x d matrix A and a row-major d x m matrix X: the product behind the
 * batched path evaluations, where the m columns are the points of one call and the innermost loop
 * runs over them (contiguous, no reduction, so C2 vectorizes it).
 *
 * <p>Blocked for the JIT: four rows of A against four rows of X per pass, so that each out element
 * is loaded and stored once per four multiply-adds and each X element feeds four rows, with
 * {@link Math#fma} (one instruction per multiply-add) when the CPU has FMA. Measured on one core of
 * the 2-core bench machine, d = 50..300, m = 436..2000: 12-13 GFlop/s, against 9 for the same blocking
 * without fma, and 3.5 for the plain i-k-j loop. Without hardware FMA, {@link Math#fma} is emulated
 * and very slow, so the JVM's {@code UseFMA} flag picks the route (a 2 x 4 blocking with plain
 * multiply-adds otherwise). The native GEMM that core-linalg is getting is the next step.
 *
 * <p>This class is duplicated in method-exact and method-surrogate (plugin modules share only api and
 * core-linalg, which has no such product yet). Stateless; thread-safe.
 */
final class BlockedProduct {

    /** Whether the JVM compiles {@link Math#fma} to one instruction. */
    static final boolean FMA = detectFma();

    private BlockedProduct() {
    }

    private static boolean detectFma() {
        try {
            HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return bean != null && Boolean.parseBoolean(bean.getVMOption("UseFMA").getValue());
        } catch (RuntimeException | LinkageError e) {
            return false;   // not HotSpot, or the option is unknown: take the route that is fast everywhere
        }
    }

    /** out += A X (A d x d, X and out d x m, row-major). */
    static void multiplyInto(double[] a, double[] x, double[] out, int d, int m) {
        if (FMA) {
            fma(a, x, out, d, m);
        } else {
            plain(a, x, out, d, m);
        }
    }

    static void fma(double[] a, double[] x, double[] out, int d, int m) {
        int i = 0;
        for (; i + 3 < d; i += 4) {
            int a0 = i * d;
            int a1 = a0 + d;
            int a2 = a1 + d;
            int a3 = a2 + d;
            int o0 = i * m;
            int o1 = o0 + m;
            int o2 = o1 + m;
            int o3 = o2 + m;
            int k = 0;
            for (; k + 3 < d; k += 4) {
                double p0 = a[a0 + k];
                double p1 = a[a0 + k + 1];
                double p2 = a[a0 + k + 2];
                double p3 = a[a0 + k + 3];
                double q0 = a[a1 + k];
                double q1 = a[a1 + k + 1];
                double q2 = a[a1 + k + 2];
                double q3 = a[a1 + k + 3];
                double r0 = a[a2 + k];
                double r1 = a[a2 + k + 1];
                double r2 = a[a2 + k + 2];
                double r3 = a[a2 + k + 3];
                double s0 = a[a3 + k];
                double s1 = a[a3 + k + 1];
                double s2 = a[a3 + k + 2];
                double s3 = a[a3 + k + 3];
                int x0 = k * m;
                int x1 = x0 + m;
                int x2 = x1 + m;
                int x3 = x2 + m;
                for (int q = 0; q < m; q++) {
                    double y0 = x[x0 + q];
                    double y1 = x[x1 + q];
                    double y2 = x[x2 + q];
                    double y3 = x[x3 + q];
                    out[o0 + q] = Math.fma(p3, y3, Math.fma(p2, y2, Math.fma(p1, y1, Math.fma(p0, y0, out[o0 + q]))));
                    out[o1 + q] = Math.fma(q3, y3, Math.fma(q2, y2, Math.fma(q1, y1, Math.fma(q0, y0, out[o1 + q]))));
                    out[o2 + q] = Math.fma(r3, y3, Math.fma(r2, y2, Math.fma(r1, y1, Math.fma(r0, y0, out[o2 + q]))));
                    out[o3 + q] = Math.fma(s3, y3, Math.fma(s2, y2, Math.fma(s1, y1, Math.fma(s0, y0, out[o3 + q]))));
                }
            }
            for (; k < d; k++) {
                double p = a[a0 + k];
                double pq = a[a1 + k];
                double r = a[a2 + k];
                double s = a[a3 + k];
                int xk = k * m;
                for (int q = 0; q < m; q++) {
                    double y = x[xk + q];
                    out[o0 + q] = Math.fma(p, y, out[o0 + q]);
                    out[o1 + q] = Math.fma(pq, y, out[o1 + q]);
                    out[o2 + q] = Math.fma(r, y, out[o2 + q]);
                    out[o3 + q] = Math.fma(s, y, out[o3 + q]);
                }
            }
        }
        for (; i < d; i++) {
            int ai = i * d;
            int oi = i * m;
            for (int k = 0; k < d; k++) {
                double b = a[ai + k];
                int xk = k * m;
                for (int q = 0; q < m; q++) {
                    out[oi + q] = Math.fma(b, x[xk + q], out[oi + q]);
                }
            }
        }
    }

    static void plain(double[] a, double[] x, double[] out, int d, int m) {
        int i = 0;
        for (; i + 1 < d; i += 2) {
            int ai = i * d;
            int aj = ai + d;
            int oi = i * m;
            int oj = oi + m;
            int k = 0;
            for (; k + 3 < d; k += 4) {
                double b0 = a[ai + k];
                double b1 = a[ai + k + 1];
                double b2 = a[ai + k + 2];
                double b3 = a[ai + k + 3];
                double c0 = a[aj + k];
                double c1 = a[aj + k + 1];
                double c2 = a[aj + k + 2];
                double c3 = a[aj + k + 3];
                int x0 = k * m;
                int x1 = x0 + m;
                int x2 = x1 + m;
                int x3 = x2 + m;
                for (int q = 0; q < m; q++) {
                    double y0 = x[x0 + q];
                    double y1 = x[x1 + q];
                    double y2 = x[x2 + q];
                    double y3 = x[x3 + q];
                    out[oi + q] += b0 * y0 + b1 * y1 + b2 * y2 + b3 * y3;
                    out[oj + q] += c0 * y0 + c1 * y1 + c2 * y2 + c3 * y3;
                }
            }
            for (; k < d; k++) {
                double b = a[ai + k];
                double c = a[aj + k];
                int xk = k * m;
                for (int q = 0; q < m; q++) {
                    double y = x[xk + q];
                    out[oi + q] += b * y;
                    out[oj + q] += c * y;
                }
            }
        }
        for (; i < d; i++) {
            int ai = i * d;
            int oi = i * m;
            for (int k = 0; k < d; k++) {
                double b = a[ai + k];
                int xk = k * m;
                for (int q = 0; q < m; q++) {
                    out[oi + q] += b * x[xk + q];
                }
            }
        }
    }
}
