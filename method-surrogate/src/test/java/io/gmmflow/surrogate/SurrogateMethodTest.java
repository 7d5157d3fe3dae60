package io.gmmflow.surrogate;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.gmmflow.api.ComponentFlow;
import io.gmmflow.api.CostModel;
import io.gmmflow.api.TransportMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SurrogateMethodTest {

    @Test
    void bundleNamesItsPartsWithTheSeedSettings() {
        TransportMethod m = new SurrogateMethod();
        assertThat(m.name()).isEqualTo("surrogate");
        assertThat(m.costModel()).isEqualTo("surrogate");
        assertThat(m.couplingSolver()).isEqualTo("sinkhorn");
        assertThat(m.componentFlow()).isEqualTo("linear");
        assertThat(m.solverParameters().get("epsilon", 0)).isEqualTo(0.05);
        assertThat(m.solverParameters().get("maxIterations", 0)).isEqualTo(5000);
        assertThat(m.solverParameters().get("tolerance", 0)).isEqualTo(1e-9);
        List<String> names = new ArrayList<>();
        ServiceLoader.load(TransportMethod.class).forEach(t -> names.add(t.name()));
        assertThat(names).contains("surrogate");
        List<String> flows = new ArrayList<>();
        ServiceLoader.load(ComponentFlow.class).forEach(t -> flows.add(t.name()));
        assertThat(flows).contains("linear");
    }

    @Test
    void guiceModuleBindsThePluginsByName() {
        Injector injector = Guice.createInjector(new SurrogateModule());
        Map<String, CostModel> costs = injector.getInstance(Key.get(new TypeLiteral<Map<String, CostModel>>() { }));
        Map<String, ComponentFlow> flows = injector.getInstance(Key.get(new TypeLiteral<Map<String, ComponentFlow>>() { }));
        Map<String, TransportMethod> methods = injector.getInstance(Key.get(new TypeLiteral<Map<String, TransportMethod>>() { }));
        assertThat(costs.get("surrogate")).isInstanceOf(SurrogateCost.class);
        assertThat(flows.get("linear")).isInstanceOf(LinearFlow.class);
        assertThat(methods.get("surrogate")).isInstanceOf(SurrogateMethod.class);
        assertThat(costs.get("surrogate")).isSameAs(injector.getInstance(Key.get(new TypeLiteral<Map<String, CostModel>>() { })).get("surrogate"));
    }
}
