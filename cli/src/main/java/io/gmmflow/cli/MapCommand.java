package io.gmmflow.cli;

import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.SolverStatus;
import io.gmmflow.core.io.PointsCsv;
import io.gmmflow.omt.MixtureTransportPlan;
import io.gmmflow.omt.OmtResult;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gmmflow map --method omt/gmm-ot --direction forward/backward/random --source --target
 * --points P.csv [--eps1 --eps2]}: applies a seed 003 transport map to the given points and prints
 * the images as CSV, one row per point in input order. {@code forward} is the conditional mean
 * E[y | x] (eq. 44), {@code backward} E[x | y] for points of the target, {@code random} one draw
 * y ~ pi(y | x) (seeded; {@code random-backward} draws x ~ pi(x | y)).
 */
@Command(name = "map", description = "Apply the OMT or GMM-OT forward, backward or random map to points (CSV).")
final class MapCommand extends AbstractCommand {

    private static final Logger LOG = LoggerFactory.getLogger(MapCommand.class);

    @Option(names = "--method", paramLabel = "NAME", required = true, description = "omt or gmm-ot.")
    private String method;

    @Option(names = "--direction", paramLabel = "DIR", defaultValue = "forward",
            description = "forward, backward, random or random-backward (default: ${DEFAULT-VALUE}).")
    private String direction;

    @Mixin
    private SourceTargetOptions mixtures;

    @Option(names = "--points", paramLabel = "FILE", required = true, description = "Points to map (CSV).")
    private Path points;

    @Option(names = "--eps1", paramLabel = "E1", description = "Pair regularization eps1 > 0 (omt; default 0.01).")
    private Double eps1;

    @Option(names = "--eps2", paramLabel = "E2", description = "Weight regularization eps2 > 0 (omt; default 0.01).")
    private Double eps2;

    @Option(names = "--solver", paramLabel = "NAME",
            description = "Coupling solver (default: sinkhorn for omt, emd for gmm-ot).")
    private String solver;

    @Mixin
    private SeedOption seed;

    @Mixin
    private OutputOption output;

    @Override
    protected int execute() {
        String dir = direction.trim().toLowerCase(Locale.ROOT);
        if (!dir.equals("forward") && !dir.equals("backward") && !dir.equals("random") && !dir.equals("random-backward")) {
            throw badOption("--direction: unknown direction '" + direction
                    + "' (expected forward, backward, random or random-backward)");
        }
        var engine = OmtSupport.engine(this, method, solver);
        GaussianMixture source = mixtures.source();
        GaussianMixture target = mixtures.target();
        double[][] x;
        try {
            x = PointsCsv.readPoints(points);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--points: " + e.getMessage(), e);
        }
        OmtResult r = engine.solve(source, target, OmtSupport.parameters(eps1, eps2, null, null));
        if (r.status() != SolverStatus.CONVERGED) {
            LOG.warn("solver {} ended with status {} (marginal error {})", r.solverName(), r.status(), r.marginalError());
        }
        MixtureTransportPlan plan = r.plan();
        double[][] y;
        try {
            y = switch (dir) {
                case "forward" -> plan.forward(x);
                case "backward" -> plan.backward(x);
                case "random" -> plan.randomForward(x, seed.seed());
                default -> plan.randomBackward(x, seed.seed());
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--points: " + e.getMessage(), e);
        }
        emit(PointsCsv.writePoints(y), output.file());
        return 0;
    }
}
