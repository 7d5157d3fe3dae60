package io.gmmflow.exact.mixture;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmmflow.api.CouplingSolver;
import java.util.ServiceLoader;

/**
 * Every property of {@link MixtureMetricTest} again with the network-simplex {@code emd} plugin of
 * the solvers module (a test-scoped dependency, found by name as core and the CLI find it).
 */
class MixtureMetricWithEmdTest extends MixtureMetricTest {

    @Override
    protected CouplingSolver solver() {
        for (CouplingSolver s : ServiceLoader.load(CouplingSolver.class)) {
            if (s.name().equals("emd")) {
                return s;
            }
        }
        assertThat(false).as("the 'emd' coupling solver is on the test class path").isTrue();
        return null;
    }
}
