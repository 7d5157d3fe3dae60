package io.gmmflow.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.ProvisionException;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import io.gmmflow.api.CostModel;
import io.gmmflow.api.CouplingSolver;
import io.gmmflow.core.testplugins.MeanDistanceCost;
import io.gmmflow.core.testplugins.OtherMeanDistanceCost;
import io.gmmflow.core.testplugins.ProductSolver;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GmmflowModuleTest {

    /** What a plugin module such as {@code SolversModule} does. */
    static final class CostModule extends AbstractModule {
        private final Class<? extends CostModel> type;

        CostModule(Class<? extends CostModel> type) {
            this.type = type;
        }

        @Override
        protected void configure() {
            MapBinder.newMapBinder(binder(), String.class, CostModel.class).addBinding("test-mean-distance").to(type);
        }
    }

    @Test
    void bindsEveryDiscoveredPluginAndTheSameRegistryAsServiceLoader() {
        Injector injector = Guice.createInjector(new GmmflowModule());
        Map<String, CostModel> costs = injector.getInstance(Key.get(new TypeLiteral<Map<String, CostModel>>() { }));
        assertThat(costs.get("test-mean-distance")).isInstanceOf(MeanDistanceCost.class);
        Map<String, CouplingSolver> solvers =
                injector.getInstance(Key.get(new TypeLiteral<Map<String, CouplingSolver>>() { }));
        assertThat(solvers.get("test-product")).isInstanceOf(ProductSolver.class);

        PluginRegistry viaGuice = injector.getInstance(PluginRegistry.class);
        PluginRegistry viaServiceLoader = PluginRegistry.fromServiceLoader();
        for (PluginKind<?> kind : PluginKind.values()) {
            assertThat(viaGuice.names(kind)).as(kind.label()).containsExactlyElementsOf(viaServiceLoader.names(kind));
            for (String name : viaGuice.names(kind)) {
                assertThat(viaGuice.get(kind, name).getClass()).isEqualTo(viaServiceLoader.get(kind, name).getClass());
            }
        }
        assertThat(injector.getInstance(PluginRegistry.class)).isSameAs(viaGuice);
        assertThatThrownBy(() -> viaGuice.couplingSolver("foo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown coupling solver 'foo' (available: ")
                .hasMessageContaining("test-product");
    }

    @Test
    void twoPluginsWithOneNameFailWhenTheInjectorIsCreated() {
        assertThatThrownBy(() -> Guice.createInjector(new GmmflowModule(), new CostModule(OtherMeanDistanceCost.class)))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("Duplicate key \"test-mean-distance\"")
                .hasMessageContaining(MeanDistanceCost.class.getName())
                .hasMessageContaining("CostModule.configure");
        assertThatThrownBy(() -> Guice.createInjector(GmmflowModule.withoutDiscovery(),
                new CostModule(MeanDistanceCost.class), new CostModule(OtherMeanDistanceCost.class)))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("Duplicate key \"test-mean-distance\"");
    }

    @Test
    void thePluginModuleAndDiscoveryOfTheSamePluginDoNotClash() {
        Injector injector = Guice.createInjector(new GmmflowModule(), new GmmflowModule(),
                new CostModule(MeanDistanceCost.class));
        assertThat(injector.getInstance(PluginRegistry.class).costModel("test-mean-distance"))
                .isInstanceOf(MeanDistanceCost.class);
    }

    @Test
    void withoutDiscoveryHoldsOnlyWhatPluginModulesBind() {
        Injector injector = Guice.createInjector(GmmflowModule.withoutDiscovery(),
                new CostModule(OtherMeanDistanceCost.class));
        PluginRegistry r = injector.getInstance(PluginRegistry.class);
        assertThat(r.names(PluginKind.COST_MODEL)).containsExactly("test-mean-distance");
        assertThat(r.costModel("test-mean-distance")).isInstanceOf(OtherMeanDistanceCost.class);
        assertThat(r.names(PluginKind.COUPLING_SOLVER)).isEmpty();
    }

    @Test
    void aKeyThatIsNotThePluginNameFailsWhenTheRegistryIsMade() {
        Injector injector = Guice.createInjector(GmmflowModule.withoutDiscovery(), new AbstractModule() {
            @Override
            protected void configure() {
                MapBinder.newMapBinder(binder(), String.class, CostModel.class).addBinding("other").to(MeanDistanceCost.class);
            }
        });
        assertThatThrownBy(() -> injector.getInstance(PluginRegistry.class))
                .isInstanceOf(ProvisionException.class)
                .hasMessageContaining("is bound under the name 'other' but its name() is 'test-mean-distance'");
    }

    @Test
    void aPluginThatFailsToLoadFailsInjectorCreation(@TempDir Path dir) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve("io.gmmflow.api.Integrator"), "com.example.MissingIntegrator\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                GmmflowModuleTest.class.getClassLoader())) {
            assertThatThrownBy(() -> Guice.createInjector(GmmflowModule.discovering(loader)))
                    .isInstanceOf(CreationException.class)
                    .hasMessageContaining("an integrator plugin failed to load")
                    .hasMessageContaining("com.example.MissingIntegrator");
        }
    }
}
