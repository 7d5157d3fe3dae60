package io.gmmflow.exact;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.gmmflow.api.ComponentFlow;
import io.gmmflow.api.CostModel;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.TransportMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class PluginRegistrationTest {

    static <T> List<String> names(Class<T> kind) {
        List<String> names = new ArrayList<>();
        for (T p : ServiceLoader.load(kind)) {
            names.add(((io.gmmflow.api.Plugin) p).name());
        }
        return names;
    }

    @Test
    void serviceLoaderFindsEveryPlugin() {
        assertThat(names(CostModel.class)).contains("exact");
        assertThat(names(ComponentFlow.class)).contains("geodesic");
        assertThat(names(TransportMethod.class)).contains("exact", "gmm-ot");
    }

    @Test
    void guiceModuleBindsTheSameNames() {
        Injector injector = Guice.createInjector(new ExactModule());
        Map<String, CostModel> costs = injector.getInstance(Key.get(new TypeLiteral<Map<String, CostModel>>() { }));
        Map<String, ComponentFlow> flows = injector.getInstance(Key.get(new TypeLiteral<Map<String, ComponentFlow>>() { }));
        Map<String, TransportMethod> methods = injector.getInstance(Key.get(new TypeLiteral<Map<String, TransportMethod>>() { }));
        assertThat(costs.get("exact")).isInstanceOf(BuresWassersteinCost.class);
        assertThat(flows.get("geodesic")).isInstanceOf(GeodesicFlow.class);
        assertThat(methods.get("exact")).isInstanceOf(ExactMethod.class);
        assertThat(methods.get("gmm-ot")).isInstanceOf(GmmOtMethod.class);
        assertThat(costs.get("exact")).isSameAs(injector.getInstance(Key.get(new TypeLiteral<Map<String, CostModel>>() { })).get("exact"));
    }

    @Test
    void methodBundlesNameTheirParts() {
        TransportMethod exact = new ExactMethod();
        assertThat(exact.costModel()).isEqualTo("exact");
        assertThat(exact.couplingSolver()).isEqualTo("sinkhorn");
        assertThat(exact.componentFlow()).isEqualTo("geodesic");
        assertThat(exact.solverParameters()).isEqualTo(Parameters.of("epsilon", 0.05, "maxIterations", 5000, "tolerance", 1e-9));
        TransportMethod gmmOt = new GmmOtMethod();
        assertThat(gmmOt.costModel()).isEqualTo("exact");
        assertThat(gmmOt.couplingSolver()).isEqualTo("emd");
        assertThat(gmmOt.componentFlow()).isEqualTo("geodesic");
        for (TransportMethod m : List.of(exact, gmmOt)) {
            assertThat(m.name()).matches("[a-z][a-z0-9]*(-[a-z0-9]+)*");
            assertThat(m.description()).isNotBlank();
        }
        assertThat(new GeodesicFlow().description()).contains("eq. 26-28");
    }
}
