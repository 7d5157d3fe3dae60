package io.gmmflow.api;

/**
 * A named bundle of plugins and their settings that makes one transport method: a cost between
 * components, a solver that couples the weights, and a component flow that moves mass along each
 * coupled pair. The parts are named, not linked, so a method module never depends on another
 * plugin module: the registry in {@code core} resolves the names at run time.
 *
 * <p>Bundles: {@code surrogate} (seed 000 Method A: surrogate cost + Sinkhorn + linear flow),
 * {@code exact} (Method B: W2 cost + Sinkhorn + geodesic flow), {@code gmm-ot} (seed 002: W2 cost +
 * exact plan + geodesic flow), {@code omt} (seed 003: entropic pair cost + Sinkhorn). Any cost can
 * be combined with any solver and any flow through the facade in {@code core}.
 *
 * <p>Immutable and thread-safe.
 */
public interface TransportMethod extends Plugin {

    /** Name of the {@link CostModel}. */
    String costModel();

    /** Parameters for the cost model. */
    default Parameters costParameters() {
        return Parameters.empty();
    }

    /** Name of the {@link CouplingSolver}. */
    String couplingSolver();

    /** Parameters for the solver (seed 000 defaults: epsilon 5e-2, 5000 iterations, tolerance 1e-9). */
    default Parameters solverParameters() {
        return Parameters.empty();
    }

    /** Name of the {@link ComponentFlow}. */
    String componentFlow();

    /** Parameters for the component flow. */
    default Parameters flowParameters() {
        return Parameters.empty();
    }
}
