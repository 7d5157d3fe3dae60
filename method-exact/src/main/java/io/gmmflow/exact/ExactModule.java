package io.gmmflow.exact;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import io.gmmflow.api.ComponentFlow;
import io.gmmflow.api.CostModel;
import io.gmmflow.api.TransportMethod;

/**
 * Guice module contributing this module's plugins by name: the cost model {@code exact}, the
 * component flow {@code geodesic} and the transport methods {@code exact} and {@code gmm-ot}. The
 * plugins are stateless, so each is a singleton; another module binding one of these names fails
 * when the injector is built (MapBinder rejects duplicate keys).
 */
public final class ExactModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, CostModel.class)
                .addBinding(BuresWassersteinCost.NAME).to(BuresWassersteinCost.class).in(Singleton.class);
        MapBinder.newMapBinder(binder(), String.class, ComponentFlow.class)
                .addBinding(GeodesicFlow.NAME).to(GeodesicFlow.class).in(Singleton.class);
        MapBinder<String, TransportMethod> methods = MapBinder.newMapBinder(binder(), String.class, TransportMethod.class);
        methods.addBinding(ExactMethod.NAME).to(ExactMethod.class).in(Singleton.class);
        methods.addBinding(GmmOtMethod.NAME).to(GmmOtMethod.class).in(Singleton.class);
    }
}
