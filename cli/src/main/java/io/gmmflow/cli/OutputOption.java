package io.gmmflow.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Mixin: {@code --out FILE}, where the command's result goes (default standard output). */
public final class OutputOption {

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the result to FILE (atomically) instead of standard output.")
    private Path out;

    /** The output file, or null for standard output. */
    public Path file() {
        return out;
    }
}
