package io.gmmflow.examples.library;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.gmmflow.api.CostModel;

/** Guice registration of this module's example plugin, as each plugin module has one. */
public final class ExamplePluginsModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, CostModel.class)
                .addBinding(BhattacharyyaCost.NAME).to(BhattacharyyaCost.class);
    }
}
