package io.gmmflow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmmflow.api.CostModel;
import io.gmmflow.api.Coupling;
import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.core.io.PointsCsv;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gmmflow couple}: the coupling of two weight vectors through a cost matrix, either
 * computed from two GMMs with a cost plugin ({@code --cost NAME --source --target}) or read from
 * CSV files ({@code --costs C.csv --a a.csv --b b.csv}). Prints
 * {@code {"plan":[[..]],"objective":<pi,C>,"iterations":n,"status":"CONVERGED","marginalError":e}}
 * plus the solver's dual potentials.
 */
@Command(name = "couple", description = "Couple the component weights of two mixtures (or two weight vectors) through a cost matrix.")
final class CoupleCommand extends AbstractCommand {

    @Option(names = "--solver", paramLabel = "NAME", required = true, description = "Coupling solver (sinkhorn, emd, unbalanced, ...).")
    private String solverName;

    @Option(names = "--cost", paramLabel = "NAME", description = "Cost plugin, with --source and --target.")
    private String costName;

    @Option(names = "--source", paramLabel = "FILE", description = "Source GMM (JSON), with --cost.")
    private Path source;

    @Option(names = "--target", paramLabel = "FILE", description = "Target GMM (JSON), with --cost.")
    private Path target;

    @Option(names = "--costs", paramLabel = "FILE", description = "Cost matrix (CSV), with --a and --b.")
    private Path costs;

    @Option(names = "--a", paramLabel = "FILE", description = "Source weights (CSV, one per line).")
    private Path aFile;

    @Option(names = "--b", paramLabel = "FILE", description = "Target weights (CSV, one per line).")
    private Path bFile;

    @Option(names = "--epsilon", paramLabel = "E", description = "Entropic regularization of the solver.")
    private Double epsilon;

    @Option(names = "--max-iter", paramLabel = "N", description = "Iteration limit of the solver.")
    private Integer maxIterations;

    @Option(names = "--tol", paramLabel = "T", description = "Tolerance on the L1 marginal error.")
    private Double tolerance;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Any other solver parameter (repeatable).")
    private Map<String, Double> solverExtra;

    @Option(names = "--cost-param", paramLabel = "NAME=VALUE", description = "A cost-model parameter (repeatable).")
    private Map<String, Double> costExtra;

    @Mixin
    private OutputOption output;

    @Override
    protected int execute() {
        CouplingSolver solver = registry().couplingSolver(solverName);
        double[] a;
        double[] b;
        double[][] c;
        boolean fromGmm = costName != null || source != null || target != null;
        boolean fromCsv = costs != null || aFile != null || bFile != null;
        if (fromGmm == fromCsv) {
            throw badOption("give either --cost NAME --source FILE --target FILE, or --costs FILE --a FILE --b FILE");
        }
        if (fromGmm) {
            if (costName == null || source == null || target == null) {
                throw badOption("--cost, --source and --target go together");
            }
            CostModel cost = registry().costModel(costName);
            GaussianMixture s = SourceTargetOptions.load("--source", source);
            GaussianMixture t = SourceTargetOptions.load("--target", target);
            a = s.weights();
            b = t.weights();
            c = cost.matrix(s, t, new PluginParameters(cost, "cost").putAll("--cost-param", costExtra).build());
        } else {
            if (costs == null || aFile == null || bFile == null) {
                throw badOption("--costs, --a and --b go together");
            }
            if (costExtra != null) {
                throw badOption("--cost-param needs --cost");
            }
            c = PointsCsv.readMatrix(costs);
            a = PointsCsv.readWeights(aFile);
            b = PointsCsv.readWeights(bFile);
        }
        PluginParameters params = new PluginParameters(solver, "solver")
                .put("--epsilon", "epsilon", epsilon)
                .put("--max-iter", "maxIterations", maxIterations)
                .put("--tol", "tolerance", tolerance)
                .putAll("--param", solverExtra);
        Coupling coupling = solver.solve(a, b, c, params.build());
        printJson(toJson(coupling, solver.name()), output.file());
        return 0;
    }

    /** The CLI.md keys of a coupling, plus the solver name and the dual potentials. */
    static ObjectNode toJson(Coupling coupling, String solverName) {
        ObjectNode root = object();
        ArrayNode plan = root.putArray("plan");
        for (double[] row : coupling.plan()) {
            ArrayNode r = plan.addArray();
            for (double v : row) {
                r.add(v);
            }
        }
        root.put("objective", coupling.objective());
        root.put("iterations", coupling.iterations());
        root.put("status", coupling.status().name());
        root.put("marginalError", coupling.marginalError());
        root.put("solver", solverName);
        ArrayNode f = root.putArray("sourcePotential");
        for (double v : coupling.sourcePotential()) {
            f.add(v);
        }
        ArrayNode g = root.putArray("targetPotential");
        for (double v : coupling.targetPotential()) {
            g.add(v);
        }
        return root;
    }
}
