package io.gmmflow.integrators;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.gmmflow.api.Integrator;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Both registrations (Guice MapBinder and ServiceLoader) offer the same four plugins under their names. */
class IntegratorsModuleTest {

    @Test
    void guiceAndServiceLoaderAgree() {
        Injector injector = Guice.createInjector(new IntegratorsModule());
        Map<String, Integrator> map = injector.getInstance(Key.get(new TypeLiteral<Map<String, Integrator>>() { }));
        assertThat(map).containsOnlyKeys("euler", "heun", "rk4", "dopri5");
        map.forEach((name, it) -> assertThat(it.name()).isEqualTo(name));
        Set<String> viaServiceLoader = ServiceLoader.load(Integrator.class).stream()
                .map(p -> p.get().name()).collect(Collectors.toSet());
        assertThat(viaServiceLoader).isEqualTo(map.keySet());
        // stateless plugins are bound as singletons
        Map<String, Integrator> again = injector.getInstance(Key.get(new TypeLiteral<Map<String, Integrator>>() { }));
        assertThat(again.get("rk4")).isSameAs(map.get("rk4"));
    }
}
