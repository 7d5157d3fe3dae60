package io.gmmflow.cli;

import static io.gmmflow.cli.BadInputAssert.assertBadInput;
import static org.assertj.core.api.Assertions.assertThat;

import io.gmmflow.api.Parameters;
import io.gmmflow.core.io.GmmJson;
import io.gmmflow.core.io.PointsCsv;
import io.gmmflow.core.registry.PluginRegistry;
import io.gmmflow.core.transport.GmmTransport;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransportCommandTest {

    @TempDir
    Path dir;

    private Path source;
    private Path target;

    @BeforeEach
    void writeMixtures() {
        source = dir.resolve("source.json");
        target = dir.resolve("target.json");
        GmmJson.write(DemoMixtures.SOURCE, source);
        GmmJson.write(DemoMixtures.TARGET, target);
    }

    @Test
    void printsOneRowPerPointInInputOrderEqualToTheLibraryPush() throws Exception {
        Path pts = dir.resolve("p.csv");
        double[][] given = {{0, 0}, {1, -1}, {-2, 0.5}, {3, 3}};
        Files.writeString(pts, PointsCsv.writePoints(given));
        Cli.Result r = Cli.run("transport", "--method", "surrogate", "--source", source.toString(), "--target",
                target.toString(), "--points", pts.toString(), "--steps", "20");
        assertThat(r.exitCode()).as(r.err()).isZero();
        double[][] rows = PointsCsv.readPoints(r.out());
        double[][] expected = GmmTransport.builder(PluginRegistry.fromServiceLoader()).method("surrogate").build()
                .plan(DemoMixtures.SOURCE, DemoMixtures.TARGET).push(given, "rk4", Parameters.of("steps", 20));
        assertThat(rows).isDeepEqualTo(expected);
    }

    @Test
    void samplesArePushedDeterministicallyAndPlotted() throws Exception {
        Path png = dir.resolve("traj.png");
        Path out = dir.resolve("end.csv");
        Cli.Result r = Cli.run("transport", "--method", "surrogate", "--source", source.toString(), "--target",
                target.toString(), "--samples", "300", "--seed", "4", "--steps", "10", "--plot", png.toString(),
                "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        double[][] rows = PointsCsv.readPoints(out);
        assertThat(rows).hasNumberOfRows(300);
        assertThat(rows[0]).hasSize(2);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1000);
        Cli.Result again = Cli.run("transport", "--method", "surrogate", "--source", source.toString(), "--target",
                target.toString(), "--samples", "300", "--seed", "4", "--steps", "10");
        assertThat(PointsCsv.readPoints(again.out())).isDeepEqualTo(rows);
    }

    @Test
    void badInputExitsTwoAndWritesNothing() throws Exception {
        Path out = dir.resolve("never.csv");
        String[] common = {"--source", source.toString(), "--target", target.toString(), "--out", out.toString()};
        assertThat(assertBadInput(Cli.run(concat(new String[] {"transport", "--method", "teleport", "--samples", "5"}, common))))
                .contains("teleport").contains("surrogate");
        assertThat(assertBadInput(Cli.run(concat(new String[] {"transport", "--method", "surrogate", "--samples", "5",
            "--integrator", "leapfrog"}, common)))).contains("leapfrog").contains("rk4");
        assertThat(assertBadInput(Cli.run(concat(new String[] {"transport", "--method", "surrogate", "--samples", "0"}, common))))
                .contains("--samples must be > 0");
        assertThat(assertBadInput(Cli.run(concat(new String[] {"transport", "--method", "surrogate", "--samples", "5",
            "--steps", "0"}, common)))).contains("--steps must be > 0");
        Path pts3 = Files.writeString(dir.resolve("p3.csv"), "1,2,3\n");
        assertThat(assertBadInput(Cli.run(concat(new String[] {"transport", "--method", "surrogate", "--points",
            pts3.toString()}, common)))).contains("dimension 3").contains("dimension 2");
        assertThat(assertBadInput(Cli.run(concat(new String[] {"transport", "--method", "surrogate"}, common))))
                .contains("exactly one of --samples N and --points FILE");
        assertThat(assertBadInput(Cli.run(concat(new String[] {"transport", "--method", "surrogate", "--samples", "5",
            "--integrator", "euler", "--param", "rtol=1e-3"}, common)))).contains("integrator 'euler' has no parameter 'rtol'");
        assertThat(out).doesNotExist();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = new String[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
