package io.gmmflow.wim.flow;

import io.gmmflow.api.Integrator;
import java.util.ServiceLoader;

/** Finds an Integrator plugin by name (the integrators module is a test-scoped dependency). */
final class Integrators {

    private Integrators() {
    }

    static Integrator named(String name) {
        for (Integrator i : ServiceLoader.load(Integrator.class)) {
            if (i.name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("no Integrator plugin named " + name + " on the test class path");
    }
}
