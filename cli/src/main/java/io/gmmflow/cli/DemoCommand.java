package io.gmmflow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.IntegrationStatus;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.Trajectory;
import io.gmmflow.core.flow.MixtureFlow;
import io.gmmflow.core.io.AtomicFiles;
import io.gmmflow.core.io.GmmJson;
import io.gmmflow.core.transport.GmmTransport;
import io.gmmflow.core.transport.TransportPlan;
import io.gmmflow.surrogate.GapDiagnostics;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gmmflow demo}: the main job on the built-in 2-D mixtures ({@link DemoMixtures}). For each
 * of seed 000's two methods ({@code surrogate}, Method A, and {@code exact}, Method B) it computes
 * the pairwise costs, the entropic coupling and the mixture flow, pushes samples of the source to
 * t = 1 with RK4, and writes under {@code demo-output/}: the mixtures as JSON, a scatter of source
 * and target samples, per method a PNG of the trajectories (coloured by source component) and a
 * PNG of the density path at t = 0, 0.5, 1, and the pushed points as CSV. Prints a JSON summary:
 * per method the plan, the costs, the mixture cost, the coupling status, how far the pushed
 * cloud's mean and covariance are from the target's, and per pair the seed 000 diagnostics' advice
 * (surrogate or exact, with the reason).
 */
@Command(name = "demo", description = "Run gmmflow on built-in example mixtures (both seed 000 methods); files go to demo-output/.")
final class DemoCommand extends AbstractCommand {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

    /** The methods compared by the demo. */
    static final List<String> METHODS = List.of("surrogate", "exact");

