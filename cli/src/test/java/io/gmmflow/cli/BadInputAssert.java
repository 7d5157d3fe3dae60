package io.gmmflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI.md contract for bad input: exit 2, nothing on stdout, exactly one stderr line "error: ...". */
final class BadInputAssert {

    private BadInputAssert() {
    }

    static String assertBadInput(Cli.Result r) {
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isEqualTo(2);
        assertThat(r.out()).as("stdout").isEmpty();
        assertThat(r.errLines()).as("stderr lines").hasSize(1);
        assertThat(r.errLines()[0]).startsWith("error: ");
        return r.errLines()[0];
    }
}
