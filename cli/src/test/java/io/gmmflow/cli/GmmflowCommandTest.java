package io.gmmflow.cli;

import static io.gmmflow.cli.BadInputAssert.assertBadInput;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.gmmflow.core.registry.PluginRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Exit codes and the single error line for the top level and the shared machinery. */
class GmmflowCommandTest {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @AfterEach
    void resetLogging() {
        root.setLevel(Level.WARN);
    }

    @Test
    void noCommandOrAnUnknownOneIsBadInput() {
        // The list names every registered subcommand; check the fixed part and a few names, so that
        // adding a command does not mean editing this test.
        assertThat(assertBadInput(Cli.run()))
                .startsWith("error: missing command (one of: plugins, validate, sample, ")
                .contains("demo").contains("help)").endsWith("(see 'gmmflow --help')");
        assertThat(assertBadInput(Cli.run("transmogrify"))).startsWith("error: Unmatched argument at index 0: 'transmogrify'");
        assertThat(assertBadInput(Cli.run("plugins", "--bogus"))).startsWith("error: Unknown option: '--bogus'");
    }

    @Test
    void helpAndVersionExitZero() {
        Cli.Result help = Cli.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("plugins", "validate", "sample", "demo");
        Cli.Result sampleHelp = Cli.run("sample", "--help");
        assertThat(sampleHelp.exitCode()).isZero();
        assertThat(sampleHelp.out()).contains("--gmm=FILE", "--n=N", "--seed=N", "--out=FILE", "--verbose");
        Cli.Result version = Cli.run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("gmmflow ");
    }

    @Test
    void anUnexpectedExceptionIsAnInternalFailureWithExitOne() {
        Cli.Result r = Cli.run(() -> {
            throw new ArithmeticException("boom");
        }, "plugins");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly("error: internal failure: java.lang.ArithmeticException: boom");
        Cli.Result verbose = Cli.run(() -> {
            throw new ArithmeticException("boom");
        }, "plugins", "-v");
        assertThat(verbose.exitCode()).isEqualTo(1);
        assertThat(verbose.errLines()[0]).isEqualTo("error: internal failure: java.lang.ArithmeticException: boom");
        assertThat(verbose.err()).contains("at io.gmmflow.cli.");
    }

    @Test
    void multiLineMessagesAreFoldedOntoOneLine(@TempDir Path dir) {
        Cli.Result r = Cli.run(() -> {
            throw new IllegalArgumentException("first\n  second\r\nthird");
        }, "plugins");
        assertThat(assertBadInput(r)).isEqualTo("error: first second third");
    }

    @Test
    void verboseRaisesTheLogLevel() {
        Cli.run(() -> PluginRegistry.of(), "plugins");
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        Cli.run(() -> PluginRegistry.of(), "-v", "plugins");
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        Cli.run(() -> PluginRegistry.of(), "plugins", "-vv");
        assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
        Cli.run(() -> PluginRegistry.of(), "-v", "plugins", "--verbose");
        assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
    }

    @Test
    void theRegistryIsLoadedOnlyWhenACommandNeedsIt(@TempDir Path dir) {
        Cli.Result r = Cli.run(() -> {
            throw new AssertionError("validate must not load plugins");
        }, "validate", dir.resolve("none.json").toString());
        assertThat(assertBadInput(r)).startsWith("error: cannot read ");
    }
}
