package io.gmmflow.core.testplugins;

import io.gmmflow.api.Parameters;
import io.gmmflow.api.TransportMethod;

/** Test method bundling the other test plugins by name. */
public final class TestMethod implements TransportMethod {

    @Override
    public String name() {
        return "test-method";
    }

    @Override
    public String description() {
        return "test only: mean-distance cost, product coupling, translation flow";
    }

    @Override
    public String costModel() {
        return "test-mean-distance";
    }

    @Override
    public String couplingSolver() {
        return "test-product";
    }

    @Override
    public Parameters solverParameters() {
        return Parameters.of("epsilon", 0.05);
    }

    @Override
    public String componentFlow() {
        return "test-translation";
    }
}
