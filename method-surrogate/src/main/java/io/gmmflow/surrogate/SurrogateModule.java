package io.gmmflow.surrogate;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import io.gmmflow.api.ComponentFlow;
import io.gmmflow.api.CostModel;
import io.gmmflow.api.TransportMethod;

/**
 * Guice module contributing this module's plugins by name: the cost model {@code surrogate}, the
 * component flow {@code linear} and the transport method {@code surrogate}, each to its
 * {@code MapBinder<String, Kind>}. All are stateless, so each is bound as a singleton; a second
 * binding of one of these names fails when the injector is built.
 */
public final class SurrogateModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, CostModel.class)
                .addBinding(SurrogateCost.NAME).to(SurrogateCost.class).in(Singleton.class);
        MapBinder.newMapBinder(binder(), String.class, ComponentFlow.class)
                .addBinding(LinearFlow.NAME).to(LinearFlow.class).in(Singleton.class);
        MapBinder.newMapBinder(binder(), String.class, TransportMethod.class)
                .addBinding(SurrogateMethod.NAME).to(SurrogateMethod.class).in(Singleton.class);
    }
}
