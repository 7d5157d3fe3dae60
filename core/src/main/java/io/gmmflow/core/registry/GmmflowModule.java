package io.gmmflow.core.registry;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import io.gmmflow.api.ComponentFlow;
import io.gmmflow.api.CostModel;
import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.Integrator;
import io.gmmflow.api.Plugin;
import io.gmmflow.api.TransportMethod;
import java.util.Map;

/**
 * The Guice route to the plugins: one {@code MapBinder<String, T>} per plugin kind, filled with
 * every plugin the {@link java.util.ServiceLoader} finds, and a singleton {@link PluginRegistry}
 * built from the injected maps, so that Guice users and ServiceLoader users get the same lookups.
 *
 * <p>Each discovered plugin is bound by class ({@code addBinding(name).to(type)}), exactly as the
 * plugin modules' own Guice modules bind them, so installing this module next to, say,
 * {@code SolversModule} is harmless: Guice drops bindings that are identical. Two different classes
 * bound under one name in one kind make injector creation fail (MapBinder's duplicate-key check),
 * and so does a plugin that cannot be loaded.
 *
 * <p>{@link #withoutDiscovery()} declares the maps and the registry only, for applications that pick
 * their plugins by installing plugin modules themselves.
 */
public final class GmmflowModule extends AbstractModule {

    private final boolean discover;
    private final ClassLoader loader;

    /** Discovers plugins with the class loader of this class. */
    public GmmflowModule() {
        this(true, GmmflowModule.class.getClassLoader());
    }

    private GmmflowModule(boolean discover, ClassLoader loader) {
        this.discover = discover;
        this.loader = loader;
    }

    /** Discovers plugins through {@code loader}. */
    public static GmmflowModule discovering(ClassLoader loader) {
        return new GmmflowModule(true, loader);
    }

    /** Declares the five maps and binds the registry, discovering nothing. */
    public static GmmflowModule withoutDiscovery() {
        return new GmmflowModule(false, null);
    }

    @Override
    protected void configure() {
        for (PluginKind<?> kind : PluginKind.values()) {
            bindKind(kind);
        }
    }

    private <T extends Plugin> void bindKind(PluginKind<T> kind) {
        MapBinder.newMapBinder(binder(), String.class, kind.type());
        if (!discover) {
            return;
        }
        java.util.List<T> plugins;
        try {
            plugins = PluginRegistry.discover(kind, loader);
        } catch (IllegalStateException e) {
            // Reported as a Guice error message (injector creation fails with it) rather than
            // thrown, which Guice would also log through java.util.logging.
            addError(e.getMessage());
            return;
        }
        for (T plugin : plugins) {
            @SuppressWarnings("unchecked")
            Class<? extends T> type = (Class<? extends T>) plugin.getClass();
            // The plugin class as the binding's source, so that Guice's duplicate-key message names it.
            MapBinder.newMapBinder(binder().withSource(type), String.class, kind.type())
                    .addBinding(plugin.name()).to(type);
        }
    }

    @Provides
    @Singleton
    PluginRegistry registry(Map<String, CostModel> costModels, Map<String, CouplingSolver> couplingSolvers,
                            Map<String, ComponentFlow> componentFlows, Map<String, Integrator> integrators,
                            Map<String, TransportMethod> methods) {
        return PluginRegistry.fromMaps(costModels, couplingSolvers, componentFlows, integrators, methods);
    }

    @Override
    public boolean equals(Object o) {
        // Installing the module twice (from two places of an application) must not bind twice.
        return o instanceof GmmflowModule m && m.discover == discover && m.loader == loader;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(discover) * 31 + System.identityHashCode(loader);
    }
}
