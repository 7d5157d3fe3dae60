package io.gmmflow.cli;

import static io.gmmflow.cli.BadInputAssert.assertBadInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmmflow.benchmarks.pipeline.Fig1Workload;
import io.gmmflow.core.transport.GmmTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gmmflow bench}: the CLI.md keys of {@code bench fig1} on a tiny run (d = 2, one timed run,
 * no warm-up, no baseline), its mixture costs against the library's own plan on the same workload,
 * the large-scale line format on its cheapest case, and exit 2 for bad options. No timing is
 * asserted (the machine is shared and noisy); the benchmarks themselves run outside the test suite.
 */
class BenchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void fig1PrintsOneLinePerMethodWithTheLibrarysMixtureCost() throws Exception {
        Cli.Result r = Cli.run("bench", "fig1", "--dims", "2", "--runs", "1", "--warmup", "0");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String[] lines = r.out().strip().split("\\R");
        assertThat(lines).hasSize(2);
        Fig1Workload w = Fig1Workload.generate(2, 0);
        String[] methods = {"surrogate", "exact"};
        for (int m = 0; m < 2; m++) {
            JsonNode o = JSON.readTree(lines[m]);
            assertThat(o.get("d").asInt()).isEqualTo(2);
            assertThat(o.get("method").asText()).isEqualTo(methods[m]);
            assertThat(o.get("seconds").asDouble()).isPositive();
            for (String stage : new String[] {"costs", "sinkhorn", "fields", "velocity"}) {
                assertThat(o.get("stages").get(stage).asDouble()).as(stage).isPositive();
            }
            assertThat(o.get("status").asText()).isEqualTo("CONVERGED");
            assertThat(o.get("marginalError").asDouble()).isLessThanOrEqualTo(1e-9);
            // The same workload through the facade: the same plan up to the order of parallel sums.
            double expected = GmmTransport.builder().method(methods[m]).build().plan(w.source(), w.target())
                    .mixtureCost();
            assertThat(o.get("mixtureCost").asDouble()).isCloseTo(expected, within(1e-12 * expected));
        }
        // The two methods differ on this workload (C >= W2^2 to second order), so the lines are not copies.
        assertThat(JSON.readTree(lines[0]).get("mixtureCost").asDouble())
                .isNotEqualTo(JSON.readTree(lines[1]).get("mixtureCost").asDouble());
    }

    @Test
    void pushLinesComeOncePerMethod() throws Exception {
        Cli.Result r = Cli.run("bench", "large", "--cases", "push-1e5-K10-d2", "--points", "300", "--steps", "2",
                "--runs", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String[] lines = r.out().trim().split("\n");
        assertThat(lines).hasSize(2);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(json.readTree(lines[0]).get("method").asText()).isEqualTo("exact");
        assertThat(json.readTree(lines[1]).get("method").asText()).isEqualTo("surrogate");
        for (String line : lines) {
            var node = json.readTree(line);
            assertThat(node.get("status").asText()).isEqualTo("COMPLETED");
            // rk4: 4 evaluations per step.
            assertThat(node.get("evaluations").asLong()).isEqualTo(8);
            assertThat(node.get("pointEvaluationsPerSecond").asDouble()).isPositive();
        }
        assertThat(assertBadInput(Cli.run("bench", "large", "--cases", "push-1e5-K10-d2", "--steps", "0")))
                .contains("--steps must be >= 1");
        assertThat(assertBadInput(Cli.run("bench", "large", "--cases", "push-1e5-K10-d2", "--points", "10",
                "--methods", "teleport"))).contains("teleport");
    }

    @Test
    void largePrintsTheCaseWithBothThreadCounts() throws Exception {
        Cli.Result r = Cli.run("bench", "large", "--cases", "w2-sinkhorn-100-d256-diag", "--runs", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode o = JSON.readTree(r.out().strip());
        assertThat(o.get("case").asText()).isEqualTo("w2-sinkhorn-100-d256-diag");
        assertThat(o.get("K0").asInt()).isEqualTo(100);
        assertThat(o.get("d").asInt()).isEqualTo(256);
        assertThat(o.get("status").asText()).isEqualTo("CONVERGED");
        assertThat(o.get("marginalError").asDouble()).isLessThanOrEqualTo(1e-9);
        assertThat(o.get("speedup1to2").get("sinkhornSeconds1").asDouble()).isPositive();
        assertThat(o.get("seconds").asDouble()).isPositive();
    }

    @Test
    void badOptionsAreExitCodeTwo() throws Exception {
        assertThat(assertBadInput(Cli.run("bench", "fig1", "--dims", "0"))).contains("--dims").contains("0");
        assertThat(assertBadInput(Cli.run("bench", "fig1", "--dims", "2,x"))).contains("--dims");
        assertThat(assertBadInput(Cli.run("bench", "fig1", "--dims", "2", "--runs", "0"))).contains("--runs");
        assertThat(assertBadInput(Cli.run("bench", "fig1", "--dims", "2", "--compare", "--baseline",
                dir.resolve("missing.py").toString()))).contains("--baseline").contains("missing.py");
        Path script = Files.writeString(dir.resolve("b.py"), "print('{}')\n");
        assertThat(assertBadInput(Cli.run("bench", "fig1", "--dims", "2", "--compare", "--baseline", script.toString(),
                "--python", dir.resolve("no-python").toString()))).contains("no-python");
        assertThat(assertBadInput(Cli.run("bench", "large", "--cases", "nope"))).contains("nope");
        assertThat(assertBadInput(Cli.run("bench"))).contains("fig1");
    }
}
