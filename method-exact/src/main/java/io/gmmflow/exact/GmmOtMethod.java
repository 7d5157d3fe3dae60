package io.gmmflow.exact;

import io.gmmflow.api.TransportMethod;

/**
 * Transport method {@code gmm-ot} (seed 002; Delon and Desolneux's GMM-OT): the W2^2 cost
 * {@code exact} between components, the exact transport plan {@code emd} of the discrete problem
 * (seed 002 eq. 9), and the Bures-Wasserstein geodesic {@code geodesic} for every coupled pair, so
 * that the mixture path is the geodesic of the mixture metric d (eq. 11). The parts are named, not
 * linked: the registry in {@code core} resolves them. Immutable and thread-safe.
 */
public final class GmmOtMethod implements TransportMethod {

    /** The registry name. */
    public static final String NAME = "gmm-ot";

    /** Public no-argument constructor for ServiceLoader and Guice. */
    public GmmOtMethod() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "seed 002 GMM-OT: W2 cost + exact plan (emd) + Bures-Wasserstein geodesic flow";
    }

    @Override
    public String costModel() {
        return BuresWassersteinCost.NAME;
    }

    @Override
    public String couplingSolver() {
        return "emd";
    }

    @Override
    public String componentFlow() {
        return GeodesicFlow.NAME;
    }
}
