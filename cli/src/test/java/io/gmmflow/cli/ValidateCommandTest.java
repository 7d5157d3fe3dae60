package io.gmmflow.cli;

import static io.gmmflow.cli.BadInputAssert.assertBadInput;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code gmmflow validate} on a valid file and on one file for each kind of bad input. */
class ValidateCommandTest {

    @TempDir
    Path dir;

    private static final String VALID = """
            {"weights": [0.25, 0.75], "means": [[0, 0], [3, -1]],
             "covariances": [[[1, 0], [0, 1]], [[2, 0.5], [0.5, 1]]], "covarianceType": "full"}""";

    private static String valid(String find, String replace) {
        assertThat(VALID).contains(find);
        return VALID.replace(find, replace);
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("not symmetric", valid("[[2, 0.5], [0.5, 1]]", "[[2, 0.5], [0.4, 1]]"),
                        "component 1: covariance is not symmetric: entry (0, 1) = 0.5 but (1, 0) = 0.4"),
                Arguments.of("not positive definite", valid("[[2, 0.5], [0.5, 1]]", "[[1, 1.5], [1.5, 1.75]]"),
                        "component 1: covariance is not positive definite (Cholesky pivot 1 is -0.5)"),
                Arguments.of("NaN covariance entry", valid("[[1, 0], [0, 1]]", "[[1, NaN], [NaN, 1]]"),
                        "component 0: covariance entry (0, 1) is not finite (NaN)"),
                Arguments.of("infinite covariance entry", valid("[[1, 0], [0, 1]]", "[[1, 0], [0, 1e400]]"),
                        "component 0: covariance entry (1, 1) is not finite (Infinity)"),
                Arguments.of("mean of the wrong length", valid("[3, -1]", "[3, -1, 0]"),
                        "component 1: mean has length 3 but component 0's mean has length 2"),
                Arguments.of("negative weight", valid("[0.25, 0.75]", "[1.25, -0.25]"),
                        "component 1: weight is negative (-0.25)"),
                Arguments.of("NaN weight", valid("[0.25, 0.75]", "[NaN, 0.75]"),
                        "component 0: weight is not finite (NaN)"),
                Arguments.of("weights not summing to 1", valid("[0.25, 0.75]", "[0.25, 0.7]"),
                        "weights sum to 0.95, not 1 (tolerance 1.0E-9)"),
                Arguments.of("empty mixture", "{\"weights\": [], \"means\": [], \"covariances\": []}",
                        "mixture is empty: it needs at least one component"),
                Arguments.of("malformed JSON", valid("[3, -1]]", "[3, -1]"), "malformed JSON at line 2, column "),
                Arguments.of("misspelled key", valid("\"means\"", "\"mean\""), "unknown key 'mean'"),
                Arguments.of("missing key", "{\"weights\": [1], \"means\": [[0]]}", "missing key 'covariances'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFilesExitTwoWithOneErrorLineNamingFileAndProblem(String what, String json, String problem)
            throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, json);
        String line = assertBadInput(Cli.run("validate", file.toString()));
        assertThat(line).startsWith("error: " + file + ": " + problem);
    }

    @Test
    void weightZeroComponentsAreValid() throws IOException {
        Path file = dir.resolve("ok.json");
        Files.writeString(file, valid("[0.25, 0.75]", "[0, 1]"));
        Cli.Result r = Cli.run("validate", file.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("{\"valid\":true,\"components\":2,\"dimension\":2,\"covarianceType\":\"full\"}\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void unreadableOrMissingFileIsBadInput() {
        Path missing = dir.resolve("missing.json");
        assertThat(assertBadInput(Cli.run("validate", missing.toString())))
                .isEqualTo("error: cannot read " + missing + ": no such file or directory");
        assertThat(assertBadInput(Cli.run("validate"))).startsWith("error: Missing required parameter: 'FILE'");
    }
}
