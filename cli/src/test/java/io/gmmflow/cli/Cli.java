package io.gmmflow.cli;

import io.gmmflow.core.registry.PluginRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Supplier;

/** Runs gmmflow in-process with captured standard output and error. */
final class Cli {

    /** What one run produced. */
    record Result(int exitCode, String out, String err) {
        /** The standard error lines. */
        String[] errLines() {
            return err.isEmpty() ? new String[0] : err.split("\\R");
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        return run(PluginRegistry::fromServiceLoader, args);
    }

    static Result run(Supplier<PluginRegistry> registry, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GmmflowCommand.commandLine(new GmmflowCommand(registry), new PrintWriter(out, true),
                new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
