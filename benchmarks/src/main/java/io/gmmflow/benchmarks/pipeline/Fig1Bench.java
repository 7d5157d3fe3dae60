package io.gmmflow.benchmarks.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmmflow.core.io.AtomicFiles;
import io.gmmflow.core.registry.PluginRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code gmmflow bench fig1}: the seed 000 Fig. 1 table. For every d, draws the
 * {@link Fig1Workload}, times both methods ({@code surrogate}, {@code exact}) with
 * {@link Fig1Pipeline}, and emits one JSON line per (d, method). With {@code compare}, the workload
 * is written to a temporary directory with the Java answers ({@code expected.json}: the mixture
 * cost and u at the probe points) and the NumPy/SciPy baseline runs on exactly those matrices as a
 * subprocess, right after the Java runs for that d (so that ours and the baseline's are measured
 * in one run, under the same load); each line then also carries the baseline's time, the ratio
 * baseline / ours, per stage too, and the baseline's own check of its answer against ours. With
 * {@code speedup}, every (d, method) is also timed in pools of parallelism 1 and 2, and the
 * line carries the speed-up per stage.
 *
 * <p>Not thread-safe; one run at a time.
 */
public final class Fig1Bench {

    /** The methods of seed 000, in the order of the lines. */
    public static final List<String> METHODS = List.of("surrogate", "exact");

    /** The default dimensions (the seed's range, d = 2 to 300). */
    public static final int[] DEFAULT_DIMS = {2, 10, 50, 100, 200, 300};

