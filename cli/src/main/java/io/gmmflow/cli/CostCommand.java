package io.gmmflow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmmflow.api.CostModel;
import io.gmmflow.api.GaussianMixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gmmflow cost --cost NAME --source FILE --target FILE [--epsilon E]}: the K0 x K1 matrix of a
 * cost plugin between the components of two GMMs, printed as {@code {"cost":NAME,"matrix":[[..],..]}}.
 * Works for every registered {@link CostModel} ({@code surrogate}, {@code exact}, ...).
 *
 * <p>{@code --epsilon} sets the cost's regularization parameter when it has one: the parameter named
 * {@code epsilon}, or else its only parameter whose name starts with {@code eps} (e.g. {@code eps1});
 * a cost without one rejects the option (exit 2). Other parameters go through
 * {@code --cost-param NAME=VALUE}.
 */
@Command(name = "cost", description = "Pairwise cost matrix between the components of two GMMs.")
final class CostCommand extends AbstractCommand {

    @Option(names = "--cost", paramLabel = "NAME", required = true, description = "Cost plugin (surrogate, exact, ...).")
    private String costName;

    @Mixin
    private SourceTargetOptions files;

    @Option(names = "--epsilon", paramLabel = "E", description = "The cost's regularization parameter, if it has one.")
    private Double epsilon;

    @Option(names = "--cost-param", paramLabel = "NAME=VALUE", description = "Any other cost parameter (repeatable).")
    private Map<String, Double> costExtra;

    @Mixin
    private OutputOption output;

    @Override
    protected int execute() {
        CostModel cost = registry().costModel(costName);
        GaussianMixture s = files.source();
        GaussianMixture t = files.target();
        PluginParameters params = new PluginParameters(cost, "cost")
                .put("--epsilon", epsilonName(cost), epsilon)
                .putAll("--cost-param", costExtra);
        double[][] c = cost.matrix(s, t, params.build());
        ObjectNode root = object();
        root.put("cost", cost.name());
        ArrayNode matrix = root.putArray("matrix");
        for (double[] row : c) {
            ArrayNode r = matrix.addArray();
            for (double v : row) {
                r.add(v);
            }
        }
        printJson(root, output.file());
        return 0;
    }

    /** The parameter {@code --epsilon} maps to: "epsilon", else the only one starting with "eps", else "epsilon" (rejected). */
    static String epsilonName(CostModel cost) {
        if (cost.defaults().has("epsilon")) {
            return "epsilon";
        }
        List<String> eps = new ArrayList<>();
        for (String n : cost.defaults().names()) {
            if (n.toLowerCase(Locale.ROOT).startsWith("eps")) {
                eps.add(n);
            }
        }
        return eps.size() == 1 ? eps.get(0) : "epsilon";
    }
}
