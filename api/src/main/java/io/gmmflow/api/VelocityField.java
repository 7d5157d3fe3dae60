package io.gmmflow.api;

/**
 * A time-dependent velocity field u(t, x) in R^d, evaluated at single points or at a batch of
 * points at one time t (where per-time work such as mixture weights at t is shared).
 *
 * <p>Batched points are one flat row-major array (point p at {@code points[p*d .. p*d+d-1]}); the
 * range [from, to) of point indices lets an integrator split a batch between threads.
 * Implementations must be thread-safe for concurrent calls on disjoint output ranges.
 */
public interface VelocityField {

    /** The dimension d of the space. */
    int dimension();

    /** Writes u(t, x_p) into {@code out[p*d .. p*d+d-1]} for p in [from, to). */
    void evaluate(double t, double[] points, int from, int to, double[] out);

    /** u(t, x_p) for every point of the flat array {@code points}. */
    default void evaluate(double t, double[] points, double[] out) {
        int d = dimension();
        if (points.length % d != 0 || out.length < points.length) {
            throw new IllegalArgumentException("points array of length " + points.length
                    + " is not a whole number of points of dimension " + d + " or the output is too short");
        }
        evaluate(t, points, 0, points.length / d, out);
    }

    /** u(t, x) at one point. */
    default double[] velocity(double t, double[] x) {
        if (x.length != dimension()) {
            throw new IllegalArgumentException("point has length " + x.length + ", expected " + dimension());
        }
        double[] out = new double[x.length];
        evaluate(t, x, 0, 1, out);
        return out;
    }
}
