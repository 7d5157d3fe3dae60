package io.gmmflow.cli;

import static io.gmmflow.cli.BadInputAssert.assertBadInput;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmmflow.core.io.GmmJson;
import io.gmmflow.surrogate.SurrogateCost;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostCommandTest {

    @TempDir
    Path dir;

    static final String SOURCE = "{\"weights\":[0.4,0.6],\"means\":[[0,0],[1,2]],"
            + "\"covariances\":[[[1,0.2],[0.2,2]],[[0.5,0],[0,0.5]]]}";
    static final String TARGET = "{\"weights\":[0.3,0.3,0.4],\"means\":[[2,0],[0,1],[-1,-1]],"
            + "\"covariances\":[[[2,0.5],[0.5,1]],[[1,0],[0,1]],[[0.3,-0.1],[-0.1,0.8]]]}";

    @Test
    void surrogateMatrixMatchesThePlugin() throws Exception {
        Path s = Files.writeString(dir.resolve("s.json"), SOURCE);
        Path t = Files.writeString(dir.resolve("t.json"), TARGET);
        Cli.Result r = Cli.run("cost", "--cost", "surrogate", "--source", s.toString(), "--target", t.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("cost").asText()).isEqualTo("surrogate");
        double[][] expected = new SurrogateCost().matrix(GmmJson.read(SOURCE), GmmJson.read(TARGET));
        JsonNode m = json.get("matrix");
        assertThat(m.size()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            assertThat(m.get(i).size()).isEqualTo(3);
            for (int j = 0; j < 3; j++) {
                // doubles are printed so that they parse back exactly
                assertThat(m.get(i).get(j).asDouble()).isEqualTo(expected[i][j]);
            }
        }
        Path out = dir.resolve("c.json");
        Cli.Result toFile = Cli.run("cost", "--cost", "surrogate", "--source", s.toString(), "--target", t.toString(),
                "--out", out.toString());
        assertThat(toFile.exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(out.toFile())).isEqualTo(json);
    }

    @Test
    void badInputIsExitCodeTwo() throws Exception {
        Path s = Files.writeString(dir.resolve("s.json"), SOURCE);
        Path t = Files.writeString(dir.resolve("t.json"), TARGET);
        Path three = Files.writeString(dir.resolve("three.json"),
                "{\"weights\":[1],\"means\":[[0,0,0]],\"covariances\":[[[1,0,0],[0,1,0],[0,0,1]]]}");
        assertThat(assertBadInput(Cli.run("cost", "--cost", "nope", "--source", s.toString(), "--target", t.toString())))
                .contains("nope");
        assertThat(assertBadInput(Cli.run("cost", "--cost", "surrogate", "--source", s.toString(), "--target",
                t.toString(), "--epsilon", "0.1"))).contains("--epsilon: cost 'surrogate' has no parameter 'epsilon'");
        assertThat(assertBadInput(Cli.run("cost", "--cost", "surrogate", "--source", s.toString(), "--target",
                three.toString()))).contains("dimension 2").contains("dimension 3");
        assertThat(assertBadInput(Cli.run("cost", "--cost", "surrogate", "--source", dir.resolve("missing.json").toString(),
                "--target", t.toString()))).contains("--source");
        Path out = dir.resolve("never.json");
        assertBadInput(Cli.run("cost", "--cost", "surrogate", "--source", s.toString(), "--target", three.toString(),
                "--out", out.toString()));
        assertThat(out).doesNotExist();
    }
}
