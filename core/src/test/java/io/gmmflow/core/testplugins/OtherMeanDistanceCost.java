package io.gmmflow.core.testplugins;

import io.gmmflow.api.CostModel;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.Parameters;

/**
 * Test cost with the same name as {@link MeanDistanceCost} but another class; not listed in
 * {@code META-INF/services}: the duplicate-name tests bind it explicitly.
 */
public final class OtherMeanDistanceCost implements CostModel {

    private final CostModel delegate = new MeanDistanceCost();

    @Override
    public String name() {
        return "test-mean-distance";
    }

    @Override
    public String description() {
        return "test only: a second plugin claiming the name test-mean-distance";
    }

    @Override
    public double cost(Gaussian source, Gaussian target, Parameters parameters) {
        return delegate.cost(source, target, parameters);
    }
}
