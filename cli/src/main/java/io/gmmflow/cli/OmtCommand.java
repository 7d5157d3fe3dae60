package io.gmmflow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.SolverStatus;
import io.gmmflow.omt.OmtResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gmmflow omt --source --target --eps1 E1 --eps2 E2}: seed 003 Optimal Mixture Transport
 * between two GMMs. Prints
 * {@code {"weights":[[..]],"cost":..,"pairCosts":[[..]],"status":..}} (CLI.md) where {@code cost} is
 * the full objective of seed 003 eq. 12, plus {@code transportCost} (T_c of Table 5),
 * {@code marginalError}, {@code iterations}, {@code eps1}, {@code eps2}, {@code method} and
 * {@code solver}. {@code --method gmm-ot} gives the GMM-OT baseline (W2 costs, exact plan).
 */
@Command(name = "omt", description = "Seed 003 Optimal Mixture Transport: entropic pair costs and Sinkhorn weights.")
final class OmtCommand extends AbstractCommand {

    private static final Logger LOG = LoggerFactory.getLogger(OmtCommand.class);

    @Mixin
    private SourceTargetOptions mixtures;

    @Option(names = "--eps1", paramLabel = "E1", description = "Pair regularization eps1 > 0 (default 0.01).")
    private Double eps1;

    @Option(names = "--eps2", paramLabel = "E2", description = "Weight regularization eps2 > 0 (default 0.01).")
    private Double eps2;

    @Option(names = "--method", paramLabel = "NAME", defaultValue = "omt",
            description = "omt or gmm-ot (default: ${DEFAULT-VALUE}).")
    private String method;

    @Option(names = "--solver", paramLabel = "NAME",
            description = "Coupling solver (default: sinkhorn for omt, emd for gmm-ot).")
    private String solver;

    @Option(names = "--max-iter", paramLabel = "N", description = "Iteration limit of the solver.")
    private Integer maxIterations;

    @Option(names = "--tol", paramLabel = "T", description = "Tolerance of the solver on the L1 marginal error.")
    private Double tolerance;

    @Mixin
    private OutputOption output;

    @Override
    protected int execute() {
        var engine = OmtSupport.engine(this, method, solver);
        GaussianMixture source = mixtures.source();
        GaussianMixture target = mixtures.target();
        OmtResult r = engine.solve(source, target, OmtSupport.parameters(eps1, eps2, maxIterations, tolerance));
        if (r.status() != SolverStatus.CONVERGED) {
            LOG.warn("solver {} ended with status {} (marginal error {})", r.solverName(), r.status(), r.marginalError());
        }
        ObjectNode root = object();
        matrix(root.putArray("weights"), r.weights());
        root.put("cost", r.objective());
        matrix(root.putArray("pairCosts"), r.pairCosts());
        root.put("status", r.status().name());
        root.put("transportCost", r.transportCost());
        root.put("marginalError", r.marginalError());
        root.put("iterations", r.iterations());
        root.put("eps1", r.eps1());
        if (Double.isNaN(r.eps2())) {
            root.putNull("eps2");
        } else {
            root.put("eps2", r.eps2());
        }
        root.put("method", r.mode() == io.gmmflow.omt.OptimalMixtureTransport.Mode.OMT ? "omt" : "gmm-ot");
        root.put("solver", r.solverName());
        printJson(root, output.file());
        return 0;
    }

    private static void matrix(ArrayNode node, double[][] m) {
        for (double[] row : m) {
            ArrayNode r = node.addArray();
            for (double v : row) {
                r.add(v);
            }
        }
    }
}
