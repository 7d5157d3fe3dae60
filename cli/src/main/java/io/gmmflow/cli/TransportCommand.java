package io.gmmflow.cli;

import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Integrator;
import io.gmmflow.api.IntegrationStatus;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.Trajectory;
import io.gmmflow.api.VelocityField;
import io.gmmflow.core.flow.MixtureFlow;
import io.gmmflow.core.io.AtomicFiles;
import io.gmmflow.core.io.PointsCsv;
import io.gmmflow.core.transport.GmmTransport;
import io.gmmflow.core.transport.TransportPlan;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gmmflow transport}: pushes samples of the source (or the given points) from t = 0 to
 * t = 1 along the method's mixture flow (seed 000 Algorithm 1) and prints the end points as CSV,
 * one row per point, in input order. {@code --plot} draws the 2-D trajectories coloured by source
 * component; long runs draw a progress bar on standard error.
 */
@Command(name = "transport", description = "Push samples of the source (or given points) to t = 1 along a method's mixture flow; CSV out.")
final class TransportCommand extends AbstractCommand {

    private static final Logger LOG = LoggerFactory.getLogger(TransportCommand.class);

    /** Work (points x kept pairs x steps) above which the progress bar is drawn. */
    private static final long PROGRESS_WORK = 20_000_000L;

    @Option(names = "--method", paramLabel = "NAME", required = true, description = "Transport method (surrogate, exact, gmm-ot, ...).")
    private String method;

    @Mixin
    private SourceTargetOptions mixtures;

    @Option(names = "--samples", paramLabel = "N", description = "Number of source samples to push (> 0); not with --points.")
    private Integer samples;

    @Option(names = "--points", paramLabel = "FILE", description = "Points to push (CSV, one per row) instead of samples.")
    private Path points;

    @Option(names = "--integrator", paramLabel = "NAME", defaultValue = "rk4", description = "Integrator (default: ${DEFAULT-VALUE}).")
    private String integratorName;

    @Option(names = "--steps", paramLabel = "K", description = "Steps of a fixed-step integrator (default: its own, 100 for rk4).")
    private Integer steps;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Any other integrator parameter (repeatable), e.g. rtol=1e-8.")
    private Map<String, Double> integratorExtra;

    @Option(names = "--epsilon", paramLabel = "E", description = "Entropic regularization of the method's solver.")
    private Double epsilon;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Also draw the 2-D trajectories (coloured by source component) to this PNG.")
    private Path plot;

    @Option(names = "--quiet", description = "No progress bar.")
    private boolean quiet;

    @Mixin
    private SeedOption seed;

    @Mixin
    private OutputOption output;

    @Override
    protected int execute() {
        if ((samples == null) == (points == null)) {
            throw badOption("give exactly one of --samples N and --points FILE");
        }
        if (samples != null && samples <= 0) {
            throw badOption("--samples must be > 0, got " + samples);
        }
        if (steps != null && steps <= 0) {
            throw badOption("--steps must be > 0, got " + steps);
        }
        if (plot != null && !plot.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw badOption("--plot must name a .png file, got " + plot);
        }
        GmmTransport.Builder builder = GmmTransport.builder(registry()).method(method);
        Integrator integrator = registry().integrator(integratorName);
        GaussianMixture source = mixtures.source();
        GaussianMixture target = mixtures.target();
        if (source.dimension() != target.dimension()) {
            throw new IllegalArgumentException("--source has dimension " + source.dimension()
                    + " but --target has dimension " + target.dimension());
        }
        double[][] start;
        int[] labels;
        if (points != null) {
            start = PointsCsv.readPoints(points);
            if (start.length == 0) {
                throw new IllegalArgumentException("--points: " + points + " holds no points");
            }
            if (start[0].length != source.dimension()) {
                throw new IllegalArgumentException("--points: " + points + " has points of dimension " + start[0].length
                        + " but the mixtures have dimension " + source.dimension());
            }
            labels = likeliestComponent(source, start);
        } else {
            GaussianMixture.LabelledSample s = source.sampleLabelled(samples, seed.seed());
            start = s.points();
            labels = s.labels();
        }
        Parameters integratorParams = new PluginParameters(integrator, "integrator")
                .put("--steps", "steps", steps)
                .putAll("--param", integratorExtra)
                .build();
        if (epsilon != null) {
            builder.solverParameters(Parameters.of("epsilon", epsilon));
        }
        GmmTransport transport = builder.build();
        TransportPlan plan = transport.plan(source, target);
        if (!plan.coupling().converged()) {
            err().println("warning: the coupling solver ended with status " + plan.coupling().status()
                    + " (marginal error " + plan.coupling().marginalError() + ")");
        }
        MixtureFlow flow = plan.flow();
        int n = start.length;
        int d = source.dimension();
        double[] flat = TransportPlan.flatten(start, d);
        long work = (long) (n * (double) flow.pairCount() * integratorParams.get("steps", 100));
        ProgressField progress = !quiet && work >= PROGRESS_WORK ? new ProgressField(flow, err(), "transport") : null;
        VelocityField field = progress == null ? flow : progress;
        double[] times = plot == null ? new double[0] : gridTimes(40);
        Trajectory tr = integrator.integrate(field, 0.0, 1.0, flat, integratorParams, times);
        if (progress != null) {
            progress.finish();
        }
        if (tr.status() != IntegrationStatus.COMPLETED) {
            throw new IllegalStateException("integration ended with status " + tr.status() + " at t = " + tr.endTime());
        }
        LOG.info("pushed {} points with {} ({} steps, {} evaluations), {} pairs kept", n, integrator.name(), tr.steps(),
                tr.evaluations(), flow.pairCount());
        String csv = PointsCsv.writeFlat(tr.endPoints(), d);
        if (plot != null) {
            byte[] png = TrajectoryPlot.render("gmmflow transport: " + transport.methodName() + ", " + integrator.name(),
                    tr.snapshots(), n, d, labels, 400);
            emit(csv, output.file());
            AtomicFiles.writeBytes(plot, png);
        } else {
            emit(csv, output.file());
        }
        return 0;
    }

    /** k + 1 equally spaced times from 0 to 1. */
    static double[] gridTimes(int k) {
        double[] t = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            t[i] = (double) i / k;
        }
        return t;
    }

    /** For given points: the source component with the largest a_i N(x | i), for colouring. */
    static int[] likeliestComponent(GaussianMixture m, double[][] pts) {
        int[] labels = new int[pts.length];
        for (int p = 0; p < pts.length; p++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < m.size(); i++) {
                if (m.weight(i) == 0) {
                    continue;
                }
                double v = Math.log(m.weight(i)) + m.component(i).logDensity(pts[p]);
                if (v > best) {
                    best = v;
                    labels[p] = i;
                }
            }
        }
        return labels;
    }
}
