package io.gmmflow.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ParseResult;

/**
 * Sets the log level from {@code -v}: WARN by default (logback.xml sends logs to standard error),
 * INFO for {@code -v}, DEBUG for {@code -vv} or more. Logs never go to standard output, which
 * carries the results.
 */
final class Logging {

    private Logging() {
    }

    /** How many times -v / --verbose was given, on the top level or on the subcommand. */
    static int verbosity(ParseResult parseResult) {
        int n = 0;
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            // Each command level has its own copy of the inherited option; its value holds one
            // entry per occurrence at that level.
            if (pr.hasMatchedOption("--verbose") && pr.matchedOption("--verbose").getValue() instanceof boolean[] b) {
                n += b.length;
            }
        }
        return n;
    }

    /** Applies the level for this run. */
    static void configure(ParseResult parseResult) {
        int v = verbosity(parseResult);
        Level level = v == 0 ? Level.WARN : v == 1 ? Level.INFO : Level.DEBUG;
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(level);
        }
    }
}
