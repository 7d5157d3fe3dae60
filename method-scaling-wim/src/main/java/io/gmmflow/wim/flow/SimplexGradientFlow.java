package io.gmmflow.wim.flow;

import io.gmmflow.api.VelocityField;

/**
 * The gradient flow of a {@link SimplexEnergy} under the scaling Wasserstein metric
 * G~_W = diag(1/sqrt(p_i p_{i+1})) in theta coordinates (seed 004 eq. 50, 52): with g = dE/dp,
 * <pre>
 *   theta'_i = -rate sqrt(p_i p_{i+1}) (g_{i+1} - g_i),
 *   p'_i = rate [ sqrt(p_i p_{i+1}) (g_{i+1} - g_i) - sqrt(p_{i-1} p_i) (g_i - g_{i-1}) ],
 * </pre>
 * a conservative flux form on the chain of nodes (or, with {@code periodic}, on a ring). For the
 * entropy this is eq. 54; with {@code rate = 1/dx^2} on a ring it is the parametric heat equation
 * eq. 63. The true GMM flow in time t is this one in time K(sigma) t (the rate 1/K); energy
 * decreases: dE/dt = -rate sum_edges sqrt(p_i p_{i+1}) (g_{i+1} - g_i)^2.
 *
 * <p>As a {@link VelocityField} the state is p itself (dimension N, one point per state; a batch is
 * several independent states). Sum p' = 0 exactly. A state with a p_i <= 0 yields NaN velocities
 * (the sqrt is undefined), so an integrator reports FAILED rather than a wrong number. Cost O(N) per
 * state (plus the energy's gradient). Immutable; thread-safe for disjoint output ranges.
 */
public final class SimplexGradientFlow implements VelocityField {

    private final SimplexEnergy energy;
    private final double rate;
    private final boolean periodic;

    /**
     * @param energy   the energy E(p)
     * @param rate     the time scale factor (1 for the scaling metric itself, 1/K(sigma) for real
     *                 GMM time, 1/dx^2 for eq. 63), finite and > 0
     * @param periodic whether node N is joined to node 1 (a ring, as in the heat schemes)
     */
    public SimplexGradientFlow(SimplexEnergy energy, double rate, boolean periodic) {
        if (energy == null) {
            throw new IllegalArgumentException("energy must not be null");
        }
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("rate must be a finite number > 0, got " + rate);
        }
        this.energy = energy;
        this.rate = rate;
        this.periodic = periodic;
    }

    /** The entropy flow (eq. 54) on a chain of N nodes. */
    public static SimplexGradientFlow entropy(int n) {
        return new SimplexGradientFlow(Energies.entropy(n), 1.0, false);
    }

    @Override
    public int dimension() {
        return energy.size();
    }

    /** The energy. */
    public SimplexEnergy energy() {
        return energy;
    }

    @Override
    public void evaluate(double t, double[] points, int from, int to, double[] out) {
        int n = energy.size();
        double[] g = new double[n];
        for (int s = from; s < to; s++) {
            int off = s * n;
            energy.gradient(points, off, g);
            double first = 0.0;
            double prev = 0.0; // flux on edge (i-1, i)
            if (periodic) {
                prev = rate * Math.sqrt(points[off + n - 1] * points[off]) * (g[0] - g[n - 1]);
            }
            first = prev;
            for (int i = 0; i < n; i++) {
                double next;
                if (i + 1 < n) {
                    next = rate * Math.sqrt(points[off + i] * points[off + i + 1]) * (g[i + 1] - g[i]);
                } else {
                    next = periodic ? first : 0.0;
                }
                out[off + i] = next - prev;
                prev = next;
            }
        }
    }

    /** theta' for the state p (length N-1): -rate sqrt(p_i p_{i+1}) (g_{i+1} - g_i) (eq. 50). */
    public double[] thetaVelocity(double[] p) {
        int n = energy.size();
        double[] g = new double[n];
        energy.gradient(p, 0, g);
        double[] v = new double[n - 1];
        for (int i = 0; i + 1 < n; i++) {
            v[i] = -rate * Math.sqrt(p[i] * p[i + 1]) * (g[i + 1] - g[i]);
        }
        return v;
    }

    /** dE/dt along the flow at p: -rate sum over edges sqrt(p_i p_{i+1}) (g_{i+1} - g_i)^2. */
    public double dissipation(double[] p) {
        int n = energy.size();
        double[] g = new double[n];
        energy.gradient(p, 0, g);
        double s = 0;
        for (int i = 0; i + 1 < n; i++) {
            double dg = g[i + 1] - g[i];
            s += Math.sqrt(p[i] * p[i + 1]) * dg * dg;
        }
        if (periodic) {
            double dg = g[0] - g[n - 1];
            s += Math.sqrt(p[n - 1] * p[0]) * dg * dg;
        }
        return -rate * s;
    }
}
