package io.gmmflow.benchmarks.pipeline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One (d, method) measurement of the Fig. 1 pipeline ({@link Fig1Pipeline}).
 *
 * @param d                  the dimension
 * @param method             {@code surrogate} or {@code exact}
 * @param seconds            the best total over the timed runs
 * @param costSeconds        stage (i), best: the K0 x K1 pair costs
 * @param sinkhornSeconds    stage (ii), best: the coupling
 * @param fieldsSeconds      stage (iii), best: the pairwise fields (one Gaussian path per kept pair)
 * @param velocitySeconds    stage (iv), best: u(t, x) at the N points for the 11 times
 * @param mixtureCost        sum_ij pi_ij C_ij of the plan
 * @param iterations         Sinkhorn iterations
 * @param status             the solver's status
 * @param marginalError      the plan's L1 marginal error
 * @param pairs              pairs kept in the mixture flow (plan mass above 1e-12)
 * @param runs               timed runs
 * @param warmupRuns         untimed warm-up runs before them
 * @param threads            parallelism of the pool the runs used
 * @param probe              u(t_k, x_p) for the first {@link Fig1Pipeline#PROBE_POINTS} points,
 *                           [time][point][coordinate]
 */
public record Fig1Result(int d, String method, double seconds, double costSeconds, double sinkhornSeconds,
                         double fieldsSeconds, double velocitySeconds, double mixtureCost, int iterations,
                         String status, double marginalError, int pairs, int runs, int warmupRuns, int threads,
                         double[][][] probe) {

    /** The stage names, in pipeline order, as they appear in the JSON {@code stages} object. */
    public static final String[] STAGES = {"costs", "sinkhorn", "fields", "velocity"};

    /** Stage times in the order of {@link #STAGES}. */
    public double[] stageSeconds() {
        return new double[] {costSeconds, sinkhornSeconds, fieldsSeconds, velocitySeconds};
    }

    /**
     * The JSON line of CLI.md's {@code bench fig1}: {@code d}, {@code method}, {@code seconds},
     * {@code mixtureCost}, then {@code stages} (seconds per stage) and the solver's record.
     */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("d", d);
        o.put("method", method);
        o.put("seconds", seconds);
        o.put("mixtureCost", mixtureCost);
        ObjectNode st = o.putObject("stages");
        double[] s = stageSeconds();
        for (int k = 0; k < STAGES.length; k++) {
            st.put(STAGES[k], s[k]);
        }
        o.put("sinkhornIterations", iterations);
        o.put("status", status);
        o.put("marginalError", marginalError);
        o.put("pairs", pairs);
        o.put("runs", runs);
        o.put("threads", threads);
        return o;
    }
}
