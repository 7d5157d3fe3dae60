package io.gmmflow.api;

/**
 * A Gaussian path t -> N(m(t), Sigma(t)), t in [0, 1], from a source to a target component,
 * with the affine velocity field v(t, x) = m'(t) + B(t) (x - m(t)) that carries it (it satisfies
 * the continuity equation for the path). Made by a {@link ComponentFlow} for one pair; the
 * per-pair work (one eigendecomposition, DESIGN.md section 2) is done when it is made, after
 * which every query at any t costs O(d^2) per point.
 *
 * <p>Batched calls take points as one flat row-major array (point p occupies
 * {@code points[p*d .. p*d+d-1]}) and a range [from, to) of point indices, so that callers can
 * split a batch between threads without copying. Immutable and thread-safe.
 */
public interface GaussianPath {

    /** The dimension d. */
    int dimension();

    /** The Gaussian at time t (t = 0 the source, t = 1 the target). */
    Gaussian at(double t);

    /** The mean m(t). */
    double[] mean(double t);

    /** The velocity of the mean, m'(t). */
    double[] meanVelocity(double t);

    /** The matrix B(t) of the affine field, row-major d*d. */
    double[] velocityMatrix(double t);

    /** log det Sigma(t). */
    double logDeterminant(double t);

    /**
     * For the points with index in [from, to): the log-density log N(x | m(t), Sigma(t)) into
     * {@code logDensity[p]} and the velocity v(t, x) into {@code velocity[p*d .. p*d+d-1]}.
     * Either output may be null when it is not wanted.
     */
    void evaluate(double t, double[] points, int from, int to, double[] logDensity, double[] velocity);

    /** The velocity at one point. */
    default double[] velocity(double t, double[] x) {
        if (x.length != dimension()) {
            throw new IllegalArgumentException("point has length " + x.length + ", expected " + dimension());
        }
        double[] v = new double[x.length];
        evaluate(t, x, 0, 1, null, v);
        return v;
    }

    /** The kinetic action int_0^1 E_{x ~ N(t)} |v(t, x)|^2 dt, in closed form where the flow has one. */
    double kineticAction();
}
