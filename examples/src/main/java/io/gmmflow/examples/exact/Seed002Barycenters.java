package io.gmmflow.examples.exact;

import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.core.registry.PluginRegistry;
import io.gmmflow.exact.mixture.MixtureBarycenter;
import io.gmmflow.exact.mixture.MixtureMetric;
import io.gmmflow.exact.mixture.MixtureQuantiles;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/**
 * Seed 002 Figs. 8-10 (Section V-C): three 1-D mixtures (Fig. 8) and their barycenters for two sets
 * of weights (Figs. 9, 10): the mixture barycenter of eq. 17 by the LP of eq. 19-20 over all
 * component tuples, against the standard OMT barycenter (quantile function sum_k lambda_k Q_k),
 * which is not a two-bump mixture. The seed does not print its two weight sets; these are
 * (1/3, 1/3, 1/3) and (0.6, 0.2, 0.2). Prints each barycenter's parameters and objective as JSON
 * lines; PNGs go to the first argument (default {@code target/examples/seed002}).
 */
public final class Seed002Barycenters {

    private Seed002Barycenters() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path dir = Path.of(args.length > 0 ? args[0] : "target/examples/seed002");
        Files.createDirectories(dir);
        CouplingSolver emd = PluginRegistry.fromServiceLoader().couplingSolver("emd");
        MixtureMetric metric = new MixtureMetric(emd);
        List<GaussianMixture> inputs = List.of(Seed002Examples.MU0, Seed002Examples.MU1, Seed002Examples.MU2);
        double[] x = Seed002Examples.grid(-1, 1, 801);
        Color[] colors = {Plots.RED, Plots.BLUE, Plots.GREEN};
        XYChart fig8 = Plots.lines("seed 002 Fig. 8: mu1, mu2, mu3", "x", "density", 700, 480);
        for (int k = 0; k < 3; k++) {
            Plots.line(fig8, "mu" + (k + 1), x, Seed002Examples.density(inputs.get(k), x), colors[k]);
        }
        Plots.grid(dir.resolve("figure8.png"), "Three Gaussian mixtures (seed 002 Fig. 8)", List.of(fig8), 1, 700, 480);

        double[][] weightSets = {{1 / 3.0, 1 / 3.0, 1 / 3.0}, {0.6, 0.2, 0.2}};
        for (int s = 0; s < weightSets.length; s++) {
            double[] lambdas = weightSets[s];
            MixtureBarycenter.Result r = MixtureBarycenter.overAllTuples(inputs, lambdas);
            GaussianMixture bary = r.barycenter();
            double check = 0;
            for (int k = 0; k < 3; k++) {
                check += lambdas[k] * metric.transport(bary, inputs.get(k)).distanceSquared();
            }
            StringBuilder comps = new StringBuilder();
            for (int p = 0; p < bary.size(); p++) {
                comps.append(p == 0 ? "" : ",").append(String.format(Locale.ROOT,
                        "{\"weight\":%.6f,\"mean\":%.6f,\"variance\":%.6f}", bary.weight(p), bary.component(p).mean(0),
                        bary.component(p).covariance(0, 0)));
            }
            System.out.printf(Locale.ROOT, "{\"figure\":%d,\"lambdas\":[%.4f,%.4f,%.4f],\"status\":\"%s\",\"candidates\":%d,"
                            + "\"objective\":%.12g,\"objectiveByMetric\":%.12g,\"components\":[%s]}%n",
                    9 + s, lambdas[0], lambdas[1], lambdas[2], r.status(), r.candidates(), r.objective(), check, comps);
            MixtureQuantiles.Curve omt = MixtureQuantiles.quantileAverage(inputs, lambdas, 1201, 6);
            XYChart a = Plots.lines("(a) OMT barycenter", "x", "density", 600, 450);
            Plots.line(a, "quantile average", omt.x(), omt.density(), Plots.BLACK);
            a.getStyler().setXAxisMin(-1.0).setXAxisMax(1.0);
            XYChart b = Plots.lines("(b) mixture barycenter (eq. 19-20)", "x", "density", 600, 450);
            for (int p = 0; p < bary.size(); p++) {
                Plots.line(b, "component " + (p + 1), x, Seed002Examples.weightedComponent(bary, p, x),
                        p == 0 ? Plots.RED : (p == 1 ? Plots.BLUE : Plots.GREY));
            }
            Plots.line(b, "barycenter", x, Seed002Examples.density(bary, x), Plots.BLACK);
            List<XYChart> panels = new ArrayList<>(List.of(a, b));
            Plots.grid(dir.resolve("figure" + (9 + s) + ".png"), String.format(Locale.ROOT,
                    "Barycenters, lambda = (%.2f, %.2f, %.2f) (seed 002 Fig. %d)", lambdas[0], lambdas[1], lambdas[2], 9 + s),
                    panels, 2, 600, 450);
        }
    }
}
