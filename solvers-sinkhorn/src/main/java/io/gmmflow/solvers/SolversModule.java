package io.gmmflow.solvers;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.gmmflow.api.CouplingSolver;

/**
 * Guice bindings of this module's {@link CouplingSolver} plugins by name ({@code sinkhorn},
 * {@code unbalanced}, {@code emd}) into the shared {@code MapBinder<String, CouplingSolver>}; the
 * same three are listed in {@code META-INF/services/io.gmmflow.api.CouplingSolver} for
 * {@link java.util.ServiceLoader}. The solvers are stateless, so one instance each is shared.
 */
public final class SolversModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder<String, CouplingSolver> solvers = MapBinder.newMapBinder(binder(), String.class, CouplingSolver.class);
        solvers.addBinding(LogSinkhornSolver.NAME).to(LogSinkhornSolver.class);
        solvers.addBinding(UnbalancedSinkhornSolver.NAME).to(UnbalancedSinkhornSolver.class);
        solvers.addBinding(NetworkSimplexSolver.NAME).to(NetworkSimplexSolver.class);
    }
}
