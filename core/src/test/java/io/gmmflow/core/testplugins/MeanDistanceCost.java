package io.gmmflow.core.testplugins;

import io.gmmflow.api.CostModel;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.Parameters;

/** Test cost: the squared distance of the means, scaled by the parameter {@code scale}. */
public final class MeanDistanceCost implements CostModel {

    @Override
    public String name() {
        return "test-mean-distance";
    }

    @Override
    public String description() {
        return "test only: squared distance between the means";
    }

    @Override
    public Parameters defaults() {
        return Parameters.of("scale", 1.0);
    }

    @Override
    public double cost(Gaussian source, Gaussian target, Parameters parameters) {
        if (source.dimension() != target.dimension()) {
            throw new IllegalArgumentException("dimensions differ: " + source.dimension() + " and " + target.dimension());
        }
        double s = 0;
        for (int k = 0; k < source.dimension(); k++) {
            double t = source.mean(k) - target.mean(k);
            s += t * t;
        }
        return parameters.withDefaults(defaults()).positive("scale", 1.0) * s;
    }
}
