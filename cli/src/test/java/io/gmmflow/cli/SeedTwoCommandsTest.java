package io.gmmflow.cli;

import static io.gmmflow.cli.BadInputAssert.assertBadInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.core.io.GmmJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed 002 commands: distance, geodesic, barycenter (CLI.md keys, exit codes 0 and 2). */
class SeedTwoCommandsTest {

    @TempDir
    Path dir;

    private Path single;
    private Path pair;
    private Path plane;
    private final List<Path> figure8 = new ArrayList<>();

    static GaussianMixture mixture1d(double[] w, double[] m, double[] v) {
        List<Gaussian> comps = new ArrayList<>();
        for (int i = 0; i < m.length; i++) {
            comps.add(Gaussian.of(new double[] {m[i]}, new double[][] {{v[i]}}));
        }
        return GaussianMixture.of(w, comps);
    }

    @BeforeEach
    void writeMixtures() throws Exception {
        // Seed 002 Fig. 1 with Delta = 2: N(0, 1) against (N(-2, 1) + N(2, 1)) / 2, d = Delta exactly.
        single = dir.resolve("single.json");
        GmmJson.write(mixture1d(new double[] {1}, new double[] {0}, new double[] {1}), single);
        pair = dir.resolve("pair.json");
        GmmJson.write(mixture1d(new double[] {0.5, 0.5}, new double[] {-2, 2}, new double[] {1, 1}), pair);
        plane = dir.resolve("plane.json");
        GmmJson.write(GaussianMixture.of(Gaussian.standard(2)), plane);
        // Seed 002 Fig. 8 (Section V-C).
        double[][][] stats = {{{0.5, 0.1}, {0.01, 0.05}}, {{0, -0.35}, {0.02, 0.02}}, {{0.4, -0.45}, {0.025, 0.021}}};
        for (int k = 0; k < 3; k++) {
            Path p = dir.resolve("mu" + (k + 1) + ".json");
            GmmJson.write(mixture1d(new double[] {0.5, 0.5}, stats[k][0], stats[k][1]), p);
            figure8.add(p);
        }
    }

    @Test
    void distanceOfFigure1IsDelta() throws Exception {
        Cli.Result r = Cli.run("distance", "--source", single.toString(), "--target", pair.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("distance").asDouble()).isCloseTo(2.0, within(1e-12));
        assertThat(json.get("plan").get(0).get(0).asDouble()).isCloseTo(0.5, within(1e-15));
        assertThat(json.get("plan").get(0).get(1).asDouble()).isCloseTo(0.5, within(1e-15));
        assertThat(json.get("costs").get(0).get(1).asDouble()).isCloseTo(4.0, within(1e-15));
        assertThat(json.get("status").asText()).isEqualTo("CONVERGED");
        assertThat(json.get("solver").asText()).isEqualTo("emd");
    }

    @Test
    void costCommandWithTheExactCostGivesW2Squared() throws Exception {
        // W2^2(N(0, 1), N(+-2, 1)) = 4 (same variance): the generic cost command with the 'exact' plugin.
        Cli.Result r = Cli.run("cost", "--cost", "exact", "--source", single.toString(), "--target", pair.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("cost").asText()).isEqualTo("exact");
        assertThat(json.get("matrix").get(0).get(0).asDouble()).isCloseTo(4.0, within(1e-15));
        assertThat(json.get("matrix").get(0).get(1).asDouble()).isCloseTo(4.0, within(1e-15));
        assertThat(assertBadInput(Cli.run("cost", "--cost", "exact", "--source", single.toString(), "--target",
                pair.toString(), "--epsilon", "0.1"))).contains("exact");
    }

