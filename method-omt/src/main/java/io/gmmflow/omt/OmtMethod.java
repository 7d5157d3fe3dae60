package io.gmmflow.omt;

import io.gmmflow.api.Parameters;
import io.gmmflow.api.TransportMethod;

/**
 * The {@code omt} transport method bundle (seed 003): cost model {@code entropic} (eps1 = 0.01),
 * coupling solver {@code sinkhorn} (epsilon = eps2 = 0.01, 5000 iterations, tolerance 1e-9) and
 * component flow {@code geodesic}.
 *
 * <p>Seed 003 defines no flow between coupled components, only maps (the forward, backward and
 * random maps of {@link MixtureTransportPlan}). The bundle names the Bures {@code geodesic} flow so
 * that {@code gmmflow transport --method omt} can push samples: those samples then move along the
 * W2 geodesic between each coupled pair of components, weighted by the OMT weights Omega, which is
 * not the seed's own (entropic, non-deterministic) transport. For the seed's maps use
 * {@link OptimalMixtureTransport} ({@code gmmflow omt} and {@code gmmflow map}).
 *
 * <p>Parts are named, not linked: this module does not depend on the solver or flow modules.
 * Immutable and thread-safe.
 */
public final class OmtMethod implements TransportMethod {

    @Override
    public String name() {
        return "omt";
    }

    @Override
    public String description() {
        return "seed 003 Optimal Mixture Transport: entropic Gaussian pair costs (eps1) + Sinkhorn weights (eps2)";
    }

    @Override
    public Parameters defaults() {
        return OptimalMixtureTransport.defaults();
    }

    @Override
    public String costModel() {
        return "entropic";
    }

    @Override
    public Parameters costParameters() {
        return Parameters.of(EntropicCost.EPS1, OptimalMixtureTransport.DEFAULT_EPS);
    }

    @Override
    public String couplingSolver() {
        return "sinkhorn";
    }

    @Override
    public Parameters solverParameters() {
        return Parameters.of("epsilon", OptimalMixtureTransport.DEFAULT_EPS,
                OptimalMixtureTransport.MAX_ITERATIONS, OptimalMixtureTransport.DEFAULT_MAX_ITERATIONS,
                OptimalMixtureTransport.TOLERANCE, OptimalMixtureTransport.DEFAULT_TOLERANCE);
    }

    @Override
    public String componentFlow() {
        return "geodesic";
    }
}
