package io.gmmflow.cli;

import static io.gmmflow.cli.BadInputAssert.assertBadInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoupleCommandTest {

    @TempDir
    Path dir;

    private Path costs;
    private Path a;
    private Path b;

    @BeforeEach
    void writeProblem() throws Exception {
        // 2 x 2 transport with a = (0.5, 0.5), b = (0.3, 0.7), C = [[0, 1], [1, 0]]: the exact plan
        // moves 0.2 across, [[0.3, 0.2], [0, 0.5]], objective 0.2.
        costs = Files.writeString(dir.resolve("c.csv"), "0,1\n1,0\n");
        a = Files.writeString(dir.resolve("a.csv"), "0.5\n0.5\n");
        b = Files.writeString(dir.resolve("b.csv"), "0.3\n0.7\n");
    }

    @Test
    void emdFromCsvGivesTheExactPlan() throws Exception {
        Cli.Result r = Cli.run("couple", "--costs", costs.toString(), "--a", a.toString(), "--b", b.toString(),
                "--solver", "emd");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("objective").asDouble()).isCloseTo(0.2, within(1e-15));
        assertThat(json.get("status").asText()).isEqualTo("CONVERGED");
        assertThat(json.get("plan").get(0).get(1).asDouble()).isCloseTo(0.2, within(1e-15));
        assertThat(json.get("plan").get(1).get(0).asDouble()).isCloseTo(0.0, within(1e-15));
        assertThat(json.has("iterations")).isTrue();
        assertThat(json.get("marginalError").asDouble()).isLessThan(1e-15);
    }

    @Test
    void sinkhornReportsItsParametersEffect() throws Exception {
        Cli.Result r = Cli.run("couple", "--costs", costs.toString(), "--a", a.toString(), "--b", b.toString(),
                "--solver", "sinkhorn", "--epsilon", "0.01", "--tol", "1e-12", "--max-iter", "10000");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("status").asText()).isEqualTo("CONVERGED");
        assertThat(json.get("marginalError").asDouble()).isLessThanOrEqualTo(1e-12);
        // eps = 0.01 is small against the cost gap 1: the entropic plan is within 1e-3 of the exact one.
        assertThat(json.get("objective").asDouble()).isCloseTo(0.2, within(1e-3));
        Cli.Result budget = Cli.run("couple", "--costs", costs.toString(), "--a", a.toString(), "--b", b.toString(),
                "--solver", "sinkhorn", "--epsilon", "0.001", "--tol", "1e-15", "--max-iter", "1",
                "--param", "epsilonScaling=0");
        JsonNode j2 = new ObjectMapper().readTree(budget.out());
        assertThat(j2.get("status").asText()).isEqualTo("MAX_ITERATIONS");
    }

    @Test
    void badInputIsExitCodeTwoWithOneLine() throws Exception {
        Path three = Files.writeString(dir.resolve("b3.csv"), "0.2\n0.3\n0.5\n");
        assertThat(assertBadInput(Cli.run("couple", "--costs", costs.toString(), "--a", a.toString(), "--b",
                three.toString(), "--solver", "emd"))).contains("cost").contains("3");
        assertThat(assertBadInput(Cli.run("couple", "--costs", costs.toString(), "--a", a.toString(), "--b",
                b.toString(), "--solver", "nope"))).contains("unknown coupling solver 'nope'").contains("emd");
        assertThat(assertBadInput(Cli.run("couple", "--costs", costs.toString(), "--a", a.toString(), "--b",
                b.toString(), "--solver", "emd", "--epsilon", "0.1")))
                .contains("--epsilon: solver 'emd' has no parameter 'epsilon'");
        assertThat(assertBadInput(Cli.run("couple", "--costs", costs.toString(), "--a", a.toString(), "--b",
                b.toString(), "--solver", "sinkhorn", "--epsilon", "-1"))).contains("epsilon");
        Path heavy = Files.writeString(dir.resolve("heavy.csv"), "0.5\n0.6\n");
        assertThat(assertBadInput(Cli.run("couple", "--costs", costs.toString(), "--a", heavy.toString(), "--b",
                b.toString(), "--solver", "sinkhorn"))).contains("1.1");
        assertThat(assertBadInput(Cli.run("couple", "--solver", "emd"))).contains("give either --cost");
        Path out = dir.resolve("out.json");
        assertBadInput(Cli.run("couple", "--costs", costs.toString(), "--a", a.toString(), "--b", three.toString(),
                "--solver", "emd", "--out", out.toString()));
        assertThat(out).doesNotExist();
    }
}
