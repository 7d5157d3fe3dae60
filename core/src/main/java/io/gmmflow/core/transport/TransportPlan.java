package io.gmmflow.core.transport;

import io.gmmflow.api.Coupling;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Integrator;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.Trajectory;
import io.gmmflow.core.flow.MixtureFlow;

/**
 * What {@link GmmTransport#plan} computed for two mixtures: the K0 x K1 cost matrix, the coupling
 * of the weights (with its status), the mixture cost sum_ij pi_ij C_ij, and, built on first use,
 * the {@link MixtureFlow} that carries the source onto the target; {@link #push} and
 * {@link #trajectory} move points along it with any {@link Integrator}.
 *
 * <p>Immutable apart from the lazily built flow (built once, thread-safe); safe to share.
 */
public final class TransportPlan {

    private final GmmTransport transport;
    private final GaussianMixture source;
    private final GaussianMixture target;
    private final double[][] costs;
    private final Coupling coupling;
    private final double costSeconds;
    private final double couplingSeconds;
    private final double pruneThreshold;
    private volatile MixtureFlow flow;

    TransportPlan(GmmTransport transport, GaussianMixture source, GaussianMixture target, double[][] costs,
                  Coupling coupling, double costSeconds, double couplingSeconds, double pruneThreshold) {
        this.transport = transport;
        this.source = source;
        this.target = target;
        this.costs = costs;
        this.coupling = coupling;
        this.costSeconds = costSeconds;
        this.couplingSeconds = couplingSeconds;
        this.pruneThreshold = pruneThreshold;
    }

    /** The source mixture. */
    public GaussianMixture source() {
        return source;
    }

    /** The target mixture. */
    public GaussianMixture target() {
        return target;
    }

    /** A copy of the cost matrix C_ij. */
    public double[][] costs() {
        double[][] c = new double[costs.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = costs[i].clone();
        }
        return c;
    }

    /** The coupling (plan, potentials, status, iterations, marginal error). */
    public Coupling coupling() {
        return coupling;
    }

    /** sum_ij pi_ij C_ij. */
    public double mixtureCost() {
        return coupling.objective();
    }

    /** Seconds spent on the cost matrix. */
    public double costSeconds() {
        return costSeconds;
    }

    /** Seconds spent in the solver. */
    public double couplingSeconds() {
        return couplingSeconds;
    }

    /**
     * The mixture flow (seed 000 eq. 8-9), built on first call: one component path per pair with
     * plan mass above the prune threshold.
     *
     * @throws IllegalStateException when the transport has no component flow
     */
    public MixtureFlow flow() {
        MixtureFlow f = flow;
        if (f == null) {
            synchronized (this) {
                f = flow;
                if (f == null) {
                    if (transport.componentFlow() == null) {
                        throw new IllegalStateException("this transport has no component flow; choose one with flow(name)");
                    }
                    f = MixtureFlow.of(source, target, coupling.plan(), transport.componentFlow(),
                            transport.flowParameters(), pruneThreshold);
                    flow = f;
                }
            }
        }
        return f;
    }

    /**
     * Moves the points (one per row) from t = 0 to t = 1 along the mixture flow.
     *
     * @param integratorName a registered integrator ({@code rk4}, {@code dopri5}, ...)
     * @param parameters     its parameters (e.g. {@code steps})
     * @throws IllegalArgumentException for points of the wrong dimension or an unknown integrator
     */
    public double[][] push(double[][] points, String integratorName, Parameters parameters) {
        return push(points, transport.registry().integrator(integratorName), parameters);
    }

    /** Moves the points from t = 0 to t = 1 with the given integrator. */
    public double[][] push(double[][] points, Integrator integrator, Parameters parameters) {
        Trajectory tr = trajectory(points, integrator, parameters);
        return unflatten(tr.endPoints(), points.length, source.dimension());
    }

    /**
     * Moves the points from t = 0 to t = 1 and keeps snapshots at the requested times; the
     * trajectory carries the integrator's status, steps and evaluations.
     */
    public Trajectory trajectory(double[][] points, Integrator integrator, Parameters parameters, double... times) {
        double[] flat = flatten(points, source.dimension());
        return integrator.integrate(flow(), 0.0, 1.0, flat, parameters == null ? Parameters.empty() : parameters, times);
    }

    /** Points (one per row) as one flat row-major array, checking each row's length. */
    public static double[] flatten(double[][] points, int d) {
        if (points == null) {
            throw new IllegalArgumentException("points must not be null");
        }
        double[] flat = new double[points.length * d];
        for (int p = 0; p < points.length; p++) {
            if (points[p] == null || points[p].length != d) {
                throw new IllegalArgumentException("point " + p + " has dimension "
                        + (points[p] == null ? 0 : points[p].length) + " but the mixtures have dimension " + d);
            }
            for (int k = 0; k < d; k++) {
                double v = points[p][k];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("point " + p + ", coordinate " + k + " is not finite (" + v + ")");
                }
                flat[p * d + k] = v;
            }
        }
        return flat;
    }

    /** A flat row-major array as n rows of d. */
    public static double[][] unflatten(double[] flat, int n, int d) {
        double[][] rows = new double[n][d];
        for (int p = 0; p < n; p++) {
            System.arraycopy(flat, p * d, rows[p], 0, d);
        }
        return rows;
    }
}
