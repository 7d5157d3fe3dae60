package io.gmmflow.examples.exact;

import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.core.registry.PluginRegistry;
import io.gmmflow.exact.mixture.MixtureMetric;
import io.gmmflow.exact.mixture.MixtureQuantiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/**
 * Seed 002 Fig. 1 (Section V-A): mu0 = N(0, 1) and mu1 = (N(-Delta, 1) + N(Delta, 1)) / 2. The
 * mixture metric d (exact plan by {@code emd}) equals Delta; the true W2 (by quantile functions,
 * {@link MixtureQuantiles}) stays below it, and the gap grows with Delta.
 *
 * <p>Writes {@code figure1.csv} (delta, d, w2) and {@code figure1.png} into the directory given as
 * the first argument (default {@code target/examples/seed002}); prints one JSON line per Delta.
 */
public final class Seed002Figure1 {

    private Seed002Figure1() {
    }

    static GaussianMixture mixture(double[] w, double[] means) {
        Gaussian[] g = new Gaussian[means.length];
        for (int i = 0; i < means.length; i++) {
            g[i] = Gaussian.of(new double[] {means[i]}, new double[][] {{1}});
        }
        return GaussianMixture.of(w, List.of(g));
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path dir = Path.of(args.length > 0 ? args[0] : "target/examples/seed002");
        Files.createDirectories(dir);
        CouplingSolver emd = PluginRegistry.fromServiceLoader().couplingSolver("emd");
        MixtureMetric metric = new MixtureMetric(emd);
        GaussianMixture mu0 = mixture(new double[] {1}, new double[] {0});
        int n = 51;
        double[] delta = new double[n];
        double[] d = new double[n];
        double[] w2 = new double[n];
        StringBuilder csv = new StringBuilder("delta,d,w2\n");
        for (int i = 0; i < n; i++) {
            delta[i] = 5.0 * i / (n - 1);
            GaussianMixture mu1 = mixture(new double[] {0.5, 0.5}, new double[] {-delta[i], delta[i]});
            d[i] = metric.distance(mu0, mu1);
            MixtureQuantiles.W2Result w = MixtureQuantiles.w2Squared(mu0, mu1);
            w2[i] = w.w2();
            csv.append(String.format(Locale.ROOT, "%.4f,%.15g,%.15g%n", delta[i], d[i], w2[i]));
            System.out.printf(Locale.ROOT, "{\"delta\":%.4f,\"d\":%.15g,\"w2\":%.15g,\"w2Status\":\"%s\"}%n",
                    delta[i], d[i], w2[i], w.status());
        }
        Files.writeString(dir.resolve("figure1.csv"), csv.toString());
        XYChart chart = Plots.lines("seed 002 Fig. 1: d vs W2, mu0 = N(0,1), mu1 = (N(-D,1) + N(D,1))/2",
                "Delta", "distance", 800, 560);
        Plots.line(chart, "d(mu0, mu1) (mixture metric)", delta, d, Plots.RED);
        Plots.line(chart, "W2(mu0, mu1) (quantile functions)", delta, w2, Plots.BLUE);
        Plots.grid(dir.resolve("figure1.png"), "d >= W2; d = Delta", List.of(chart), 1, 800, 560);
    }
}
