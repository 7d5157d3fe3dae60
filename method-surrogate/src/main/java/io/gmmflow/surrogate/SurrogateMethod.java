package io.gmmflow.surrogate;

import io.gmmflow.api.Parameters;
import io.gmmflow.api.TransportMethod;

/**
 * Transport method {@code surrogate} (seed 000 Method A, Algorithm 1): the surrogate cost of eq. 6
 * ({@code surrogate}), the entropic coupling of eq. 7 by log-domain Sinkhorn ({@code sinkhorn}) with
 * the seed's settings epsilon = 5e-2, at most 5000 iterations, tolerance 1e-9 (Section VII-B), and the
 * linear component flow of eq. 2-5 ({@code linear}), assembled into the mixture flow of eq. 8-9 by
 * {@code core}. The parts are named, not linked. Immutable and thread-safe.
 */
public final class SurrogateMethod implements TransportMethod {

    /** Registry name. */
    public static final String NAME = "surrogate";

    private static final Parameters SOLVER = Parameters.of("epsilon", 0.05, "maxIterations", 5000, "tolerance", 1e-9);

    /** Public no-argument constructor for ServiceLoader and Guice. */
    public SurrogateMethod() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "seed 000 Method A: surrogate cost + Sinkhorn (eps 5e-2) + linear Gaussian flow";
    }

    @Override
    public String costModel() {
        return SurrogateCost.NAME;
    }

    @Override
    public String couplingSolver() {
        return "sinkhorn";
    }

    @Override
    public Parameters solverParameters() {
        return SOLVER;
    }

    @Override
    public String componentFlow() {
        return LinearFlow.NAME;
    }
}
