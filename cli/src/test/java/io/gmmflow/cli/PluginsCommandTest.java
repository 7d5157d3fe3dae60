package io.gmmflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmmflow.api.CostModel;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.TransportMethod;
import io.gmmflow.core.registry.PluginRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final CostModel COST = new CostModel() {
        @Override
        public String name() {
            return "test-cost";
        }

        @Override
        public String description() {
            return "a test cost";
        }

        @Override
        public Parameters defaults() {
            return Parameters.of("epsilon", 0.05, "maxIterations", 5000);
        }

        @Override
        public double cost(Gaussian source, Gaussian target, Parameters parameters) {
            return 0;
        }
    };

    static final TransportMethod METHOD = new TransportMethod() {
        @Override
        public String name() {
            return "test-method";
        }

        @Override
        public String description() {
            return "a test method";
        }

        @Override
        public String costModel() {
            return "test-cost";
        }

        @Override
        public String couplingSolver() {
            return "sinkhorn";
        }

        @Override
        public String componentFlow() {
            return "linear";
        }
    };

    @Test
    void printsEveryKindWithNamesDescriptionsAndDefaults() {
        Cli.Result r = Cli.run(() -> PluginRegistry.of(COST, METHOD), "plugins");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("{\"costModels\":[{\"name\":\"test-cost\",\"description\":\"a test cost\","
                + "\"defaults\":{\"epsilon\":0.05,\"maxIterations\":5000}}],\"couplingSolvers\":[],\"componentFlows\":[],"
                + "\"integrators\":[],\"methods\":[{\"name\":\"test-method\",\"description\":\"a test method\","
                + "\"defaults\":{},\"costModel\":\"test-cost\",\"couplingSolver\":\"sinkhorn\",\"componentFlow\":\"linear\"}]}\n");
    }

    @Test
    void withTheRealClassPathItPrintsValidJsonWithTheFiveKeys() throws Exception {
        Cli.Result r = Cli.run("plugins");
        assertThat(r.exitCode()).isZero();
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.fieldNames()).toIterable()
                .containsExactly("costModels", "couplingSolvers", "componentFlows", "integrators", "methods");
        for (JsonNode kind : root) {
            assertThat(kind.isArray()).isTrue();
            for (JsonNode p : kind) {
                assertThat(p.get("name").isTextual()).isTrue();
                assertThat(p.get("description").isTextual()).isTrue();
                assertThat(p.get("defaults").isObject()).isTrue();
            }
        }
    }

    @Test
    void aRegistryThatCannotBeBuiltIsAnInternalFailure() {
        Cli.Result r = Cli.run(() -> PluginRegistry.of(List.of(COST, COST)), "plugins");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines()[0]).startsWith("error: internal failure: two cost models are named 'test-cost'");
    }
}