    /** The baseline's file name under {@code benchmarks/}. */
    public static final String SCRIPT = "fig1_baseline.py";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What to run.
     *
     * @param dims          dimensions, each >= 1
     * @param runs          timed runs per (d, method), >= 1 (best of them is reported)
     * @param warmupSeconds warm-up time per (d, method) before the timed runs, >= 0
     * @param threads       parallelism of the pool the Java side runs in, >= 1
     * @param seed          workload seed
     * @param compare       also run the Python baseline
     * @param baseline      the baseline script (null: located as {@link PythonBaseline#locate} says)
     * @param python        the Python interpreter command
     * @param speedup       also time with parallelism 1 and 2 and report the speed-up
     */
    public record Options(int[] dims, int runs, double warmupSeconds, int threads, long seed, boolean compare,
                          Path baseline, String python, boolean speedup) {

        /** Validates. */
        public Options {
            if (dims == null || dims.length == 0) {
                throw new IllegalArgumentException("--dims: give at least one dimension");
            }
            for (int d : dims) {
                if (d < 1) {
                    throw new IllegalArgumentException("--dims: dimension must be >= 1, got " + d);
                }
            }
            dims = dims.clone();
            if (runs < 1) {
                throw new IllegalArgumentException("--runs must be >= 1, got " + runs);
            }
            if (!(warmupSeconds >= 0) || !Double.isFinite(warmupSeconds)) {
                throw new IllegalArgumentException("--warmup must be a finite number >= 0, got " + warmupSeconds);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            }
        }
    }

    private final PluginRegistry registry;
    private final Options options;

    /** A run over the given plugins. */
    public Fig1Bench(PluginRegistry registry, Options options) {
        this.registry = registry;
        this.options = options;
    }

    /**
     * Runs every (d, method) and hands each JSON line to {@code out} as soon as it is measured.
     *
     * @throws IllegalArgumentException when the baseline (script or Python) is not available
     * @throws IllegalStateException when the baseline fails
     */
    public void run(Consumer<ObjectNode> out) {
        PythonBaseline python = null;
        Path script = null;
        if (options.compare()) {
            script = PythonBaseline.locate(options.baseline(), SCRIPT);
            python = new PythonBaseline(options.python());
            python.check();
        }
        Fig1Pipeline pipeline = new Fig1Pipeline(registry);
        ForkJoinPool pool = new ForkJoinPool(options.threads());
        Path dir = null;
        try {
            if (options.compare()) {
                dir = Files.createTempDirectory("gmmflow-fig1");
            }
            for (int d : options.dims()) {
                Fig1Workload w = Fig1Workload.generate(d, options.seed());
                Fig1Result[] ours = new Fig1Result[METHODS.size()];
                ObjectNode[] lines = new ObjectNode[METHODS.size()];
                for (int m = 0; m < METHODS.size(); m++) {
                    ours[m] = pipeline.measure(w, METHODS.get(m), options.runs(), options.warmupSeconds(), pool);
                    lines[m] = ours[m].toJson();
                    if (options.speedup()) {
                        addSpeedup(lines[m], pipeline, w, METHODS.get(m));
                    }
                }
                if (options.compare()) {
                    Path wd = dir.resolve("d" + d);
                    w.write(wd);
                    AtomicFiles.writeString(wd.resolve("expected.json"), expected(ours));
                    Map<String, JsonNode> base = python.run(script, List.of("--workload", wd.toString(), "--runs",
                            Integer.toString(options.runs())));
                    for (int m = 0; m < METHODS.size(); m++) {
                        JsonNode b = base.get(METHODS.get(m));
                        if (b == null) {
                            throw new IllegalStateException("baseline printed no line for method " + METHODS.get(m)
                                    + " at d = " + d);
                        }
                        addBaseline(lines[m], ours[m], b);
                    }
                }
                for (ObjectNode line : lines) {
                    out.accept(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the workload for the baseline: " + e.getMessage(), e);
        } finally {
            pool.shutdown();
            if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    private void addSpeedup(ObjectNode line, Fig1Pipeline pipeline, Fig1Workload w, String method) {
        Fig1Result[] r = new Fig1Result[2];
        for (int k = 0; k < 2; k++) {
            ForkJoinPool p = new ForkJoinPool(k + 1);
            try {
                r[k] = pipeline.measure(w, method, options.runs(), options.warmupSeconds(), p);
            } finally {
                p.shutdown();
            }
        }
        ObjectNode s = line.putObject("speedup1to2");
        s.put("seconds1", r[0].seconds());
        s.put("seconds2", r[1].seconds());
        s.put("total", r[0].seconds() / r[1].seconds());
        double[] a = r[0].stageSeconds();
        double[] b = r[1].stageSeconds();
        for (int k = 0; k < Fig1Result.STAGES.length; k++) {
            s.put(Fig1Result.STAGES[k], a[k] / b[k]);
        }
    }

    private static void addBaseline(ObjectNode line, Fig1Result ours, JsonNode b) {
        double bs = b.get("seconds").asDouble();
        line.put("baselineSeconds", bs);
        line.put("ratio", bs / ours.seconds());
        ObjectNode bst = line.putObject("baselineStages");
        ObjectNode ratios = line.putObject("stageRatios");
        double[] s = ours.stageSeconds();
        for (int k = 0; k < Fig1Result.STAGES.length; k++) {
            double v = b.get("stages").get(Fig1Result.STAGES[k]).asDouble();
            bst.put(Fig1Result.STAGES[k], v);
            ratios.put(Fig1Result.STAGES[k], v / s[k]);
        }
        line.put("baselineMixtureCost", b.get("mixtureCost").asDouble());
        line.put("baselineSinkhornIterations", b.get("sinkhornIterations").asInt());
        line.put("mixtureCostRelDiff", b.get("mixtureCostRelDiff").asDouble());
        line.put("uMaxRelDiff", b.get("uMaxRelDiff").asDouble());
    }

    /** {@code {"surrogate":{"mixtureCost":..,"probe":[[[..]]]}, "exact":{..}}}: the Java answers the baseline checks. */
    static String expected(Fig1Result[] results) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (Fig1Result r : results) {
            ObjectNode m = root.putObject(r.method());
            m.put("mixtureCost", r.mixtureCost());
            ArrayNode probe = m.putArray("probe");
            for (double[][] atT : r.probe()) {
                ArrayNode pt = probe.addArray();
                for (double[] u : atT) {
                    ArrayNode row = pt.addArray();
                    for (double v : u) {
                        row.add(v);
                    }
                }
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
