package io.gmmflow.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmmflow.core.io.AtomicFiles;
import io.gmmflow.core.registry.PluginRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Base of every gmmflow subcommand: access to the shared plugin registry, standard output and
 * error, JSON printing (Jackson) and output that goes to standard output or, atomically, to a file.
 *
 * <p>A subcommand implements {@link #execute()} and returns 0; it signals bad input by throwing an
 * {@link IllegalArgumentException} (or {@link #badOption}), which {@link ErrorHandler} turns into
 * exit code 2 with one {@code error:} line. Output is built completely before it is written, so
 * a failure never leaves a half-written {@code --out} file.
 */
public abstract class AbstractCommand implements Callable<Integer> {

    /**
     * Compact JSON: one object on one line, doubles printed so they parse back exactly. Jackson
     * writes a non-finite double as the string "NaN" / "Infinity"; commands put {@code null} there
     * instead when a number is undefined (CLI.md's {@code cubicBound}, {@code wasserstein}).
     */
    protected static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    /** The command's work; returns the exit code (0). */
    protected abstract int execute() throws Exception;

    @Override
    public final Integer call() throws Exception {
        return execute();
    }

    /** The top-level command. */
    protected GmmflowCommand root() {
        return (GmmflowCommand) spec.root().userObject();
    }

    /** The plugins (loaded once per run). */
    protected PluginRegistry registry() {
        return root().registry();
    }

    /** Standard output (captured in tests). */
    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Standard error (captured in tests). */
    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** This command's spec (name, options). */
    protected CommandSpec spec() {
        return spec;
    }

    /** An exception for a bad option value: exit code 2 with {@code message} on one line. */
    protected ParameterException badOption(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** A new empty JSON object. */
    protected static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Prints {@code node} as one line of JSON to standard output or to {@code file} when not null. */
    protected void printJson(JsonNode node, Path file) {
        try {
            emit(JSON.writeValueAsString(node) + "\n", file);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the result: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes {@code text} to standard output, or atomically to {@code file} when not null. */
    protected void emit(String text, Path file) {
        if (file == null) {
            out().print(text);
            out().flush();
        } else {
            AtomicFiles.writeString(file, text);
        }
    }
}
