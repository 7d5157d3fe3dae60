package io.gmmflow.solvers;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.gmmflow.api.CouplingSolver;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Both registries (Guice MapBinder and ServiceLoader) expose the same three solvers under their names. */
class SolversModuleTest {

    @Test
    void guiceAndServiceLoaderAgree() {
        Map<String, CouplingSolver> bound = Guice.createInjector(new SolversModule())
                .getInstance(Key.get(new TypeLiteral<Map<String, CouplingSolver>>() { }));
        assertThat(bound.keySet()).containsExactlyInAnyOrder("sinkhorn", "unbalanced", "emd");
        bound.forEach((name, solver) -> assertThat(solver.name()).isEqualTo(name));
        Set<String> loaded = ServiceLoader.load(CouplingSolver.class).stream()
                .map(p -> p.get().name()).collect(Collectors.toSet());
        assertThat(loaded).isEqualTo(bound.keySet());
    }
}
