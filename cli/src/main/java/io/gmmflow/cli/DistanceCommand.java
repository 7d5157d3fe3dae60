package io.gmmflow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.exact.mixture.MixtureMetric;
import io.gmmflow.exact.mixture.MixtureTransport;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gmmflow distance}: seed 002's mixture metric d (eq. 9-10) between two GMMs, with the exact
 * plan of the component weights ({@code emd} from the registry by default). Prints
 * {@code {"distance":d,"plan":[[..]]}} plus {@code distanceSquared}, the W2^2 cost matrix
 * {@code costs}, the solver's {@code status} and name.
 */
@Command(name = "distance", description = "Seed 002 mixture metric d between two GMMs (W2^2 costs, exact plan).")
final class DistanceCommand extends AbstractCommand {

    @Mixin
    private SourceTargetOptions files;

    @Option(names = "--solver", paramLabel = "NAME", defaultValue = "emd",
            description = "Coupling solver for the weights (default: ${DEFAULT-VALUE}, the exact plan of eq. 9).")
    private String solverName;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A solver parameter (repeatable).")
    private Map<String, Double> solverExtra;

    @Mixin
    private OutputOption output;

    @Override
    protected int execute() {
        CouplingSolver solver = registry().couplingSolver(solverName);
        GaussianMixture source = files.source();
        GaussianMixture target = files.target();
        MixtureMetric metric = new MixtureMetric(solver,
                new PluginParameters(solver, "solver").putAll("--param", solverExtra).build());
        MixtureTransport tr = metric.transport(source, target);
        ObjectNode root = object();
        root.put("distance", tr.distance());
        root.set("plan", matrix(tr.plan()));
        root.put("distanceSquared", tr.distanceSquared());
        root.set("costs", matrix(tr.costMatrix()));
        root.put("status", tr.status().name());
        root.put("solver", solver.name());
        printJson(root, output.file());
        return 0;
    }

    static ArrayNode matrix(double[][] m) {
        ArrayNode rows = object().arrayNode();
        for (double[] row : m) {
            ArrayNode r = rows.addArray();
            for (double v : row) {
                r.add(v);
            }
        }
        return rows;
    }
}
