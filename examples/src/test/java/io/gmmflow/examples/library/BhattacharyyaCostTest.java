package io.gmmflow.examples.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.inject.Guice;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.core.registry.GmmflowModule;
import io.gmmflow.core.registry.PluginRegistry;
import io.gmmflow.core.transport.GmmTransport;
import io.gmmflow.exact.ExactModule;
import io.gmmflow.integrators.IntegratorsModule;
import io.gmmflow.solvers.SolversModule;
import io.gmmflow.surrogate.SurrogateModule;
import org.junit.jupiter.api.Test;

/** The worked example plugin: its formula, and that both registration routes find it. */
class BhattacharyyaCostTest {

    @Test
    void matchesTheOneDimensionalClosedForm() {
        // D_B = (m0 - m1)^2 / (4 (s0 + s1)) + 1/2 log((s0 + s1) / (2 sqrt(s0 s1))) for variances s0, s1.
        Gaussian a = Gaussian.of(new double[] {1}, new double[][] {{2}});
        Gaussian b = Gaussian.of(new double[] {-2}, new double[][] {{0.5}});
        double expected = 9 / (4 * 2.5) + 0.5 * Math.log(2.5 / (2 * Math.sqrt(1.0)));
        assertThat(new BhattacharyyaCost().cost(a, b)).isCloseTo(expected, within(1e-15));
        assertThat(new BhattacharyyaCost().cost(a, a)).isZero();
        // Symmetric in the pair.
        assertThat(new BhattacharyyaCost().cost(b, a)).isCloseTo(expected, within(1e-15));
        assertThatThrownBy(() -> new BhattacharyyaCost().cost(a, Gaussian.standard(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 1").hasMessageContaining("dimension 2");
    }

    @Test
    void serviceLoaderAndGuiceBothFindItAndTheFacadeUsesIt() {
        PluginRegistry discovered = PluginRegistry.fromServiceLoader();
        assertThat(discovered.costModel("bhattacharyya")).isInstanceOf(BhattacharyyaCost.class);
        PluginRegistry guice = Guice.createInjector(GmmflowModule.withoutDiscovery(), new SurrogateModule(),
                new ExactModule(), new SolversModule(), new IntegratorsModule(), new ExamplePluginsModule())
                .getInstance(PluginRegistry.class);
        assertThat(guice.costModel("bhattacharyya")).isInstanceOf(BhattacharyyaCost.class);
        GaussianMixture s = ServiceLoaderExample.SOURCE;
        GaussianMixture t = ServiceLoaderExample.TARGET;
        double objective = GmmTransport.builder(guice).cost("bhattacharyya").solver("emd").flow("geodesic").build()
                .plan(s, t).mixtureCost();
        // The exact plan's objective is <pi, C> for the same costs computed pair by pair.
        double[][] c = new BhattacharyyaCost().matrix(s, t);
        assertThat(objective).isGreaterThan(0).isLessThanOrEqualTo(Math.max(Math.max(c[0][0], c[0][1]),
                Math.max(c[1][0], c[1][1])));
    }
}
