package io.gmmflow.cli;

import static io.gmmflow.cli.BadInputAssert.assertBadInput;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmmflow.wim.Gmm1d;
import io.gmmflow.wim.InformationMatrices;
import io.gmmflow.wim.InformationMatrixQuadrature;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code gmmflow wim}: the CLI.md keys and values, overflow as null, and exit 2 for bad input. */
class WimCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void printsTheContractKeysWithTheLibraryValues() throws Exception {
        Cli.Result r = Cli.run("wim", "--weights", "0.2,0.5,0.3", "--means=-1,0,1", "--sigma", "0.1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode o = JSON.readTree(r.out());
        InformationMatrices im = InformationMatrixQuadrature.compute(
                Gmm1d.of(new double[] {-1, 0, 1}, 0.1, new double[] {0.2, 0.5, 0.3}));
        assertThat(o.get("logScale").asDouble()).isEqualTo(im.logScale());
        assertThat(o.get("scaling").asText()).isEqualTo("HOMOGENEOUS");
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertThat(o.get("wasserstein").get(i).get(j).asDouble()).isEqualTo(im.wasserstein()[i][j]);
                assertThat(o.get("wassersteinScaled").get(i).get(j).asDouble()).isEqualTo(im.wassersteinScaled()[i][j]);
                assertThat(o.get("wassersteinLimit").get(i).get(j).asDouble()).isEqualTo(im.wassersteinLimit()[i][j]);
                assertThat(o.get("fisher").get(i).get(j).asDouble()).isEqualTo(im.fisher()[i][j]);
                assertThat(o.get("fisherLimit").get(i).get(j).asDouble()).isEqualTo(im.fisherLimit()[i][j]);
            }
        }
        assertThat(o.get("converged").asBoolean()).isTrue();
    }

    @Test
    void overflowingEntriesAreNull() throws Exception {
        Cli.Result r = Cli.run("wim", "--weights", "0.5,0.5", "--means", "0,1", "--sigma", "0.01,0.01");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode o = JSON.readTree(r.out());
        assertThat(o.get("wasserstein").get(0).get(0).isNull()).isTrue();
        assertThat(o.get("logScale").asDouble()).isGreaterThan(709);
        // G_W / K = (1 + (pi^2/2) sigma^2/d^2 + O(sigma^4)) / sqrt(p1 p2) (Theorems 3 and 5); the sigma^4
        // term is 2 (5 pi^4/16) 1e-8 / sqrt(p1 p2) = 1.2e-6
        assertThat(o.get("wassersteinScaled").get(0).get(0).asDouble())
                .isCloseTo(2 * (1 + Math.PI * Math.PI / 2 * 1e-4), org.assertj.core.data.Offset.offset(3e-6));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "means not increasing; 0.2,0.5,0.3; 0,1,1; 0.1; mean 3",
        "sigma zero; 0.2,0.5,0.3; 0,1,2; 0; sigma 1",
        "sigma negative; 0.2,0.5,0.3; 0,1,2; 0.1,-0.1,0.1; sigma 2",
        "weight zero; 0.5,0.5,0; 0,1,2; 0.1; weight 3",
        "weights not summing to 1; 0.2,0.2,0.2; 0,1,2; 0.1; sum to",
        "one component; 1; 0; 0.1; N >= 2",
        "lengths differ; 0.5,0.5; 0,1,2; 0.1; same length",
        "not a number; 0.5,x; 0,1; 0.1; --weights",
    })
    void badInputExitsTwo(String what, String weights, String means, String sigma, String mentions) {
        String line = assertBadInput(Cli.run("wim", "--weights", weights, "--means", means, "--sigma", sigma));
        assertThat(line).contains(mentions);
    }
}
