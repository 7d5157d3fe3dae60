package io.gmmflow.core.testplugins;

import io.gmmflow.api.IntegrationStatus;
import io.gmmflow.api.Integrator;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.Trajectory;
import io.gmmflow.api.VelocityField;

/** Test integrator: explicit Euler with {@code steps} equal steps (no snapshots). */
public final class EulerIntegrator implements Integrator {

    @Override
    public String name() {
        return "test-euler";
    }

    @Override
    public String description() {
        return "test only: explicit Euler";
    }

    @Override
    public Parameters defaults() {
        return Parameters.of("steps", 10);
    }

    @Override
    public Trajectory integrate(VelocityField field, double t0, double t1, double[] points, Parameters parameters,
                                double... recordTimes) {
        int steps = parameters.withDefaults(defaults()).integer("steps", 10, 1);
        double h = (t1 - t0) / steps;
        double[] x = points.clone();
        double[] v = new double[x.length];
        for (int s = 0; s < steps; s++) {
            field.evaluate(t0 + s * h, x, v);
            for (int i = 0; i < x.length; i++) {
                x[i] += h * v[i];
            }
        }
        return new Trajectory(x, t1, new double[0], new double[0][], steps, steps, 0, IntegrationStatus.COMPLETED);
    }
}