    @Test
    void geodesicPointIsAMixtureAtTheRightDistance() throws Exception {
        Path out = dir.resolve("mid.json");
        Cli.Result r = Cli.run("geodesic", "--source", single.toString(), "--target", pair.toString(), "--t", "0.25",
                "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        GaussianMixture mid = GmmJson.read(out);
        assertThat(mid.size()).isEqualTo(2);
        // Each piece of N(0, 1) moves a quarter of the way to N(+-2, 1): means +-0.5, variance 1.
        assertThat(Math.abs(mid.component(0).mean(0))).isCloseTo(0.5, within(1e-15));
        assertThat(mid.component(0).covariance(0, 0)).isCloseTo(1.0, within(1e-15));
        // d(source, mu_t) = t d(source, target) (eq. 12).
        Cli.Result d = Cli.run("distance", "--source", single.toString(), "--target", out.toString());
        assertThat(new ObjectMapper().readTree(d.out()).get("distance").asDouble()).isCloseTo(0.5, within(1e-12));
        Cli.Result stdout = Cli.run("geodesic", "--source", single.toString(), "--target", pair.toString(), "--t", "1");
        assertThat(GmmJson.read(stdout.out()).size()).isEqualTo(2);
    }

    @Test
    void barycenterOfFigure8IsAMixtureOfTupleBarycenters() throws Exception {
        List<String> args = new ArrayList<>(List.of("barycenter", "--inputs"));
        figure8.forEach(p -> args.add(p.toString()));
        args.addAll(List.of("--lambdas", "0.2", "0.3", "0.5"));
        Cli.Result r = Cli.run(args.toArray(new String[0]));
        assertThat(r.exitCode()).as(r.err()).isZero();
        GaussianMixture bary = GmmJson.read(r.out());
        double sum = 0;
        for (double w : bary.weights()) {
            sum += w;
        }
        assertThat(sum).isCloseTo(1, within(1e-12));
        // Every component is the Gaussian barycenter of a tuple: in 1-D, mean sum lambda_k m_k and
        // standard deviation sum lambda_k s_k; check that the means are such combinations.
        for (Gaussian g : bary.components()) {
            boolean found = false;
            for (double a : new double[] {0.5, 0.1}) {
                for (double b : new double[] {0, -0.35}) {
                    for (double c : new double[] {0.4, -0.45}) {
                        found |= Math.abs(g.mean(0) - (0.2 * a + 0.3 * b + 0.5 * c)) < 1e-12;
                    }
                }
            }
            assertThat(found).as("mean %s is a tuple barycenter", g.mean(0)).isTrue();
        }
        Path cands = dir.resolve("cands.json");
        GmmJson.write(mixture1d(new double[] {0.5, 0.5}, new double[] {0.2, -0.3}, new double[] {0.02, 0.02}), cands);
        List<String> restricted = new ArrayList<>(args);
        restricted.addAll(List.of("--candidates", cands.toString()));
        Cli.Result rc = Cli.run(restricted.toArray(new String[0]));
        assertThat(rc.exitCode()).as(rc.err()).isZero();
        for (Gaussian g : GmmJson.read(rc.out()).components()) {
            assertThat(g.mean(0)).isIn(0.2, -0.3);
        }
    }

    @Test
    void badInputIsExitCodeTwoWithOneLine() {
        assertThat(assertBadInput(Cli.run("distance", "--source", single.toString(), "--target", plane.toString())))
                .contains("dimension 1").contains("dimension 2");
        assertThat(assertBadInput(Cli.run("distance", "--source", single.toString(), "--target", pair.toString(),
                "--solver", "nope"))).contains("nope");
        assertThat(assertBadInput(Cli.run("distance", "--source", single.toString()))).contains("--target");
        assertThat(assertBadInput(Cli.run("geodesic", "--source", single.toString(), "--target", pair.toString(),
                "--t", "1.5"))).contains("--t must be in [0, 1]");
        assertThat(assertBadInput(Cli.run("barycenter", "--inputs", single.toString(), pair.toString(),
                "--lambdas", "1"))).contains("2 files").contains("1 weights");
        assertThat(assertBadInput(Cli.run("barycenter", "--inputs", single.toString(), pair.toString(),
                "--lambdas", "1.5", "-0.5"))).contains("lambda 1");
        assertThat(assertBadInput(Cli.run("barycenter", "--inputs", single.toString(), pair.toString(),
                "--lambdas", "0.5", "0.6"))).contains("sum to 1.1");
        assertThat(assertBadInput(Cli.run("barycenter", "--inputs", single.toString(), plane.toString(),
                "--lambdas", "0.5", "0.5"))).contains("dimension 2");
        assertThat(assertBadInput(Cli.run("barycenter", "--inputs", dir.resolve("missing.json").toString(),
                "--lambdas", "1"))).contains("missing.json");
        Path out = dir.resolve("never.json");
        assertBadInput(Cli.run("geodesic", "--source", single.toString(), "--target", plane.toString(), "--t", "0.5",
                "--out", out.toString()));
        assertThat(Files.exists(out)).isFalse();
    }
}