    @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = "demo-output",
            description = "Directory for the files (default: ${DEFAULT-VALUE}, created if missing).")
    private Path dir;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "2000",
            description = "Points drawn from each mixture and pushed (default: ${DEFAULT-VALUE}).")
    private int samples;

    @Option(names = "--steps", paramLabel = "K", defaultValue = "50", description = "RK4 steps (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Mixin
    private SeedOption seed;

    @Override
    protected int execute() {
        if (samples <= 0) {
            throw badOption("--samples must be > 0, got " + samples);
        }
        if (steps <= 0) {
            throw badOption("--steps must be > 0, got " + steps);
        }
        AtomicFiles.createDirectories(dir);
        GaussianMixture source = DemoMixtures.SOURCE;
        GaussianMixture target = DemoMixtures.TARGET;
        GmmJson.write(source, dir.resolve("source.json"));
        GmmJson.write(target, dir.resolve("target.json"));

        GaussianMixture.LabelledSample drawn = source.sampleLabelled(samples, seed.seed());
        double[][] xs = drawn.points();
        double[][] ys = target.sample(samples, seed.seed() + 1);
        AtomicFiles.writeBytes(dir.resolve("samples.png"),
                new ScatterPlot("gmmflow demo: samples of the source and target mixtures", 900, 650)
                        .add("source (" + source.size() + " components)", xs)
                        .add("target (" + target.size() + " components)", ys)
                        .png());

        ObjectNode summary = object();
        summary.put("outputDirectory", dir.toString());
        summary.put("samples", samples);
        summary.put("seed", seed.seed());
        summary.put("integrator", "rk4");
        summary.put("steps", steps);
        summary.set("source", describe(source, xs));
        summary.set("target", describe(target, ys));
        ArrayNode files = summary.putArray("files");
        files.add("source.json").add("target.json").add("samples.png");
        summary.set("pairs", pairAdvice(source, target));
        ObjectNode methods = summary.putObject("methods");
        double[] box = boundingBox(xs, ys);
        for (String method : METHODS) {
            methods.set(method, runMethod(method, source, target, xs, drawn.labels(), box, files));
        }
        printJson(summary, null);
        return 0;
    }

    private ObjectNode runMethod(String method, GaussianMixture source, GaussianMixture target, double[][] xs,
                                 int[] labels, double[] box, ArrayNode files) {
        long t0 = System.nanoTime();
        TransportPlan plan = GmmTransport.builder(registry()).method(method).build().plan(source, target);
        MixtureFlow flow = plan.flow();
        int d = source.dimension();
        Trajectory tr = registry().integrator("rk4").integrate(flow, 0, 1, TransportPlan.flatten(xs, d),
                Parameters.of("steps", steps), TransportCommand.gridTimes(40));
        if (tr.status() != IntegrationStatus.COMPLETED) {
            throw new IllegalStateException(method + ": integration ended with status " + tr.status());
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        double[][] pushed = TransportPlan.unflatten(tr.endPoints(), xs.length, d);
        String traj = "trajectories-" + method + ".png";
        String dens = "density-" + method + ".png";
        String csv = "pushed-" + method + ".csv";
        AtomicFiles.writeBytes(dir.resolve(traj), TrajectoryPlot.render(
                "gmmflow demo: " + method + " flow, samples of the source moved to t = 1 (RK4, " + steps + " steps)",
                tr.snapshots(), xs.length, d, labels, 500));
        double[] times = {0, 0.5, 1};
        AtomicFiles.writeBytes(dir.resolve(dens), DensityPanels.render(
                "gmmflow demo: density of the " + method + " mixture path (sqrt scale)", times, box,
                (k, grid, out) -> flow.logDensity(times[k], grid, 0, out.length, out)));
        AtomicFiles.writeString(dir.resolve(csv), io.gmmflow.core.io.PointsCsv.writePoints(pushed));
        files.add(traj).add(dens).add(csv);
        LOG.info("{}: mixture cost {}, {} pairs kept, {} s", method, plan.mixtureCost(), flow.pairCount(), seconds);

        ObjectNode o = object();
        o.put("mixtureCost", plan.mixtureCost());
        o.put("couplingStatus", plan.coupling().status().name());
        o.put("couplingIterations", plan.coupling().iterations());
        o.put("marginalError", plan.coupling().marginalError());
        o.set("costs", matrix(plan.costs()));
        o.set("plan", matrix(plan.coupling().plan()));
        o.put("pairsKept", flow.pairCount());
        o.put("seconds", seconds);
        // How well the pushed cloud matches the target: mean and covariance errors relative to the
        // sampling noise one expects (exact mean vs sample mean of N points).
        o.set("pushedMean", vector(mean(pushed)));
        o.set("targetMean", vector(target.mean()));
        return o;
    }

    /** Seed 000 diagnostics per component pair: the regime map's advice with its reason. */
    private static ArrayNode pairAdvice(GaussianMixture source, GaussianMixture target) {
        ArrayNode pairs = JSON.createArrayNode();
        for (int i = 0; i < source.size(); i++) {
            for (int j = 0; j < target.size(); j++) {
                GapDiagnostics g = GapDiagnostics.of(source.component(i), target.component(j));
                ObjectNode p = pairs.addObject();
                p.put("i", i);
                p.put("j", j);
                p.put("surrogate", g.surrogate());
                p.put("w2", g.w2());
                p.put("gap", g.gap());
                p.put("rhoHat", g.rhoHat());
                p.put("comm", g.comm());
                p.put("recommended", g.recommended());
                p.put("reason", g.recommendation().reason());
            }
        }
        return pairs;
    }

    private static double[] boundingBox(double[][] a, double[][] b) {
        double[] box = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[][] set : new double[][][] {a, b}) {
            for (double[] p : set) {
                box[0] = Math.min(box[0], p[0]);
                box[1] = Math.max(box[1], p[0]);
                box[2] = Math.min(box[2], p[1]);
                box[3] = Math.max(box[3], p[1]);
            }
        }
        double pad = 0.5;
        return new double[] {Math.floor(box[0] - pad), Math.ceil(box[1] + pad), Math.floor(box[2] - pad), Math.ceil(box[3] + pad)};
    }

    private static double[] mean(double[][] points) {
        double[] m = new double[points[0].length];
        for (double[] p : points) {
            for (int k = 0; k < m.length; k++) {
                m[k] += p[k] / points.length;
            }
        }
        return m;
    }

    private static ArrayNode vector(double[] v) {
        ArrayNode a = JSON.createArrayNode();
        for (double x : v) {
            a.add(x);
        }
        return a;
    }

    private static ArrayNode matrix(double[][] m) {
        ArrayNode a = JSON.createArrayNode();
        for (double[] row : m) {
            a.add(vector(row));
        }
        return a;
    }

    /** Size, exact mean and the mean of the drawn points (they agree to about 3 sd / sqrt(n)). */
    private static ObjectNode describe(GaussianMixture m, double[][] points) {
        ObjectNode o = object();
        o.put("components", m.size());
        o.put("dimension", m.dimension());
        o.set("mean", vector(m.mean()));
        o.set("sampleMean", vector(mean(points)));
        return o;
    }
}
