package io.gmmflow.integrators;

import java.util.Arrays;

/**
 * The coefficients of an explicit Runge-Kutta method with s stages, plus what the integrators in
 * this package need beyond the classic tableau: an optional embedded error estimator and a
 * continuous extension (dense output).
 *
 * <p>One step of size h from (t, y) computes the stages
 * <pre>
 *   k_j = f(t + c_j h, y + h sum_{l &lt; j} a_{jl} k_l),   j = 1..s,
 *   y_new = y + h sum_j b_j k_j,
 *   err   = h sum_j e_j k_j                      (embedded pairs: e = b - b_hat),
 *   y(t + theta h) ~ y + h sum_j beta_j(theta) k_j,  beta_j(theta) = sum_m dense[j][m] theta^(m+1).
 * </pre>
 * (Hairer, Norsett and Wanner, <i>Solving ODEs I</i>, II.1 and II.6.) The constructor checks the
 * consistency conditions every tableau must meet (a lower triangular, c_1 = 0, row sums of a equal
 * c, sum b = 1, beta_j(1) = b_j, sum e = 0) to 1e-14, so a mistyped coefficient fails at class
 * loading; the order conditions themselves are checked by the tests.
 *
 * <p>A tableau is "first same as last" (FSAL) when its last stage is evaluated at
 * (t + h, y_new), i.e. c_s = 1, a_s = b and b_s = 0; then k_s of one step is k_1 of the next.
 *
 * <p>Immutable and thread-safe; the accessors return copies.
 */
public final class ButcherTableau {

    private static final double CONSISTENCY_TOLERANCE = 1e-14;

    private final String name;
    private final int order;
    final double[] c;
    final double[][] a;
    final double[] b;
    /** b - b_hat, or null for a method without an embedded error estimate. */
    final double[] e;
    /** dense[j][m] is the coefficient of theta^(m+1) in beta_j(theta). */
    final double[][] dense;
    final boolean fsal;

    /**
     * @param name  a label for messages
     * @param order the classical order p of y_new (global error O(h^p))
     * @param c     the nodes, c[0] = 0
     * @param a     a[j] holds the j coefficients a_{j,0..j-1} (a[0] is empty)
     * @param b     the weights of y_new
     * @param e     the error weights b - b_hat, or null
     * @param dense per stage, the coefficients of theta^1, theta^2, ... of beta_j(theta)
     * @throws IllegalArgumentException if the shapes disagree or a consistency condition fails
     */
    public ButcherTableau(String name, int order, double[] c, double[][] a, double[] b, double[] e, double[][] dense) {
        int s = c.length;
        if (s == 0 || a.length != s || b.length != s || (e != null && e.length != s) || dense.length != s) {
            throw new IllegalArgumentException("tableau " + name + ": c, a, b, e and dense must all have one entry per stage ("
                    + s + ")");
        }
        if (order < 1) {
            throw new IllegalArgumentException("tableau " + name + ": order must be >= 1, got " + order);
        }
        if (c[0] != 0.0) {
            throw new IllegalArgumentException("tableau " + name + ": explicit methods need c_1 = 0, got " + c[0]);
        }
        double sumB = 0;
        for (int j = 0; j < s; j++) {
            if (a[j].length != j) {
                throw new IllegalArgumentException("tableau " + name + ": row " + j + " of a must have " + j
                        + " entries (explicit method), got " + a[j].length);
            }
            double row = 0;
            for (double v : a[j]) {
                row += v;
            }
            if (Math.abs(row - c[j]) > CONSISTENCY_TOLERANCE) {
                throw new IllegalArgumentException("tableau " + name + ": row " + j + " of a sums to " + row
                        + " but c_" + j + " = " + c[j]);
            }
            double atOne = 0;
            for (double v : dense[j]) {
                atOne += v;
            }
            if (Math.abs(atOne - b[j]) > CONSISTENCY_TOLERANCE) {
                throw new IllegalArgumentException("tableau " + name + ": dense output weight " + j + " at theta = 1 is "
                        + atOne + " but b_" + j + " = " + b[j]);
            }
            sumB += b[j];
        }
        if (Math.abs(sumB - 1) > CONSISTENCY_TOLERANCE) {
            throw new IllegalArgumentException("tableau " + name + ": weights b sum to " + sumB + ", not 1");
        }
        if (e != null) {
            double sumE = 0;
            for (double v : e) {
                sumE += v;
            }
            if (Math.abs(sumE) > CONSISTENCY_TOLERANCE) {
                throw new IllegalArgumentException("tableau " + name + ": error weights sum to " + sumE + ", not 0");
            }
        }
        this.name = name;
        this.order = order;
        this.c = c.clone();
        this.a = deepCopy(a);
        this.b = b.clone();
        this.e = e == null ? null : e.clone();
        this.dense = deepCopy(dense);
        this.fsal = s > 1 && c[s - 1] == 1.0 && b[s - 1] == 0.0 && Arrays.equals(a[s - 1], Arrays.copyOf(b, s - 1));
    }

    /** The label given at construction. */
    public String name() {
        return name;
    }

    /** The classical order p. */
    public int order() {
        return order;
    }

    /** The number of stages s. */
    public int stages() {
        return c.length;
    }

    /** Whether the last stage equals the first stage of the next step (see the class comment). */
    public boolean firstSameAsLast() {
        return fsal;
    }

    /** Whether the tableau carries an embedded error estimate. */
    public boolean embedded() {
        return e != null;
    }

    /** The nodes c. */
    public double[] c() {
        return c.clone();
    }

    /** The coefficients a (row j has j entries). */
    public double[][] a() {
        return deepCopy(a);
    }

    /** The weights b. */
    public double[] b() {
        return b.clone();
    }

    /** The error weights b - b_hat, or null. */
    public double[] errorWeights() {
        return e == null ? null : e.clone();
    }

    /** The dense-output weights beta_j(theta), j = 1..s, at theta (theta = 1 gives b). */
    public double[] denseWeights(double theta) {
        double[] w = new double[c.length];
        denseWeights(theta, w);
        return w;
    }

    /** Writes beta_j(theta) into {@code out} (Horner's rule; no allocation). */
    void denseWeights(double theta, double[] out) {
        for (int j = 0; j < dense.length; j++) {
            double[] p = dense[j];
            double v = 0;
            for (int m = p.length - 1; m >= 0; m--) {
                v = (v + p[m]) * theta;
            }
            out[j] = v;
        }
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] r = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            r[i] = m[i].clone();
        }
        return r;
    }

    @Override
    public String toString() {
        return "ButcherTableau[" + name + ", order " + order + ", " + c.length + " stages"
                + (e != null ? ", embedded" : "") + (fsal ? ", FSAL" : "") + "]";
    }
}
