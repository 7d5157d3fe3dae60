package io.gmmflow.exact;

import io.gmmflow.api.Parameters;
import io.gmmflow.api.TransportMethod;

/**
 * Transport method {@code exact} (seed 000 Method B): the W2^2 cost {@code exact} between
 * components, the entropic coupling {@code sinkhorn} of the weights with the seed's settings
 * (epsilon 5e-2, at most 5000 iterations, tolerance 1e-9; seed 000 eq. 7 and Section VII), and the
 * Bures-Wasserstein geodesic flow {@code geodesic} for every coupled pair (eq. 26-28). The parts
 * are named, not linked: the registry in {@code core} resolves them. Immutable and thread-safe.
 */
public final class ExactMethod implements TransportMethod {

    /** The registry name. */
    public static final String NAME = "exact";

    private static final Parameters SOLVER = Parameters.of("epsilon", 0.05, "maxIterations", 5000, "tolerance", 1e-9);

    /** Public no-argument constructor for ServiceLoader and Guice. */
    public ExactMethod() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "seed 000 Method B: W2 cost + log-domain Sinkhorn (eps 0.05) + Bures-Wasserstein geodesic flow";
    }

    @Override
    public String costModel() {
        return BuresWassersteinCost.NAME;
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
        return GeodesicFlow.NAME;
    }
}
