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
        assertThat(s.get("files")).hasSize(3);
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
                    .containsExactlyInAnyOrder("source.json", "target.json", "samples.png");
        }
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
