package io.gmmflow.integrators;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import io.gmmflow.api.Integrator;

/**
 * Guice module contributing the integrator plugins to the {@code MapBinder<String, Integrator>}
 * by name: {@code euler}, {@code heun}, {@code rk4}, {@code dopri5}. The integrators are stateless,
 * so each is bound as a singleton. Another module binding one of these names fails when the
 * injector is built (MapBinder rejects duplicate keys).
 */
public final class IntegratorsModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder<String, Integrator> integrators = MapBinder.newMapBinder(binder(), String.class, Integrator.class);
        integrators.addBinding("euler").to(EulerIntegrator.class).in(Singleton.class);
        integrators.addBinding("heun").to(HeunIntegrator.class).in(Singleton.class);
        integrators.addBinding("rk4").to(ClassicalRungeKuttaIntegrator.class).in(Singleton.class);
        integrators.addBinding("dopri5").to(DormandPrince54Integrator.class).in(Singleton.class);
    }
}
