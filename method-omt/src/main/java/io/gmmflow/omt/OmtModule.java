package io.gmmflow.omt;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.gmmflow.api.CostModel;
import io.gmmflow.api.TransportMethod;

/**
 * Guice registration of this module's plugins: cost model {@code entropic} and transport method
 * {@code omt}, each by name into the {@code MapBinder<String, T>} of its kind (the same plugins the
 * {@code META-INF/services} files list for {@link java.util.ServiceLoader}).
 */
public final class OmtModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, CostModel.class).addBinding("entropic").to(EntropicCost.class);
        MapBinder.newMapBinder(binder(), String.class, TransportMethod.class).addBinding("omt").to(OmtMethod.class);
    }
}
