package io.gmmflow.cli;

import static io.gmmflow.cli.BadInputAssert.assertBadInput;
import static org.assertj.core.api.Assertions.assertThat;

import io.gmmflow.core.io.GmmJson;
import io.gmmflow.core.io.PointsCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCommandTest {

    @TempDir
    Path dir;

    private Path gmm;

    @BeforeEach
    void writeMixture() {
        gmm = dir.resolve("source.json");
        GmmJson.write(DemoMixtures.SOURCE, gmm);
    }

    @Test
    void printsTheSameRowsForASeedAndTheyAreTheLibrarySamples() {
        Cli.Result a = Cli.run("sample", "--gmm", gmm.toString(), "--n", "5", "--seed", "1");
        Cli.Result b = Cli.run("sample", "--gmm", gmm.toString(), "--n", "5", "--seed", "1");
        assertThat(a.exitCode()).isZero();
        assertThat(a.err()).isEmpty();
        assertThat(a.out()).isEqualTo(b.out());
        double[][] rows = PointsCsv.readPoints(a.out());
        assertThat(rows).isDeepEqualTo(DemoMixtures.SOURCE.sample(5, 1L));
        Cli.Result c = Cli.run("sample", "--gmm", gmm.toString(), "--n", "5", "--seed", "2");
        assertThat(c.out()).isNotEqualTo(a.out());
    }

    @Test
    void writesToOutAtomically() throws IOException {
        Path out = dir.resolve("points.csv");
        Cli.Result r = Cli.run("sample", "--gmm", gmm.toString(), "--n", "100", "--seed", "3", "--out", out.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(PointsCsv.readPoints(out)).isDeepEqualTo(DemoMixtures.SOURCE.sample(100, 3L));
    }

    @Test
    void badCountsAreBadInput() {
        assertThat(assertBadInput(Cli.run("sample", "--gmm", gmm.toString(), "--n", "0")))
                .isEqualTo("error: --n must be > 0, got 0 (see 'gmmflow sample --help')");
        assertThat(assertBadInput(Cli.run("sample", "--gmm", gmm.toString(), "--n", "-3")))
                .startsWith("error: --n must be > 0, got -3");
        assertThat(assertBadInput(Cli.run("sample", "--gmm", gmm.toString(), "--n", "many")))
                .startsWith("error: Invalid value for option '--n': 'many' is not an int");
        assertThat(assertBadInput(Cli.run("sample", "--n", "5")))
                .startsWith("error: Missing required option: '--gmm=FILE'");
        assertThat(assertBadInput(Cli.run("sample", "--gmm", gmm.toString(), "--n", "5", "--seed", "x")))
                .startsWith("error: Invalid value for option '--seed'");
    }

    @Test
    void aBadMixtureLeavesNoOutputFileBehind() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"weights\": [1], \"means\": [[0]], \"covariances\": [[[-1]]]}");
        Path out = dir.resolve("points.csv");
        String line = assertBadInput(Cli.run("sample", "--gmm", bad.toString(), "--n", "5", "--out", out.toString()));
        assertThat(line).isEqualTo("error: --gmm: " + bad
                + ": component 0: covariance is not positive definite (Cholesky pivot 0 is -1.0)");
        assertThat(out).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("source.json", "bad.json");
        }
    }

    @Test
    void anUnwritableOutIsBadInput() {
        Path out = dir.resolve("no/such/dir/points.csv");
        assertThat(assertBadInput(Cli.run("sample", "--gmm", gmm.toString(), "--n", "5", "--out", out.toString())))
                .isEqualTo("error: cannot write " + out + ": no such file or directory");
    }

    @Test
    void weightZeroComponentsAreNeverSampled() throws IOException {
        Path file = dir.resolve("w0.json");
        Files.writeString(file, """
                {"weights": [0, 1], "means": [[100], [0]], "covariances": [1, 1], "covarianceType": "spherical"}""");
        double[][] rows = PointsCsv.readPoints(Cli.run("sample", "--gmm", file.toString(), "--n", "2000").out());
        // N(0, 1) draws: |x| < 10 always (P(|x| > 10) ~ 1e-23); a draw from N(100, 1) would be near 100.
        for (double[] x : rows) {
            assertThat(Math.abs(x[0])).isLessThan(10);
        }
    }
}
