package io.gmmflow.examples.library;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.gmmflow.api.CostModel;
import io.gmmflow.core.registry.GmmflowModule;
import io.gmmflow.core.registry.PluginRegistry;
import io.gmmflow.core.transport.GmmTransport;
import io.gmmflow.core.transport.TransportPlan;
import io.gmmflow.exact.ExactModule;
import io.gmmflow.integrators.IntegratorsModule;
import io.gmmflow.solvers.SolversModule;
import io.gmmflow.surrogate.SurrogateModule;
import java.util.Map;

/**
 * The library composed with Guice: install exactly the plugin modules the application wants
 * (here seed 000's two methods, the solvers, the integrators and this module's example cost) on
 * top of {@link GmmflowModule#withoutDiscovery()}, which declares the per-kind maps and binds a
 * {@link PluginRegistry} over them. Only the installed plugins exist; a plugin with a name that
 * is already taken makes injector creation fail. Then the facade works as without Guice.
 *
 * <p>Run: {@code examples/run library.GuiceExample}
 */
public final class GuiceExample {

    private GuiceExample() {
    }

    public static void main(String[] args) {
        Injector injector = Guice.createInjector(GmmflowModule.withoutDiscovery(), new SurrogateModule(),
                new ExactModule(), new SolversModule(), new IntegratorsModule(), new ExamplePluginsModule());
        PluginRegistry registry = injector.getInstance(PluginRegistry.class);
        Map<String, CostModel> costs = injector.getInstance(Key.get(new TypeLiteral<Map<String, CostModel>>() { }));

        StringBuilder json = new StringBuilder("{\"costModels\":").append(toJson(costs.keySet()));
        for (String method : new String[] {"surrogate", "exact", "gmm-ot"}) {
            TransportPlan plan = GmmTransport.builder(registry).method(method).build()
                    .plan(ServiceLoaderExample.SOURCE, ServiceLoaderExample.TARGET);
            json.append(",\"").append(method).append("\":").append(plan.mixtureCost());
        }
        System.out.println(json.append('}'));
    }

    private static String toJson(java.util.Collection<String> names) {
        StringBuilder b = new StringBuilder("[");
        names.stream().sorted().forEach(n -> b.append(b.length() > 1 ? "," : "").append('"').append(n).append('"'));
        return b.append(']').toString();
    }
}
