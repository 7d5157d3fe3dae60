package io.gmmflow.cli;

import static io.gmmflow.cli.BadInputAssert.assertBadInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Parameters;
import io.gmmflow.core.fit.FitSettings;
import io.gmmflow.core.fit.GmmFitter;
import io.gmmflow.core.io.GmmJson;
import io.gmmflow.core.io.PointsCsv;
import io.gmmflow.core.registry.PluginRegistry;
import io.gmmflow.omt.OmtResult;
import io.gmmflow.omt.OptimalMixtureTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fit}, {@code omt} and {@code map} in-process: outputs equal the library's, bad input exits 2. */
class OmtCommandsTest {

    @TempDir
    Path dir;

    private Path source;
    private Path target;
    private Path points;

    @BeforeEach
    void files() {
        source = dir.resolve("source.json");
        target = dir.resolve("target.json");
        points = dir.resolve("points.csv");
        GmmJson.write(DemoMixtures.SOURCE, source);
        GmmJson.write(DemoMixtures.TARGET, target);
        PointsCsv.writePoints(DemoMixtures.SOURCE.sample(300, 1L), points);
    }

    @Test
    void fitPrintsTheLibrarysMixture() {
        Cli.Result r = Cli.run("fit", "--data", points.toString(), "--components", "3", "--covariance", "diag",
                "--seed", "4");
        assertThat(r.exitCode()).as(r.err()).isZero();
        GaussianMixture printed = GmmJson.read(r.out());
        GaussianMixture direct = new GmmFitter().fit(PointsCsv.readPoints(points),
                FitSettings.of(3, CovarianceType.DIAGONAL, 4)).mixture();
        assertThat(printed.size()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(printed.weight(i)).isCloseTo(direct.weight(i), within(1e-15));
            assertThat(printed.component(i).mean()).containsExactly(direct.component(i).mean(), within(1e-15));
            assertThat(printed.component(i).covarianceType()).isEqualTo(CovarianceType.DIAGONAL);
        }
    }

    @Test
    void fitBadInputExitsTwo() throws IOException {
        assertThat(assertBadInput(Cli.run("fit", "--data", points.toString(), "--components", "301")))
                .contains("cannot fit 301 components to 300 points");
        Path nan = dir.resolve("nan.csv");
        Files.writeString(nan, "1,2\n3,NaN\n");
        assertThat(assertBadInput(Cli.run("fit", "--data", nan.toString(), "--components", "1")))
                .startsWith("error: --data: ").contains("line 2");
        Path mixed = dir.resolve("mixed.csv");
        Files.writeString(mixed, "1,2\n3,4,5\n");
        assertThat(assertBadInput(Cli.run("fit", "--data", mixed.toString(), "--components", "1")))
                .contains("line 2 has 3 columns but line 1 has 2");
        assertThat(assertBadInput(Cli.run("fit", "--data", points.toString(), "--components", "2", "--covariance", "tied")))
                .contains("unknown covariance type 'tied'");
        assertThat(assertBadInput(Cli.run("fit", "--data", points.toString(), "--components", "0")))
                .contains("components must be >= 1, got 0");
    }

