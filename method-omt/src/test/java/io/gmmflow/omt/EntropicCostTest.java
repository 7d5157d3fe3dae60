package io.gmmflow.omt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.gmmflow.api.CostModel;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.TransportMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EntropicCostTest {

    private final EntropicCost cost = new EntropicCost();

    @Test
    void matrixEqualsPairwiseCostsAndIsFiniteAndNonNegative() {
        SplittableRandom rng = new SplittableRandom(3);
        GaussianMixture p = OptimalMixtureTransportTest.randomMixture(7, 4, 3, rng);
        GaussianMixture q = OptimalMixtureTransportTest.randomMixture(5, 4, 3, rng);
        Parameters eps = Parameters.of("eps1", 0.2);
        double[][] m = cost.matrix(p, q, eps);
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 5; j++) {
                assertThat(m[i][j]).isFinite().isGreaterThanOrEqualTo(0)
                        .isEqualTo(cost.cost(p.component(i), q.component(j), eps));
            }
        }
        // L(g, g) > 0: even a Gaussian with itself pays the entropic price (transport part > 0)
        assertThat(cost.cost(p.component(0), p.component(0), eps)).isPositive();
    }

    @Test
    void epsilonIsAnAliasOfEps1AndEps1Wins() {
        Gaussian a = Gaussian.standard(2);
        Gaussian b = Gaussian.spherical(new double[] {1, 1}, 2);
        double viaEps1 = cost.cost(a, b, Parameters.of("eps1", 0.7));
        assertThat(cost.cost(a, b, Parameters.of("epsilon", 0.7))).isEqualTo(viaEps1);
        assertThat(cost.cost(a, b, Parameters.of("eps1", 0.7, "epsilon", 3))).isEqualTo(viaEps1);
        assertThat(cost.cost(a, b)).isEqualTo(cost.cost(a, b, Parameters.of("eps1", EntropicCost.DEFAULT_EPS1)));
        assertThat(cost.defaults().asMap()).containsOnlyKeys("eps1");
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> cost.cost(a, b, Parameters.of("epsilon", bad)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epsilon");
            assertThatThrownBy(() -> cost.matrix(GaussianMixture.of(a), GaussianMixture.of(b), Parameters.of("eps1", bad)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eps1");
        }
    }

    @Test
    void pluginsAreFoundByServiceLoaderAndGuice() {
        List<String> costs = new ArrayList<>();
        ServiceLoader.load(CostModel.class).forEach(c -> costs.add(c.name()));
        assertThat(costs).contains("entropic");
        List<TransportMethod> methods = new ArrayList<>();
        ServiceLoader.load(TransportMethod.class).forEach(methods::add);
        assertThat(methods).extracting(TransportMethod::name).contains("omt");
        TransportMethod omt = methods.stream().filter(m -> m.name().equals("omt")).findFirst().orElseThrow();
        assertThat(omt.costModel()).isEqualTo("entropic");
        assertThat(omt.couplingSolver()).isEqualTo("sinkhorn");
        assertThat(omt.componentFlow()).isEqualTo("geodesic");
        assertThat(omt.solverParameters().get("epsilon", 0)).isEqualTo(0.01);
        assertThat(omt.costParameters().get("eps1", 0)).isEqualTo(0.01);

        Injector injector = Guice.createInjector(new OmtModule());
        Map<String, CostModel> bound = injector.getInstance(Key.get(new TypeLiteral<Map<String, CostModel>>() { }));
        assertThat(bound.get("entropic")).isInstanceOf(EntropicCost.class);
        Map<String, TransportMethod> tm = injector.getInstance(Key.get(new TypeLiteral<Map<String, TransportMethod>>() { }));
        assertThat(tm.get("omt")).isInstanceOf(OmtMethod.class);
    }
}
