package io.gmmflow.wim.flow;

/**
 * The parametric heat equations of seed 004 on a periodic grid, stepped by forward Euler with a given
 * dt, as the seed does: in 1-D (eq. 63)
 * <pre>
 *   p'_i = (1/dx^2) [ sqrt(p_{i+1} p_i) log(p_{i+1}/p_i) - sqrt(p_{i-1} p_i) log(p_i/p_{i-1}) ]
 * </pre>
 * and in 2-D (eq. 56, whose "p_{i,ij}" is p_ij) the sum of the same operator along x and along y. It is
 * the entropy flow (eq. 54) of {@link SimplexGradientFlow} on a ring with rate 1/dx^2; because
 * sqrt(ab) log(b/a) = (b - a) - (b - a)^3/(24 a^2) + ..., it is a second-order accurate Laplacian.
 *
 * <p>Flux form: each edge's flux is computed once and added to one node and subtracted from the other,
 * so the discrete mass sum p_i is conserved to round-off. Positivity is checked after every step
 * (the log needs it); a run that loses it stops and says so. Cost per step: one log per node and one
 * sqrt per edge (2 in 2-D), O(n) resp. O(n^2). Immutable and thread-safe; the state is an argument.
 */
public final class HeatScheme {

    private final double dx;
    private final double dt;

    /**
     * @param dx grid spacing, > 0
     * @param dt time step, > 0 (forward Euler: stable for dt / dx^2 <= 1/2 in 1-D, 1/4 in 2-D)
     */
    public HeatScheme(double dx, double dt) {
        if (!(dx > 0) || !Double.isFinite(dx)) {
            throw new IllegalArgumentException("dx must be a finite number > 0, got " + dx);
        }
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("dt must be a finite number > 0, got " + dt);
        }
        this.dx = dx;
        this.dt = dt;
    }

    /** The grid spacing. */
    public double dx() {
        return dx;
    }

    /** The time step. */
    public double dt() {
        return dt;
    }

    /**
     * The outcome of a run.
     *
     * @param state         the final state (or the last positive one)
     * @param stepsTaken    steps completed
     * @param positive      whether every state stayed strictly positive
     * @param minimum       the smallest value seen over the run
     * @param massDrift     the largest |sum p(t) - sum p(0)| / sum p(0) over the run
     */
    public record Run(double[] state, int stepsTaken, boolean positive, double minimum, double massDrift) {
        /** Copies the state in. */
        public Run {
            state = state.clone();
        }

        @Override
        public double[] state() {
            return state.clone();
        }
    }

    private static void checkState(double[] p, int expected) {
        if (p == null || p.length != expected || expected < 3) {
            throw new IllegalArgumentException("state must have " + expected + " >= 3 values, got "
                    + (p == null ? "null" : p.length));
        }
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] > 0) || !Double.isFinite(p[i])) {
                throw new IllegalArgumentException("state value " + i + " must be a finite number > 0 (the scheme "
                        + "takes logs), got " + p[i]);
            }
        }
    }

    /** Writes p' of eq. 63 on a ring of p.length nodes into {@code out}; {@code logs} is scratch. */
    void rate1d(double[] p, double[] logs, double[] out) {
        int n = p.length;
        double inv = 1.0 / (dx * dx);
        for (int i = 0; i < n; i++) {
            logs[i] = Math.log(p[i]);
        }
        double wrap = Math.sqrt(p[n - 1] * p[0]) * (logs[0] - logs[n - 1]) * inv;
        double prev = wrap;
        for (int i = 0; i < n; i++) {
            double next = i + 1 < n ? Math.sqrt(p[i] * p[i + 1]) * (logs[i + 1] - logs[i]) * inv : wrap;
            out[i] = next - prev;
            prev = next;
        }
    }

    /** {@code steps} forward Euler steps of eq. 63 from {@code p0} (periodic, n = p0.length >= 3). */
    public Run run1d(double[] p0, int steps) {
        checkState(p0, p0 == null ? 0 : p0.length);
        checkSteps(steps);
        int n = p0.length;
        double[] p = p0.clone();
        double[] logs = new double[n];
        double[] rate = new double[n];
        double mass0 = sum(p);
        double drift = 0.0;
        double min = min(p);
        for (int s = 0; s < steps; s++) {
            rate1d(p, logs, rate);
            for (int i = 0; i < n; i++) {
                p[i] += dt * rate[i];
            }
            double m = min(p);
            min = Math.min(min, m);
            drift = Math.max(drift, Math.abs(sum(p) - mass0) / mass0);
            if (!(m > 0)) {
                return new Run(p, s + 1, false, min, drift);
            }
        }
        return new Run(p, steps, true, min, drift);
    }

    /**
     * {@code steps} forward Euler steps of eq. 56 on an n x n periodic grid (row-major, p[i*n + j] at
     * x_i, y_j).
     */
    public Run run2d(double[] p0, int n, int steps) {
        if (n < 3) {
            throw new IllegalArgumentException("2-D grid needs n >= 3, got " + n);
        }
        checkState(p0, n * n);
        checkSteps(steps);
        double[] p = p0.clone();
        double[] logs = new double[n * n];
        double[] rate = new double[n * n];
        double mass0 = sum(p);
        double drift = 0.0;
        double min = min(p);
        double inv = 1.0 / (dx * dx);
        for (int s = 0; s < steps; s++) {
            for (int k = 0; k < n * n; k++) {
                logs[k] = Math.log(p[k]);
            }
            java.util.Arrays.fill(rate, 0.0);
            for (int i = 0; i < n; i++) {
                int ip = (i + 1) % n;
                for (int j = 0; j < n; j++) {
                    int jp = (j + 1) % n;
                    int a = i * n + j;
                    int bx = ip * n + j;
                    int by = i * n + jp;
                    double fx = Math.sqrt(p[a] * p[bx]) * (logs[bx] - logs[a]) * inv;
                    double fy = Math.sqrt(p[a] * p[by]) * (logs[by] - logs[a]) * inv;
                    rate[a] += fx + fy;
                    rate[bx] -= fx;
                    rate[by] -= fy;
                }
            }
            for (int k = 0; k < n * n; k++) {
                p[k] += dt * rate[k];
            }
            double m = min(p);
            min = Math.min(min, m);
            drift = Math.max(drift, Math.abs(sum(p) - mass0) / mass0);
            if (!(m > 0)) {
                return new Run(p, s + 1, false, min, drift);
            }
        }
        return new Run(p, steps, true, min, drift);
    }

    private static void checkSteps(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
    }

    static double sum(double[] p) {
        // Neumaier summation: the mass test is about the scheme, not about the summation's round-off.
        double s = 0;
        double c = 0;
        for (double v : p) {
            double t = s + v;
            c += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
            s = t;
        }
        return s + c;
    }

    private static double min(double[] p) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : p) {
            m = Math.min(m, v);
        }
        return m;
    }
}
