package io.gmmflow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmmflow.wim.Gmm1d;
import io.gmmflow.wim.InformationMatrices;
import io.gmmflow.wim.InformationMatrixQuadrature;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gmmflow wim --weights p1,..,pN --means m1,..,mN --sigma s (or s1,..,sN)}: seed 004's Fisher
 * and Wasserstein information matrices of a 1-D GMM in theta coordinates, with their scaling limits
 * (module method-scaling-wim). Prints
 * {@code {"wasserstein":[[..]] (null where it overflows a double),"wassersteinScaled":G_W/K,
 * "wassersteinLimit":[[..]],"fisher":[[..]],"fisherLimit":[[..]],"logScale":log K}} plus
 * {@code scaling} (HOMOGENEOUS, MATCHED or UNMATCHED: which of Theorems 3 and 4 gives K),
 * {@code wassersteinThetaMu}, {@code wassersteinMuMu} (Theorem 6 blocks), {@code converged} and
 * {@code maxRelativeError}. Bad input (N < 2, means not increasing, sigma <= 0, weights outside the open
 * simplex, lengths that differ) exits 2.
 */
@Command(name = "wim", description = "Seed 004: Fisher and Wasserstein information matrices of a 1-D GMM "
        + "(theta coordinates) and their sigma -> 0 scaling limits.")
final class WimCommand extends AbstractCommand {

    @Option(names = "--weights", required = true, split = ",", paramLabel = "p1,..,pN",
            description = "Mixture weights, all > 0, summing to 1.")
    private double[] weights;

    @Option(names = "--means", required = true, split = ",", paramLabel = "m1,..,mN",
            description = "Component means, strictly increasing.")
    private double[] means;

    @Option(names = "--sigma", required = true, split = ",", paramLabel = "s|s1,..,sN",
            description = "One standard deviation for all components, or one per component.")
    private double[] sigma;

    @Option(names = "--rtol", defaultValue = "1e-12", paramLabel = "R",
            description = "Relative tolerance of the quadrature per entry (default ${DEFAULT-VALUE}).")
    private double rtol;

    @Mixin
    private OutputOption output;

    @Override
    protected int execute() {
        if (!(rtol >= 1e-14 && rtol <= 1e-3)) {
            throw badOption("--rtol must be in [1e-14, 1e-3], got " + rtol);
        }
        double[] s = sigma;
        if (s.length == 1 && means.length > 1) {
            s = new double[means.length];
            Arrays.fill(s, sigma[0]);
        }
        if (s.length != means.length || weights.length != means.length) {
            throw badOption("--weights, --means and --sigma must have the same length (or one sigma); got "
                    + weights.length + " weights, " + means.length + " means, " + sigma.length + " sigmas");
        }
        Gmm1d model = new Gmm1d(means, s, weights);
        InformationMatrices im = InformationMatrixQuadrature.compute(model,
                InformationMatrixQuadrature.Rule.GAUSS_KRONROD, rtol);
        ObjectNode o = object();
        int m = im.dimension();
        ArrayNode w = o.putArray("wasserstein");
        for (int i = 0; i < m; i++) {
            ArrayNode row = w.addArray();
            for (int j = 0; j < m; j++) {
                Double v = im.wassersteinOrNull(i, j);
                if (v == null) {
                    row.addNull();
                } else {
                    row.add(v);
                }
            }
        }
        matrix(o, "wassersteinScaled", im.wassersteinScaled());
        matrix(o, "wassersteinLimit", im.wassersteinLimit());
        matrix(o, "fisher", im.fisher());
        matrix(o, "fisherLimit", im.fisherLimit());
        o.put("logScale", im.logScale());
        o.put("scaling", im.scaling().kind().name());
        matrix(o, "wassersteinThetaMu", im.wassersteinThetaMu());
        matrix(o, "wassersteinMuMu", im.wassersteinMuMu());
        o.put("converged", im.converged());
        o.put("maxRelativeError", im.maxRelativeError());
        printJson(o, output.file());
        return 0;
    }

    private static void matrix(ObjectNode o, String key, double[][] a) {
        ArrayNode arr = o.putArray(key);
        for (double[] r : a) {
            ArrayNode row = arr.addArray();
            for (double v : r) {
                if (Double.isFinite(v)) {
                    row.add(v);
                } else {
                    row.addNull();
                }
            }
        }
    }
}
