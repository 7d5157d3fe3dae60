package io.gmmflow.cli;

import io.gmmflow.benchmarks.pipeline.Fig1Bench;
import io.gmmflow.benchmarks.pipeline.LargeBench;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gmmflow bench}: whole-pipeline timings that print JSON lines (CLI.md), measured by the
 * {@code benchmarks} module.
 * <ul>
 *   <li>{@code bench fig1 [--dims 2,10,..] [--compare]}: seed 000 Fig. 1, one line per (d, method)
 *       with {@code d}, {@code method}, {@code seconds} (best of {@code --runs}), {@code mixtureCost}
 *       and the seconds of each stage; {@code --compare} adds the NumPy/SciPy baseline's time and the
 *       ratio, measured in the same run; {@code --speedup} adds the 1-to-2-thread speed-up.</li>
 *   <li>{@code bench large [--cases ..] [--compare]}: the large-scale lines (1000 x 1000 costs +
 *       Sinkhorn in d = 2, 100 x 100 diagonal in d = 256, 1e5 points pushed through K = 10 flows in
 *       d = 2 and 32), one line each, timed with 1 and 2 threads.</li>
 * </ul>
 * Progress goes to standard error, lines to standard output as soon as they are measured.
 */
@Command(name = "bench", description = "Whole-pipeline timings (JSON lines).",
        subcommands = {BenchCommand.Fig1.class, BenchCommand.Large.class})
final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing benchmark (one of: "
                + String.join(", ", spec.subcommands().keySet()) + ")");
    }

    /** {@code bench fig1}. */
    @Command(name = "fig1", description = "Seed 000 Fig. 1: the transport-construction pipeline for both methods.")
    static final class Fig1 extends AbstractCommand {

        @Option(names = "--dims", split = ",", paramLabel = "D,D,..",
                description = "Dimensions (default: 2,10,50,100,200,300).")
        private List<Integer> dims;

        @Option(names = "--runs", defaultValue = "5", paramLabel = "R",
                description = "Timed runs per (d, method); the best is reported (default: ${DEFAULT-VALUE}).")
        private int runs;

        @Option(names = "--warmup", defaultValue = "1", paramLabel = "SECONDS",
                description = "Warm-up time per (d, method) before the timed runs (default: ${DEFAULT-VALUE}).")
        private double warmup;

        @Option(names = "--threads", paramLabel = "N",
                description = "Parallelism of the Java side (default: the number of cores).")
        private Integer threads;

        @Option(names = "--compare", description = "Also run the NumPy/SciPy baseline on the same matrices.")
        private boolean compare;

        @Option(names = "--baseline", paramLabel = "PATH",
                description = "The baseline script (default: benchmarks/fig1_baseline.py of the installation).")
        private Path baseline;

        @Option(names = "--python", defaultValue = "python3", paramLabel = "CMD",
                description = "Python interpreter for --compare (default: ${DEFAULT-VALUE}).")
        private String python;

        @Option(names = "--speedup", description = "Also time with 1 and 2 threads and report the speed-up.")
        private boolean speedup;

        @Mixin
        private SeedOption seed;

        @Override
        protected int execute() {
            int[] d = dims == null ? Fig1Bench.DEFAULT_DIMS : dims.stream().mapToInt(Integer::intValue).toArray();
            int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            Fig1Bench.Options o = new Fig1Bench.Options(d, runs, warmup, n, seed.seed(), compare, baseline, python,
                    speedup);
            new Fig1Bench(registry(), o).run(line -> printJson(line, null));
            return 0;
        }
    }

    /** {@code bench large}. */
    @Command(name = "large", description = "Large-scale lines: 1000x1000 costs + Sinkhorn, 100x100 in d = 256, 1e5 pushed points.")
    static final class Large extends AbstractCommand {

        @Option(names = "--cases", split = ",", paramLabel = "NAME,..",
                description = "Cases (default: all of w2-sinkhorn-1000-d2, w2-sinkhorn-100-d256-diag, push-1e5-K10-d2, "
                        + "push-1e5-K10-d32).")
        private List<String> cases;

        @Option(names = "--runs", defaultValue = "3", paramLabel = "R",
                description = "Timed runs per line and thread count (default: ${DEFAULT-VALUE}).")
        private int runs;

        @Option(names = "--points", defaultValue = "100000", paramLabel = "N",
                description = "Points pushed in the push cases (default: ${DEFAULT-VALUE}).")
        private int points;

        @Option(names = "--methods", split = ",", paramLabel = "NAME,..", defaultValue = "exact,surrogate",
                description = "Transport methods of the push cases (default: ${DEFAULT-VALUE}).")
        private List<String> methods;

        @Option(names = "--steps", defaultValue = "50", paramLabel = "K",
                description = "RK4 steps of the push cases (default: ${DEFAULT-VALUE}).")
        private int steps;

        @Option(names = "--compare", description = "Also run the vectorized NumPy baseline for the cost + Sinkhorn lines.")
        private boolean compare;

        @Option(names = "--baseline", paramLabel = "PATH",
                description = "The baseline script (default: benchmarks/large_baseline.py of the installation).")
        private Path baseline;

        @Option(names = "--baseline-iterations", defaultValue = "200", paramLabel = "N",
                description = "Sinkhorn iterations the baseline times before extrapolating (default: ${DEFAULT-VALUE}).")
        private int baselineIterations;

        @Option(names = "--python", defaultValue = "python3", paramLabel = "CMD",
                description = "Python interpreter for --compare (default: ${DEFAULT-VALUE}).")
        private String python;

        @Mixin
        private SeedOption seed;

        @Override
        protected int execute() {
            LargeBench.Options o = new LargeBench.Options(cases == null ? LargeBench.CASES : cases, runs, seed.seed(),
                    points, compare, baseline, python, baselineIterations, methods, steps);
            new LargeBench(registry(), o).run(line -> printJson(line, null));
            return 0;
        }
    }
}
