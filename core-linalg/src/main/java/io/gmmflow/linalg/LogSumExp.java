package io.gmmflow.linalg;

/**
 * log sum_i exp(v_i) without overflow or underflow: max + log sum exp(v_i - max). Entries equal to
 * -Infinity contribute nothing; all -Infinity gives -Infinity. Stateless and thread-safe.
 */
public final class LogSumExp {

    private LogSumExp() {
    }

    /** log sum exp over {@code v[from .. to-1]}. */
    public static double of(double[] v, int from, int to) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            if (v[i] > max) {
                max = v[i];
            }
        }
        if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (int i = from; i < to; i++) {
            s += Math.exp(v[i] - max);
        }
        return max + Math.log(s);
    }

    /** log sum exp over all of {@code v}. */
    public static double of(double... v) {
        return of(v, 0, v.length);
    }
}
