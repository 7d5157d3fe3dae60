package io.gmmflow.cli;

import static io.gmmflow.cli.BadInputAssert.assertBadInput;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnoseCommandTest {

    @TempDir
    Path dir;

    /** Seed 000 Table II row 1 (Sigma0 = 1, Sigma1 = 4, |dmu| = 2) as pair (0, 0), and a local commuting pair as (0, 1). */
    @Test
    void printsTheDiagnosticsOfEveryPair() throws Exception {
        Path s = Files.writeString(dir.resolve("s.json"), "{\"weights\":[1],\"means\":[[0]],\"covariances\":[[[1]]]}");
        Path t = Files.writeString(dir.resolve("t.json"),
                "{\"weights\":[0.5,0.5],\"means\":[[2],[0.5]],\"covariances\":[[[4]],[[1.2]]]}");
        Cli.Result r = Cli.run("diagnose", "--source", s.toString(), "--target", t.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode pairs = new ObjectMapper().readTree(r.out()).get("pairs");
        assertThat(pairs.size()).isEqualTo(2);
        JsonNode row1 = pairs.get(0);
        assertThat(row1.get("i").asInt()).isZero();
        assertThat(row1.get("j").asInt()).isZero();
        assertThat(row1.get("rhoHat").asDouble()).isEqualTo(3.0);
        assertThat(row1.get("kappa").asDouble()).isEqualTo(1.0);
        assertThat(row1.get("deltaSigmaNorm").asDouble()).isEqualTo(3.0);
        assertThat(row1.get("comm").asDouble()).isEqualTo(0.0);
        assertThat(row1.get("quadratic").asDouble()).isEqualTo(2.25);
        assertThat(row1.get("w2").asDouble()).isEqualTo(5.0);
        assertThat(Math.round(row1.get("surrogate").asDouble() * 100)).isEqualTo(504);
        assertThat(Math.round(row1.get("gap").asDouble() * 100)).isEqualTo(4);
        assertThat(row1.get("cubicBound").isNull()).isTrue();
        assertThat(row1.get("cubicBoundApplicable").asBoolean()).isFalse();
        assertThat(row1.get("splitSegments").asLong()).isEqualTo(4);
        assertThat(row1.get("recommended").asText()).isEqualTo("surrogate");
        assertThat(row1.get("reason").asText()).isNotBlank();
        JsonNode local = pairs.get(1);
        assertThat(local.get("j").asInt()).isEqualTo(1);
        assertThat(local.get("rhoHat").asDouble()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(local.get("cubicBound").isNumber()).isTrue();
        assertThat(local.get("cubicBoundGuaranteed").asBoolean()).isTrue();
        assertThat(Math.abs(local.get("gap").asDouble())).isLessThanOrEqualTo(local.get("cubicBound").asDouble());
    }

    @Test
    void badInputIsExitCodeTwo() throws Exception {
        Path s = Files.writeString(dir.resolve("s.json"), "{\"weights\":[1],\"means\":[[0]],\"covariances\":[[[1]]]}");
        Path two = Files.writeString(dir.resolve("two.json"),
                "{\"weights\":[1],\"means\":[[0,0]],\"covariances\":[[[1,0],[0,1]]]}");
        Path singular = Files.writeString(dir.resolve("singular.json"), "{\"weights\":[1],\"means\":[[0]],\"covariances\":[[[0]]]}");
        assertThat(assertBadInput(Cli.run("diagnose", "--source", s.toString(), "--target", two.toString())))
                .contains("dimension 1").contains("dimension 2");
        assertThat(assertBadInput(Cli.run("diagnose", "--source", s.toString(), "--target", singular.toString())))
                .contains("--target");
        assertThat(assertBadInput(Cli.run("diagnose", "--source", s.toString(), "--target", s.toString(),
                "--tolerance", "-1"))).contains("--tolerance");
    }
}