    @Test
    void omtPrintsTheContractKeysWithTheLibrarysNumbers() throws IOException {
        Cli.Result r = Cli.run("omt", "--source", source.toString(), "--target", target.toString(), "--eps1", "0.1",
                "--eps2", "0.05");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.fieldNames()).toIterable().contains("weights", "cost", "pairCosts", "status", "transportCost");
        OmtResult direct = OptimalMixtureTransport.omt(PluginRegistry.fromServiceLoader().couplingSolver("sinkhorn"))
                .solve(DemoMixtures.SOURCE, DemoMixtures.TARGET, Parameters.of("eps1", 0.1, "eps2", 0.05));
        assertThat(json.get("status").asText()).isEqualTo("CONVERGED");
        assertThat(json.get("cost").asDouble()).isEqualTo(direct.objective());
        double[][] w = direct.weights();
        double[][] l = direct.pairCosts();
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w[i].length; j++) {
                assertThat(json.get("weights").get(i).get(j).asDouble()).isEqualTo(w[i][j]);
                assertThat(json.get("pairCosts").get(i).get(j).asDouble()).isEqualTo(l[i][j]);
            }
        }
        Cli.Result g = Cli.run("omt", "--source", source.toString(), "--target", target.toString(), "--method", "gmm-ot");
        assertThat(g.exitCode()).as(g.err()).isZero();
        JsonNode gj = new ObjectMapper().readTree(g.out());
        assertThat(gj.get("solver").asText()).isEqualTo("emd");
        assertThat(gj.get("eps2").isNull()).isTrue();
    }

    @Test
    void omtBadRegularizationExitsTwo() {
        for (String bad : new String[] {"0", "-1", "NaN"}) {
            assertThat(assertBadInput(Cli.run("omt", "--source", source.toString(), "--target", target.toString(),
                    "--eps1", bad))).contains("eps1");
            assertThat(assertBadInput(Cli.run("omt", "--source", source.toString(), "--target", target.toString(),
                    "--eps2", bad))).contains("eps2");
        }
        assertThat(assertBadInput(Cli.run("omt", "--source", source.toString(), "--target", target.toString(),
                "--method", "magic"))).contains("unknown method 'magic'");
        assertThat(assertBadInput(Cli.run("omt", "--source", source.toString(), "--target", target.toString(),
                "--solver", "nope"))).contains("nope");
    }

    @Test
    void costCommandMapsEpsilonToTheEntropicCostsEps1() throws IOException {
        Cli.Result r = Cli.run("cost", "--cost", "entropic", "--source", source.toString(), "--target", target.toString(),
                "--epsilon", "0.3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode m = new ObjectMapper().readTree(r.out()).get("matrix");
        double[][] expected = new io.gmmflow.omt.EntropicCost().matrix(DemoMixtures.SOURCE, DemoMixtures.TARGET,
                Parameters.of("eps1", 0.3));
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertThat(m.get(i).get(j).asDouble()).isEqualTo(expected[i][j]);
            }
        }
        assertThat(assertBadInput(Cli.run("cost", "--cost", "entropic", "--source", source.toString(), "--target",
                target.toString(), "--epsilon", "0"))).contains("eps1");
    }

    @Test
    void mapPrintsTheLibrarysImagesInInputOrder() {
        double[][] x = PointsCsv.readPoints(points);
        OmtResult direct = OptimalMixtureTransport.omt(PluginRegistry.fromServiceLoader().couplingSolver("sinkhorn"))
                .solve(DemoMixtures.SOURCE, DemoMixtures.TARGET, Parameters.of("eps1", 0.2, "eps2", 0.1));
        Cli.Result f = Cli.run("map", "--method", "omt", "--direction", "forward", "--source", source.toString(),
                "--target", target.toString(), "--points", points.toString(), "--eps1", "0.2", "--eps2", "0.1");
        assertThat(f.exitCode()).as(f.err()).isZero();
        assertThat(PointsCsv.readPoints(f.out())).isDeepEqualTo(direct.plan().forward(x));
        Cli.Result rnd = Cli.run("map", "--method", "omt", "--direction", "random", "--source", source.toString(),
                "--target", target.toString(), "--points", points.toString(), "--eps1", "0.2", "--eps2", "0.1",
                "--seed", "9");
        assertThat(PointsCsv.readPoints(rnd.out())).isDeepEqualTo(direct.plan().randomForward(x, 9));
        Cli.Result b = Cli.run("map", "--method", "gmm-ot", "--direction", "backward", "--source", source.toString(),
                "--target", target.toString(), "--points", points.toString());
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(PointsCsv.readPoints(b.out())).hasSameDimensionsAs(x);
    }

    @Test
    void mapBadInputExitsTwo() throws IOException {
        Path wrongDim = dir.resolve("p3.csv");
        Files.writeString(wrongDim, "1,2,3\n");
        assertThat(assertBadInput(Cli.run("map", "--method", "omt", "--source", source.toString(), "--target",
                target.toString(), "--points", wrongDim.toString()))).contains("point 0 has dimension 3");
        assertThat(assertBadInput(Cli.run("map", "--method", "omt", "--direction", "sideways", "--source",
                source.toString(), "--target", target.toString(), "--points", points.toString())))
                .contains("unknown direction 'sideways'");
        assertThat(assertBadInput(Cli.run("map", "--method", "omt", "--source", source.toString(), "--target",
                target.toString(), "--points", points.toString(), "--eps1", "-0.5"))).contains("eps1");
    }
}
