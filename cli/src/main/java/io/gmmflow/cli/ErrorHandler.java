package io.gmmflow.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where failures become exit codes (CLI.md):
 * <ul>
 *   <li>bad input, exit 2, exactly one line on standard error that starts with {@code error:}: an
 *       {@link IllegalArgumentException} from any layer (invalid GMM, unreadable or unwritable file,
 *       unknown plugin name), and picocli's {@link ParameterException} (unknown option or command,
 *       missing or malformed option value, values a command rejects);</li>
 *   <li>anything else, exit 1: one {@code error: internal failure: ...} line, plus the stack trace
 *       when {@code --verbose} was given.</li>
 * </ul>
 * Messages are folded onto one line so that scripts can rely on the single {@code error:} line.
 */
final class ErrorHandler implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

    /** Exit code for bad input. */
    static final int BAD_INPUT = 2;
    /** Exit code for an internal failure. */
    static final int INTERNAL = 1;

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String help = cl.getCommandSpec().qualifiedName();
        cl.getErr().println("error: " + oneLine(ex.getMessage()) + " (see '" + help + " --help')");
        cl.getErr().flush();
        return BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        int code;
        if (ex instanceof IllegalArgumentException) {
            err.println("error: " + oneLine(ex.getMessage()));
            code = BAD_INPUT;
        } else {
            String what = ex instanceof IllegalStateException || ex instanceof UncheckedIOException
                    ? oneLine(ex.getMessage())
                    : ex.getClass().getName() + (ex.getMessage() == null ? "" : ": " + oneLine(ex.getMessage()));
            err.println("error: internal failure: " + what);
            if (Logging.verbosity(parseResult) > 0) {
                ex.printStackTrace(err);
            }
            code = INTERNAL;
        }
        err.flush();
        return code;
    }

    /** The message on one line (a null message becomes "(no message)"). */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
