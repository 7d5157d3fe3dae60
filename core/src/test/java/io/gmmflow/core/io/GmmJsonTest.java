package io.gmmflow.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GmmJsonTest {

    private static final String FULL = """
            {"weights": [0.25, 0.75],
             "means": [[0, 0], [3, -1]],
             "covariances": [[[1, 0], [0, 1]], [[2, 0.5], [0.5, 1]]],
             "covarianceType": "full"}
            """;

    /** A valid two-component 2-D file with {@code replace} substituted for {@code find}. */
    private static String variant(String find, String replace) {
        assertThat(FULL).contains(find);
        return FULL.replace(find, replace);
    }

    // ------------------------------------------------------------------ reading valid files

    @Test
    void readsFullDiagonalAndSphericalCovariances() {
        GaussianMixture m = GmmJson.read(FULL);
        assertThat(m.size()).isEqualTo(2);
        assertThat(m.dimension()).isEqualTo(2);
        assertThat(m.weights()).containsExactly(0.25, 0.75);
        assertThat(m.component(1).mean()).containsExactly(3, -1);
        assertThat(m.component(1).covariance()).isDeepEqualTo(new double[][] {{2, 0.5}, {0.5, 1}});

        GaussianMixture diag = GmmJson.read("""
                {"weights": [1], "means": [[1, 2, 3]], "covariances": [[1, 2, 3]], "covarianceType": "diag"}""");
        assertThat(diag.component(0).covarianceType()).isEqualTo(CovarianceType.DIAGONAL);
        assertThat(diag.component(0).variances()).containsExactly(1, 2, 3);

        GaussianMixture sph = GmmJson.read("""
                {"weights": [0.5, 0.5], "means": [[0], [1]], "covariances": [2.5, 0.5], "covarianceType": "spherical"}""");
        assertThat(sph.component(0).covarianceType()).isEqualTo(CovarianceType.SPHERICAL);
        assertThat(sph.component(1).covariance(0, 0)).isEqualTo(0.5);
    }

    @Test
    void absentCovarianceTypeMeansFull() {
        GaussianMixture m = GmmJson.read(FULL.replace(",\n \"covarianceType\": \"full\"", ""));
        assertThat(m).isEqualTo(GmmJson.read(FULL));
        assertThat(m.component(0).covarianceType()).isEqualTo(CovarianceType.FULL);
    }

    @Test
    void weightZeroComponentsAreValid() {
        GaussianMixture m = GmmJson.read(variant("[0.25, 0.75]", "[0, 1]"));
        assertThat(m.weight(0)).isZero();
    }

    @Test
    void writesOneComponentPerLine() {
        GaussianMixture m = GmmJson.read(FULL);
        assertThat(GmmJson.write(m)).isEqualTo("""
                {
                  "weights": [0.25, 0.75],
                  "means": [
                    [0.0, 0.0],
                    [3.0, -1.0]
                  ],
                  "covariances": [
                    [[1.0, 0.0], [0.0, 1.0]],
                    [[2.0, 0.5], [0.5, 1.0]]
                  ],
                  "covarianceType": "full"
                }
                """);
        GaussianMixture sph = GaussianMixture.of(Gaussian.spherical(new double[] {1e-3, -0.0}, 2));
        assertThat(GmmJson.write(sph)).contains("\"covariances\": [\n    2.0\n  ]").contains("[0.001, -0.0]")
                .contains("\"covarianceType\": \"spherical\"");
        assertThat(GmmJson.read(GmmJson.write(sph))).isEqualTo(sph);
        assertThat(GmmJson.toTree(m).toString()).isEqualTo("{\"weights\":[0.25,0.75],\"means\":[[0.0,0.0],[3.0,-1.0]],"
                + "\"covariances\":[[[1.0,0.0],[0.0,1.0]],[[2.0,0.5],[0.5,1.0]]],\"covarianceType\":\"full\"}");
    }

    @Test
    void mixedCovarianceKindsAreWrittenAsFull() {
        GaussianMixture mixed = GaussianMixture.of(new double[] {0.5, 0.5}, List.of(
                Gaussian.diagonal(new double[] {0, 0}, new double[] {1, 2}),
                Gaussian.spherical(new double[] {1, 1}, 3)));
        assertThat(GmmJson.writtenType(mixed)).isEqualTo(CovarianceType.FULL);
        GaussianMixture back = GmmJson.read(GmmJson.write(mixed));
        for (int i = 0; i < 2; i++) {
            assertThat(back.component(i).covarianceType()).isEqualTo(CovarianceType.FULL);
            assertThat(back.component(i).covariance()).isDeepEqualTo(mixed.component(i).covariance());
            assertThat(back.component(i).mean()).containsExactly(mixed.component(i).mean());
        }
    }

    // ------------------------------------------------------------------ bad input, one message each

    private static void fails(String json, String message) {
        assertThatThrownBy(() -> GmmJson.read(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void covarianceNotSymmetric() {
        fails(variant("[[2, 0.5], [0.5, 1]]", "[[2, 0.5], [0.4, 1]]"),
                "component 1: covariance is not symmetric: entry (0, 1) = 0.5 but (1, 0) = 0.4");
    }

    @Test
    void covarianceNotPositiveDefinite() {
        // Second pivot of [[1, 1.5], [1.5, 1.75]] is 1.75 - 1.5^2 = -0.5.
        fails(variant("[[2, 0.5], [0.5, 1]]", "[[1, 1.5], [1.5, 1.75]]"),
                "component 1: covariance is not positive definite (Cholesky pivot 1 is -0.5)");
        fails("""
                {"weights": [1], "means": [[0, 0]], "covariances": [[1, 0]], "covarianceType": "diag"}""",
                "component 0: covariance is not positive definite (variance 1 is 0.0)");
        fails("""
                {"weights": [1], "means": [[0, 0]], "covariances": [-1], "covarianceType": "spherical"}""",
                "component 0: covariance is not positive definite (variance is -1.0)");
    }

    @Test
    void covarianceWithNaNOrInfiniteEntries() {
        fails(variant("[[1, 0], [0, 1]]", "[[1, NaN], [NaN, 1]]"),
                "component 0: covariance entry (0, 1) is not finite (NaN)");
        fails(variant("[[1, 0], [0, 1]]", "[[Infinity, 0], [0, 1]]"),
                "component 0: covariance entry (0, 0) is not finite (Infinity)");
        fails(variant("[[1, 0], [0, 1]]", "[[1, 0], [0, 1e999]]"),
                "component 0: covariance entry (1, 1) is not finite (Infinity)");
        fails(variant("[[1, 0], [0, 1]]", "[[1, 0], [0, -Infinity]]"),
                "component 0: covariance entry (1, 1) is not finite (-Infinity)");
    }

    @Test
    void meanOfTheWrongLength() {
        fails(variant("[3, -1]", "[3, -1, 2]"),
                "component 1: mean has length 3 but component 0's mean has length 2");
        fails("""
                {"weights": [1], "means": [[0, 0, 0]], "covariances": [[[1, 0], [0, 1]]]}""",
                "component 0: covariance has 2 rows but the mean has length 3");
        fails("""
                {"weights": [1], "means": [[0, 0]], "covariances": [[1, 2, 3]], "covarianceType": "diag"}""",
                "component 0: diagonal covariance has 3 variances but the mean has length 2");
        fails(variant("[[2, 0.5], [0.5, 1]]", "[[2, 0.5], [0.5, 1, 0]]"),
                "component 1: covariance row 1 has 3 entries, expected 2");
        fails(variant("[0, 0]", "[0, NaN]"), "component 0: mean entry 1 is not finite (NaN)");
    }

    @Test
    void badWeights() {
        fails(variant("[0.25, 0.75]", "[1.5, -0.5]"), "component 1: weight is negative (-0.5)");
        fails(variant("[0.25, 0.75]", "[NaN, 0.75]"), "component 0: weight is not finite (NaN)");
        fails(variant("[0.25, 0.75]", "[0.25, 0.65]"), "weights sum to 0.9, not 1 (tolerance 1.0E-9)");
        // 1e-9 relative: 1 + 5e-10 is accepted, 1 + 2e-9 is not.
        assertThat(GmmJson.read(variant("[0.25, 0.75]", "[0.25, 0.7500000005]")).weight(1)).isEqualTo(0.7500000005);
        assertThatThrownBy(() -> GmmJson.read(variant("[0.25, 0.75]", "[0.25, 0.750000002]")))
                .hasMessageStartingWith("weights sum to 1.00000000");
    }

    @Test
    void emptyMixture() {
        fails("{\"weights\": [], \"means\": [], \"covariances\": []}",
                "mixture is empty: it needs at least one component");
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        assertThatThrownBy(() -> GmmJson.read("{\"weights\": [1,]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed JSON at line 1, column 16: ");
        assertThatThrownBy(() -> GmmJson.read(FULL.replace("[3, -1]]", "[3, -1]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed JSON at line 3, column ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        fails("", "malformed JSON: the input is empty");
        assertThatThrownBy(() -> GmmJson.read(FULL + " {}"))
                .hasMessageStartingWith("malformed JSON at line 5, column ");
        assertThatThrownBy(() -> GmmJson.read("{\"weights\": [1], \"weights\": [1]}"))
                .hasMessageStartingWith("malformed JSON at line 1, column ")
                .hasMessageContaining("Duplicate field 'weights'");
    }

    @Test
    void missingOrUnknownKeys() {
        fails("{\"means\": [[0]], \"covariances\": [1]}", "missing key 'weights'");
        fails("{\"weights\": [1], \"covariances\": [1]}", "missing key 'means'");
        fails("{\"weights\": [1], \"means\": [[0]]}", "missing key 'covariances'");
        fails(variant("\"covarianceType\"", "\"covariance_type\""),
                "unknown key 'covariance_type' (expected weights, means, covariances and optionally covarianceType)");
    }

    @Test
    void valuesOfTheWrongTypeOrShape() {
        fails("[1, 2]", "expected a JSON object with keys weights, means, covariances, found an array ([1,2])");
        fails(variant("[0.25, 0.75]", "\"0.25, 0.75\""), "'weights' must be an array, found a string (\"0.25, 0.75\")");
        fails(variant("[3, -1]", "[3, \"x\"]"), "'means[1][1]' must be a number, found a string (\"x\")");
        fails(variant("[3, -1]", "3"), "'means[1]' must be an array, found a number (3)");
        fails(variant("[[1, 0], [0, 1]]", "[[1, 0], [0, null]]"), "'covariances[0][1][1]' must be a number, found null");
        fails(variant("\"full\"", "1"), "'covarianceType' must be a string (full, diag or spherical), found a number (1)");
        fails(variant("\"full\"", "\"dense\""), "unknown covariance type 'dense' (expected full, diag or spherical)");
        fails(variant("[0.25, 0.75]", "[1]"), "'weights' has 1 entries, 'means' 2 and 'covariances' 2: one each per component");
        fails("""
                {"weights": [1], "means": [[0, 0]], "covariances": [[1, 1]], "covarianceType": "spherical"}""",
                "'covariances[0]' must be a number, found an array ([1,1])");
        assertThat(GmmJson.read(variant("\"full\"", "\"FULL\"")).size()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ files

    @Test
    void fileErrorsNameTheFile(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, variant("[0.25, 0.75]", "[1.5, -0.5]"));
        assertThatThrownBy(() -> GmmJson.read(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(bad + ": component 1: weight is negative (-0.5)");
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> GmmJson.read(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read " + missing + ": no such file or directory");
        assertThatThrownBy(() -> GmmJson.read(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read " + dir + ": ");
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, new byte[] {'{', (byte) 0xE9, '}'});
        assertThatThrownBy(() -> GmmJson.read(latin1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read " + latin1 + ": not UTF-8 text");
    }

    @Test
    void writesAndReadsFiles(@TempDir Path dir) {
        GaussianMixture m = GmmJson.read(FULL);
        Path file = dir.resolve("m.json");
        GmmJson.write(m, file);
        assertThat(GmmJson.read(file)).isEqualTo(m);
    }
}
