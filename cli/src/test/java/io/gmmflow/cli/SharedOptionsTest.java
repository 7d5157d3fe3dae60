package io.gmmflow.cli;

import static io.gmmflow.cli.BadInputAssert.assertBadInput;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmmflow.api.Coupling;
import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Parameters;
import io.gmmflow.core.io.GmmJson;
import io.gmmflow.core.registry.PluginRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The shared machinery as a later command uses it: a test-only command built from the mixins
 * (--source/--target, --seed, --out) and a registry lookup, added as one subcommand.
 */
class SharedOptionsTest {

    @Command(name = "probe")
    static final class ProbeCommand extends AbstractCommand {
        @Mixin
        SourceTargetOptions gmms;
        @Mixin
        SeedOption seed;
        @Mixin
        OutputOption output;
        @Option(names = "--solver", defaultValue = "test-product")
        String solver;

        @Override
        protected int execute() {
            GaussianMixture s = gmms.source();
            GaussianMixture t = gmms.target();
            ObjectNode o = object();
            o.put("solver", registry().couplingSolver(solver).name());
            o.put("sourceComponents", s.size());
            o.put("targetComponents", t.size());
            o.put("seed", seed.seed());
            printJson(o, output.file());
            return 0;
        }
    }

    /** A named solver for the lookup; never asked to solve here. */
    static final CouplingSolver SOLVER = new CouplingSolver() {
        @Override
        public String name() {
            return "test-product";
        }

        @Override
        public String description() {
            return "test only";
        }

        @Override
        public Coupling solve(double[] a, double[] b, double[][] cost, Parameters parameters) {
            throw new UnsupportedOperationException("not used by this test");
        }
    };

    @TempDir
    Path dir;
    private Path source;
    private Path target;

    @BeforeEach
    void files() {
        source = dir.resolve("s.json");
        target = dir.resolve("t.json");
        GmmJson.write(DemoMixtures.SOURCE, source);
        GmmJson.write(DemoMixtures.TARGET, target);
    }

    private static Cli.Result probe(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = GmmflowCommand.commandLine(
                new GmmflowCommand(() -> PluginRegistry.of(SOLVER)),
                new PrintWriter(out, true), new PrintWriter(err, true));
        cl.addSubcommand(new ProbeCommand());
        // addSubcommand after setOut/setErr: give the new subcommand the same streams.
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 1];
        full[0] = "probe";
        System.arraycopy(args, 0, full, 1, args.length);
        int code = cl.execute(full);
        return new Cli.Result(code, out.toString(), err.toString());
    }

    @Test
    void mixinsAndRegistryWork() throws IOException {
        Cli.Result r = probe("--source", source.toString(), "--target", target.toString(), "--seed", "9");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("{\"solver\":\"test-product\",\"sourceComponents\":3,\"targetComponents\":2,\"seed\":9}\n");

        Path out = dir.resolve("o.json");
        Cli.Result toFile = probe("--source", source.toString(), "--target", target.toString(), "--out", out.toString());
        assertThat(toFile.out()).isEmpty();
        assertThat(Files.readString(out)).contains("\"seed\":0");
    }

    @Test
    void badInputThroughTheMixinsNamesTheOption() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"weights\": [1], \"means\": [[0, 0]]}");
        Path out = dir.resolve("o.json");
        assertThat(assertBadInput(probe("--source", source.toString(), "--target", bad.toString(), "--out", out.toString())))
                .isEqualTo("error: --target: " + bad + ": missing key 'covariances'");
        assertThat(out).doesNotExist();
        assertThat(assertBadInput(probe("--source", source.toString())))
                .startsWith("error: Missing required option: '--target=FILE'");
        assertThat(assertBadInput(probe("--source", source.toString(), "--target", target.toString(), "--solver", "foo")))
                .isEqualTo("error: unknown coupling solver 'foo' (available: test-product)");
    }
}
