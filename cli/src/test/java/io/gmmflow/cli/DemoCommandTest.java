package io.gmmflow.cli;

import static io.gmmflow.cli.BadInputAssert.assertBadInput;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmmflow.core.io.GmmJson;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void writesTheMixturesAPlotAndASummary(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo");
        Cli.Result r = Cli.run("demo", "--out-dir", out.toString(), "--samples", "4000", "--seed", "5");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();

        assertThat(GmmJson.read(out.resolve("source.json"))).isEqualTo(DemoMixtures.SOURCE);
        assertThat(GmmJson.read(out.resolve("target.json"))).isEqualTo(DemoMixtures.TARGET);
        BufferedImage png = ImageIO.read(out.resolve("samples.png").toFile());
        assertThat(png.getWidth()).isEqualTo(900);
        assertThat(png.getHeight()).isEqualTo(650);

        JsonNode s = new ObjectMapper().readTree(r.out());
        assertThat(s.get("files")).hasSize(9);
        assertThat(s.get("samples").asInt()).isEqualTo(4000);
        // The summary's sample means come from 4000 draws: within 5 standard errors of the exact
        // means (SE = sqrt(Var_k / 4000), Var_k from the mixture's covariance).
        for (String which : new String[] {"source", "target"}) {
            var m = which.equals("source") ? DemoMixtures.SOURCE : DemoMixtures.TARGET;
            double[][] cov = m.covariance();
            for (int k = 0; k < 2; k++) {
                double exact = s.get(which).get("mean").get(k).asDouble();
                assertThat(exact).isEqualTo(m.mean()[k]);
                double se = Math.sqrt(cov[k][k] / 4000);
                assertThat(Math.abs(s.get(which).get("sampleMean").get(k).asDouble() - exact)).isLessThan(5 * se);
            }
        }
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("source.json", "target.json", "samples.png",
                            "trajectories-surrogate.png", "density-surrogate.png", "pushed-surrogate.csv",
                            "trajectories-exact.png", "density-exact.png", "pushed-exact.csv");
        }
        // Both methods: converged couplings; the exact mixture cost (W2^2 costs) is at most the
        // surrogate's, since W2^2 <= C pair by pair (seed 000 Section III) and both couple the
        // same weights with the same solver; the pushed clouds' means are the target's within 5 SE.
        JsonNode methods = s.get("methods");
        assertThat(methods.get("surrogate").get("couplingStatus").asText()).isEqualTo("CONVERGED");
        assertThat(methods.get("exact").get("couplingStatus").asText()).isEqualTo("CONVERGED");
        assertThat(methods.get("exact").get("mixtureCost").asDouble())
                .isLessThanOrEqualTo(methods.get("surrogate").get("mixtureCost").asDouble());
        double[][] cov = DemoMixtures.TARGET.covariance();
        for (String m : new String[] {"surrogate", "exact"}) {
            for (int k = 0; k < 2; k++) {
                double se = Math.sqrt(cov[k][k] / 4000);
                assertThat(Math.abs(methods.get(m).get("pushedMean").get(k).asDouble() - DemoMixtures.TARGET.mean()[k]))
                        .as("%s pushed mean %d", m, k).isLessThan(5 * se);
            }
        }
        // Per pair advice with its reason (3 x 2 pairs).
        assertThat(s.get("pairs")).hasSize(6);
        for (JsonNode p : s.get("pairs")) {
            assertThat(p.get("recommended").asText()).isIn("surrogate", "exact");
            assertThat(p.get("reason").asText()).isNotBlank();
            assertThat(p.get("gap").asDouble()).isGreaterThanOrEqualTo(-1e-12);
        }
        BufferedImage dens = ImageIO.read(out.resolve("density-exact.png").toFile());
        assertThat(dens.getWidth()).isGreaterThan(900);
    }

    @Test
    void badOptionsAreBadInput(@TempDir Path dir) throws Exception {
        assertThat(assertBadInput(Cli.run("demo", "--out-dir", dir.toString(), "--samples", "0")))
                .startsWith("error: --samples must be > 0, got 0");
        Path blocked = Files.writeString(dir.resolve("file"), "not a directory");
        assertThat(assertBadInput(Cli.run("demo", "--out-dir", blocked.toString())))
                .startsWith("error: cannot create directory " + blocked + ": ");
    }
}
