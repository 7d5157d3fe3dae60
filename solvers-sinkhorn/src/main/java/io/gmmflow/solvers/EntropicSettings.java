package io.gmmflow.solvers;

import io.gmmflow.api.Coupling;
import io.gmmflow.api.Parameters;

import java.util.ArrayList;
import java.util.List;

/**
 * The parameters the entropic solvers share, read and checked once per call, and the eps-scaling
 * schedule. Package-private.
 */
final class EntropicSettings {

    static final String EPSILON = "epsilon";
    static final String MAX_ITERATIONS = "maxIterations";
    static final String TOLERANCE = "tolerance";
    static final String EPSILON_SCALING = "epsilonScaling";
    static final String EPSILON_START = "epsilonStart";
    static final String SCALING_FACTOR = "scalingFactor";
    static final String STAGE_TOLERANCE = "stageTolerance";

    /** Seed 000 (Section VI) defaults: eps = 5e-2, at most 5000 iterations, tolerance 1e-9. */
    static final double DEFAULT_EPSILON = 5e-2;
    static final int DEFAULT_MAX_ITERATIONS = 5000;
    static final double DEFAULT_TOLERANCE = 1e-9;
    static final double DEFAULT_SCALING_FACTOR = 0.5;
    static final double DEFAULT_STAGE_TOLERANCE = 1e-6;

    final double epsilon;
    final int maxIterations;
    final double tolerance;
    final boolean scaling;
    final double epsilonStart;
    final double scalingFactor;
    final double stageTolerance;

    EntropicSettings(Parameters parameters) {
        Parameters p = parameters == null ? Parameters.empty() : parameters;
        epsilon = p.positive(EPSILON, DEFAULT_EPSILON);
        maxIterations = p.integer(MAX_ITERATIONS, DEFAULT_MAX_ITERATIONS, 1);
        tolerance = p.positive(TOLERANCE, DEFAULT_TOLERANCE);
        scaling = p.flag(EPSILON_SCALING, true);
        epsilonStart = p.nonNegative(EPSILON_START, 0.0);
        scalingFactor = p.positive(SCALING_FACTOR, DEFAULT_SCALING_FACTOR);
        if (!(scalingFactor < 1)) {
            throw new IllegalArgumentException("parameter " + SCALING_FACTOR + " must be in (0, 1), got " + scalingFactor);
        }
        stageTolerance = p.positive(STAGE_TOLERANCE, DEFAULT_STAGE_TOLERANCE);
    }

    /** The common defaults, in display order. */
    static Parameters defaults() {
        return Parameters.of(EPSILON, DEFAULT_EPSILON, MAX_ITERATIONS, DEFAULT_MAX_ITERATIONS,
                TOLERANCE, DEFAULT_TOLERANCE, EPSILON_SCALING, 1, EPSILON_START, 0.0,
                SCALING_FACTOR, DEFAULT_SCALING_FACTOR, STAGE_TOLERANCE, DEFAULT_STAGE_TOLERANCE);
    }

    /**
     * eps_0 > eps_1 > ... > eps_last = epsilon with eps_{k+1} = scalingFactor eps_k; eps_0 is
     * {@code epsilonStart}, or by default the range of the costs (at that temperature the kernel
     * has no entry below e^-1, so the first stage converges in a few iterations).
     */
    double[] schedule(double costRange) {
        double start = epsilonStart > 0 ? epsilonStart : costRange;
        List<Double> eps = new ArrayList<>();
        if (scaling) {
            for (double e = start; e > epsilon && eps.size() < 200; e *= scalingFactor) {
                eps.add(e);
            }
        }
        eps.add(epsilon);
        return eps.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The warm start's potentials reduced to the support, or null.
     *
     * @throws IllegalArgumentException when their lengths do not match the problem or an entry is not finite
     */
    static double[][] warmStart(Coupling warm, CouplingProblem p) {
        if (warm == null) {
            return null;
        }
        double[] f = warm.sourcePotential();
        double[] g = warm.targetPotential();
        if (f.length != p.fullA.length || g.length != p.fullB.length) {
            throw new IllegalArgumentException("warm start has potentials of lengths " + f.length + " and " + g.length
                    + " but the problem is " + p.fullA.length + " x " + p.fullB.length);
        }
        double[] fr = new double[p.n];
        double[] gr = new double[p.m];
        for (int i = 0; i < p.n; i++) {
            fr[i] = f[p.rows[i]];
            if (!Double.isFinite(fr[i])) {
                throw new IllegalArgumentException("warm start source potential[" + p.rows[i] + "] is " + fr[i]);
            }
        }
        for (int j = 0; j < p.m; j++) {
            gr[j] = g[p.cols[j]];
            if (!Double.isFinite(gr[j])) {
                throw new IllegalArgumentException("warm start target potential[" + p.cols[j] + "] is " + gr[j]);
            }
        }
        return new double[][] {fr, gr};
    }
}
