package io.gmmflow.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmmflow.api.CostModel;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.Plugin;
import io.gmmflow.core.testplugins.EulerIntegrator;
import io.gmmflow.core.testplugins.MeanDistanceCost;
import io.gmmflow.core.testplugins.OtherMeanDistanceCost;
import io.gmmflow.core.testplugins.ProductSolver;
import io.gmmflow.core.testplugins.TestMethod;
import io.gmmflow.core.testplugins.TranslationFlow;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {

    @Test
    void serviceLoaderFindsTheTestPluginOfEveryKind() {
        PluginRegistry r = PluginRegistry.fromServiceLoader();
        // The real plugin modules are on the test class path too; assert on the test plugins only.
        assertThat(r.costModel("test-mean-distance")).isInstanceOf(MeanDistanceCost.class);
        assertThat(r.couplingSolver("test-product")).isInstanceOf(ProductSolver.class);
        assertThat(r.componentFlow("test-translation")).isInstanceOf(TranslationFlow.class);
        assertThat(r.integrator("test-euler")).isInstanceOf(EulerIntegrator.class);
        assertThat(r.transportMethod("test-method")).isInstanceOf(TestMethod.class);
        for (PluginKind<?> kind : PluginKind.values()) {
            assertThat(new java.util.ArrayList<>(r.names(kind))).isSorted();
            assertThat(r.all(kind)).extracting(Plugin::name).containsExactlyElementsOf(r.names(kind));
        }
        // A looked-up plugin works: squared mean distance |(3, 4)|^2 = 25.
        double c = r.costModel("test-mean-distance").cost(Gaussian.spherical(new double[] {0, 0}, 1),
                Gaussian.spherical(new double[] {3, 4}, 2));
        assertThat(c).isEqualTo(25.0);
    }

    @Test
    void unknownNameListsTheAvailableOnes() {
        PluginRegistry r = PluginRegistry.of(new ProductSolver(), new MeanDistanceCost());
        assertThatThrownBy(() -> r.couplingSolver("foo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown coupling solver 'foo' (available: test-product)");
        assertThatThrownBy(() -> r.integrator("rk4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown integrator 'rk4' (available: none)");
        assertThatThrownBy(() -> r.costModel(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown cost model 'null' (available: test-mean-distance)");
        assertThatThrownBy(() -> PluginRegistry.fromServiceLoader().transportMethod("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown transport method 'nope' (available: ")
                .hasMessageContaining("test-method");
    }

    @Test
    void listingsAreSortedByName() {
        CostModel b = named("b-cost");
        CostModel a = named("a-cost");
        PluginRegistry r = PluginRegistry.of(b, a, new MeanDistanceCost());
        assertThat(r.costModels()).extracting(Plugin::name).containsExactly("a-cost", "b-cost", "test-mean-distance");
        assertThat(r.contains(PluginKind.COST_MODEL, "a-cost")).isTrue();
        assertThat(r.contains(PluginKind.COUPLING_SOLVER, "a-cost")).isFalse();
    }

    @Test
    void duplicateNamesFailAtCreationNamingBothClasses() {
        assertThatThrownBy(() -> PluginRegistry.of(new MeanDistanceCost(), new OtherMeanDistanceCost()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("two cost models are named 'test-mean-distance': "
                        + MeanDistanceCost.class.getName() + " and " + OtherMeanDistanceCost.class.getName());
    }

    @Test
    void sameNameInDifferentKindsIsAllowed() {
        CostModel cost = named("shared");
        io.gmmflow.api.Integrator real = new EulerIntegrator();
        io.gmmflow.api.Integrator integ = new io.gmmflow.api.Integrator() {
            @Override
            public String name() {
                return "shared";
            }

            @Override
            public String description() {
                return "test";
            }

            @Override
            public io.gmmflow.api.Trajectory integrate(io.gmmflow.api.VelocityField field, double t0, double t1,
                                                       double[] points, Parameters parameters, double... times) {
                return real.integrate(field, t0, t1, points, parameters, times);
            }
        };
        PluginRegistry r = PluginRegistry.of(cost, integ);
        assertThat(r.costModel("shared")).isSameAs(cost);
        assertThat(r.integrator("shared")).isSameAs(integ);
    }

    @Test
    void namesMustBeLowerKebabCase() {
        for (String bad : new String[] {"Sinkhorn", "gmm_ot", "-x", "x-", "a--b", "", "a b"}) {
            assertThatThrownBy(() -> PluginRegistry.of(named(bad)))
                    .as(bad)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("has the name '" + bad + "', which is not lower-kebab-case");
        }
        assertThatThrownBy(() -> PluginRegistry.of(named(null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has the name 'null'");
        assertThat(PluginRegistry.of(named("gmm-ot"), named("rk4")).names(PluginKind.COST_MODEL))
                .containsExactly("gmm-ot", "rk4");
    }

    @Test
    void aPluginOfNoKindOrNullIsRejected() {
        Plugin bare = new Plugin() {
            @Override
            public String name() {
                return "bare";
            }

            @Override
            public String description() {
                return "";
            }
        };
        assertThatThrownBy(() -> PluginRegistry.of(bare))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("implements none of the plugin kinds");
        assertThatThrownBy(() -> PluginRegistry.of(java.util.Arrays.asList((Plugin) null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plugin list contains null");
    }

    @Test
    void aPluginThatFailsToLoadIsReportedNotSwallowed(@TempDir Path dir) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve("io.gmmflow.api.CouplingSolver"), "com.example.MissingSolver\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                PluginRegistryTest.class.getClassLoader())) {
            assertThatThrownBy(() -> PluginRegistry.fromServiceLoader(loader))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("a coupling solver plugin failed to load: ")
                    .hasMessageContaining("com.example.MissingSolver")
                    .hasCauseInstanceOf(java.util.ServiceConfigurationError.class);
        }
    }

    @Test
    void registryFromMapsChecksThatKeysAreNames() {
        java.util.Map<String, CostModel> costs = java.util.Map.of("wrong-key", new MeanDistanceCost());
        assertThatThrownBy(() -> PluginRegistry.fromMaps(costs, java.util.Map.of(), java.util.Map.of(),
                java.util.Map.of(), java.util.Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cost model " + MeanDistanceCost.class.getName()
                        + " is bound under the name 'wrong-key' but its name() is 'test-mean-distance'");
    }

    @Test
    void toStringListsEveryKind() {
        assertThat(PluginRegistry.of(new MeanDistanceCost()).toString())
                .isEqualTo("cost models: [test-mean-distance]; coupling solvers: []; component flows: []; "
                        + "integrators: []; transport methods: []");
    }

    static CostModel named(String name) {
        return new CostModel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "test";
            }

            @Override
            public double cost(Gaussian source, Gaussian target, Parameters parameters) {
                return 0;
            }
        };
    }
}
