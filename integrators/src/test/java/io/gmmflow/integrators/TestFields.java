package io.gmmflow.integrators;

import io.gmmflow.api.VelocityField;
import java.util.Random;

/** Test problems with closed-form solutions, and helpers. */
final class TestFields {

    private TestFields() {
    }

    /** Decay rate a and angular speed w of {@link #rotationDecay()}. */
    static final double A = 0.3;
    static final double W = 2.0;

    /**
     * x' = M x with M = [[-a, -w], [w, -a]] (rotation plus decay); exp(tM) = e^{-a t} R(w t), so
     * x(t) = e^{-a (t - t0)} R(w (t - t0)) x(t0).
     */
    static VelocityField rotationDecay() {
        return new VelocityField() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public void evaluate(double t, double[] x, int from, int to, double[] out) {
                for (int p = from; p < to; p++) {
                    double u = x[2 * p];
                    double v = x[2 * p + 1];
                    out[2 * p] = -A * u - W * v;
                    out[2 * p + 1] = W * u - A * v;
                }
            }
        };
    }

    static double[] rotationDecayExact(double[] x0, double t0, double t) {
        double s = t - t0;
        double g = Math.exp(-A * s);
        double cs = Math.cos(W * s);
        double sn = Math.sin(W * s);
        double[] out = new double[x0.length];
        for (int p = 0; p < x0.length / 2; p++) {
            out[2 * p] = g * (cs * x0[2 * p] - sn * x0[2 * p + 1]);
            out[2 * p + 1] = g * (sn * x0[2 * p] + cs * x0[2 * p + 1]);
        }
        return out;
    }

    /** x' = cos(t) x in d = 1, time-dependent: x(t) = x(t0) exp(sin t - sin t0). */
    static VelocityField cosineGrowth() {
        return new VelocityField() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public void evaluate(double t, double[] x, int from, int to, double[] out) {
                double c = Math.cos(t);
                for (int p = from; p < to; p++) {
                    out[p] = c * x[p];
                }
            }
        };
    }

    static double[] cosineGrowthExact(double[] x0, double t0, double t) {
        double g = Math.exp(Math.sin(t) - Math.sin(t0));
        double[] out = new double[x0.length];
        for (int i = 0; i < x0.length; i++) {
            out[i] = g * x0[i];
        }
        return out;
    }

    /**
     * A nonlinear, time-dependent field in d = 3, u_i = sin(x_{i+1}) - 0.5 cos(t) x_i, that computes
     * each point on its own (as the batching contract requires); for determinism tests.
     */
    static VelocityField nonlinear3d() {
        return new VelocityField() {
            @Override
            public int dimension() {
                return 3;
            }

            @Override
            public void evaluate(double t, double[] x, int from, int to, double[] out) {
                double c = 0.5 * Math.cos(t);
                for (int p = from; p < to; p++) {
                    int o = 3 * p;
                    out[o] = Math.sin(x[o + 1]) - c * x[o];
                    out[o + 1] = Math.sin(x[o + 2]) - c * x[o + 1];
                    out[o + 2] = Math.sin(x[o]) - c * x[o + 2];
                }
            }
        };
    }

    static double[] randomPoints(int n, int d, long seed) {
        Random rnd = new Random(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        return x;
    }

    static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            double v = Math.abs(a[i] - b[i]);
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            m = Math.max(m, v);
        }
        return m;
    }

    /** Least-squares slope of log(err) against log(h). */
    static double slope(double[] h, double[] err) {
        int n = h.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += Math.log(h[i]) / n;
            my += Math.log(err[i]) / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(h[i]) - mx;
            sxy += dx * (Math.log(err[i]) - my);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }
}
