package io.gmmflow.cli;

import io.gmmflow.core.registry.PluginRegistry;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code gmmflow} command (CLI.md): the top level that holds what every subcommand shares (the
 * plugin registry, verbosity) and the single place where failures become exit codes.
 *
 * <p>{@code --help}, {@code --version} and {@code --verbose} are inherited by every subcommand.
 * Adding a command is one class extending {@link AbstractCommand} plus one entry in the
 * {@code subcommands} list below. Exit codes: 0 success, 2 bad input (one {@code error:} line on
 * standard error, see {@link ErrorHandler}), 1 internal failure.
 *
 * <p>Not thread-safe: one instance per invocation.
 */
@Command(name = "gmmflow",
        scope = CommandLine.ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = GmmflowCommand.Version.class,
        description = "Optimal transport and flows between Gaussian mixture models.",
        subcommands = {
            PluginsCommand.class,
            ValidateCommand.class,
            SampleCommand.class,
            CostCommand.class,
            CoupleCommand.class,
            DistanceCommand.class,
            GeodesicCommand.class,
            BarycenterCommand.class,
            DiagnoseCommand.class,
            TransportCommand.class,
            DemoCommand.class,
            WimCommand.class,
            FitCommand.class,
            OmtCommand.class,
            MapCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class GmmflowCommand implements Runnable {

    private final Supplier<PluginRegistry> registrySupplier;
    private PluginRegistry registry;

    @Spec
    private CommandSpec spec;

    /**
     * Declared here for the help text; every subcommand inherits it. The count is read from the
     * parse result by {@link Logging#configure} before the command runs.
     */
    @Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Log progress to standard error: once for INFO, twice for DEBUG (default: warnings only).")
    private boolean[] verbose = new boolean[0];

    /** A command that finds plugins with the {@link java.util.ServiceLoader}. */
    public GmmflowCommand() {
        this(PluginRegistry::fromServiceLoader);
    }

    /** A command whose plugins come from {@code registrySupplier} (called once, when first needed). */
    public GmmflowCommand(Supplier<PluginRegistry> registrySupplier) {
        this.registrySupplier = Objects.requireNonNull(registrySupplier);
    }

    /** The plugins, loaded on first use (commands that need none do not pay for discovery). */
    PluginRegistry registry() {
        if (registry == null) {
            registry = registrySupplier.get();
        }
        return registry;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command (one of: "
                + String.join(", ", spec.subcommands().keySet()) + ")");
    }

    /** A configured command line: error handling, logging, output streams. */
    public static CommandLine commandLine(GmmflowCommand command, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(out);
        cl.setErr(err);
        ErrorHandler handler = new ErrorHandler();
        cl.setParameterExceptionHandler(handler);
        cl.setExecutionExceptionHandler(handler);
        cl.setExecutionStrategy(parseResult -> {
            Logging.configure(parseResult);
            return new CommandLine.RunLast().execute(parseResult);
        });
        return cl;
    }

    /** Runs the command line and returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(new GmmflowCommand(), out, err).execute(args);
    }

    /** The entry point of {@code ./gmmflow} and {@code java -jar gmmflow.jar}. */
    public static void main(String[] args) {
        // The demo draws PNGs with AWT; no display is needed or wanted.
        System.setProperty("java.awt.headless", "true");
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** The version from the jar manifest (the Maven project version), or "development". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = GmmflowCommand.class.getPackage().getImplementationVersion();
            return new String[] {"gmmflow " + (v == null ? "(development build)" : v)};
        }
    }
}
