package io.gmmflow.examples.exact;

import io.gmmflow.api.Coupling;
import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Parameters;
import io.gmmflow.core.registry.PluginRegistry;
import io.gmmflow.exact.mixture.MixtureGeodesic;
import io.gmmflow.exact.mixture.MixtureMetric;
import io.gmmflow.exact.mixture.MixtureQuantiles;
import io.gmmflow.exact.mixture.MixtureTransport;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/**
 * Seed 002 Figs. 2-7 (Section V-B): the displacement interpolation of standard OMT against the
 * geodesic of the mixture metric (eq. 11), in 1-D and 2-D.
 * <ul>
 *   <li>{@code figure2.png}: the 1-D marginals with their components (red, blue) and the mixture (black);</li>
 *   <li>{@code figure3.png}: (a) OMT interpolation, whose quantile function is (1-t) Q0 + t Q1 (not a
 *       mixture: it has more than two bumps at intermediate t); (b) the mixture geodesic mu_t;</li>
 *   <li>{@code figure4.png}: the two Gaussian components of mu_t;</li>
 *   <li>{@code figure5-7.png}: 2-D marginals, OMT interpolation (discrete OT between 1500 samples of
 *       each, solved by {@code emd}, samples moved along the optimal matching) and samples of mu_t.</li>
 * </ul>
 * Times t = 0, 0.25, 0.5, 0.75, 1. Output directory: first argument (default
 * {@code target/examples/seed002}).
 */
public final class Seed002Geodesics {

    private static final double[] TIMES = {0, 0.25, 0.5, 0.75, 1};
    private static final Color[] TIME_COLORS = {new Color(31, 119, 180), new Color(23, 190, 207), new Color(44, 160, 44),
        new Color(255, 127, 14), new Color(214, 39, 40)};

    private Seed002Geodesics() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path dir = Path.of(args.length > 0 ? args[0] : "target/examples/seed002");
        Files.createDirectories(dir);
        CouplingSolver emd = PluginRegistry.fromServiceLoader().couplingSolver("emd");
        MixtureMetric metric = new MixtureMetric(emd);
        oneDimensional(dir, metric);
        twoDimensional(dir, metric, emd);
    }

    private static void oneDimensional(Path dir, MixtureMetric metric) {
        GaussianMixture mu0 = Seed002Examples.MU0;
        GaussianMixture mu1 = Seed002Examples.MU1;
        double[] x = Seed002Examples.grid(-1, 1, 801);
        List<XYChart> fig2 = new ArrayList<>();
        String[] names = {"(a) mu0", "(b) mu1"};
        GaussianMixture[] mus = {mu0, mu1};
        for (int p = 0; p < 2; p++) {
            XYChart c = Plots.lines("seed 002 Fig. 2 " + names[p], "x", "density", 600, 450);
            Plots.line(c, "component 1", x, Seed002Examples.weightedComponent(mus[p], 0, x), Plots.RED);
            Plots.line(c, "component 2", x, Seed002Examples.weightedComponent(mus[p], 1, x), Plots.BLUE);
            Plots.line(c, "mixture", x, Seed002Examples.density(mus[p], x), Plots.BLACK);
            fig2.add(c);
        }
        Plots.grid(dir.resolve("figure2.png"), "Marginal distributions (seed 002 Fig. 2)", fig2, 2, 600, 450);

        MixtureTransport tr = metric.transport(mu0, mu1);
        MixtureGeodesic geo = tr.geodesic();
        System.out.printf(Locale.ROOT, "{\"figure\":2,\"d\":%.12g,\"plan\":[[%.6g,%.6g],[%.6g,%.6g]]}%n", tr.distance(),
                tr.plan()[0][0], tr.plan()[0][1], tr.plan()[1][0], tr.plan()[1][1]);
        XYChart omt = Plots.lines("(a) OMT (displacement interpolation)", "x", "density", 600, 450);
        XYChart ours = Plots.lines("(b) mixture geodesic mu_t (eq. 11)", "x", "density", 600, 450);
        List<XYChart> fig4 = new ArrayList<>();
        for (int k = 0; k < TIMES.length; k++) {
            double t = TIMES[k];
            MixtureQuantiles.Curve c = MixtureQuantiles.quantileAverage(List.of(mu0, mu1), new double[] {1 - t, t}, 1201, 6);
            Plots.line(omt, "t = " + t, c.x(), c.density(), TIME_COLORS[k]);
            GaussianMixture mt = geo.at(t);
            Plots.line(ours, "t = " + t, x, Seed002Examples.density(mt, x), TIME_COLORS[k]);
            XYChart comps = Plots.lines("t = " + t, "x", "density", 400, 320);
            comps.getStyler().setLegendVisible(k == 0);
            for (int p = 0; p < mt.size(); p++) {
                Plots.line(comps, "component " + (p + 1), x, Seed002Examples.weightedComponent(mt, p, x),
                        p == 0 ? Plots.RED : Plots.BLUE);
            }
            Plots.line(comps, "mu_t", x, Seed002Examples.density(mt, x), Plots.BLACK);
            fig4.add(comps);
            System.out.printf(Locale.ROOT, "{\"figure\":3,\"t\":%.2f,\"components\":%s}%n", t, describe(mt));
        }
        omt.getStyler().setXAxisMin(-1.0).setXAxisMax(1.0);
        Plots.grid(dir.resolve("figure3.png"), "Interpolations (seed 002 Fig. 3)", List.of(omt, ours), 2, 600, 450);
        Plots.grid(dir.resolve("figure4.png"), "Two Gaussian components of the interpolation (seed 002 Fig. 4)", fig4, 5,
                400, 320);
    }

    private static void twoDimensional(Path dir, MixtureMetric metric, CouplingSolver emd) {
        GaussianMixture mu0 = Seed002Examples.PLANE0;
        GaussianMixture mu1 = Seed002Examples.PLANE1;
        int n = 1500;
        double[][] xs = mu0.sample(n, 1L);
        double[][] ys = mu1.sample(n, 2L);
        List<XYChart> fig5 = new ArrayList<>();
        XYChart a = Plots.scatter("(a) mu0", 520, 480);
        Plots.points(a, "mu0", xs, Plots.BLUE);
        XYChart b = Plots.scatter("(b) mu1", 520, 480);
        Plots.points(b, "mu1", ys, Plots.RED);
        fig5.add(a);
        fig5.add(b);
        Plots.grid(dir.resolve("figure5.png"), "Marginal distributions in 2-D (seed 002 Fig. 5; samples)", fig5, 2, 520, 480);

        // Standard OMT between the two sample clouds: the exact assignment (uniform weights).
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0 / n);
        double[][] cost = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dx = xs[i][0] - ys[j][0];
                double dy = xs[i][1] - ys[j][1];
                cost[i][j] = dx * dx + dy * dy;
            }
        }
        Coupling plan = emd.solve(w, w, cost, Parameters.empty());
        int[] match = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < n; j++) {
                if (plan.plan(i, j) > plan.plan(i, best)) {
                    best = j;
                }
            }
            match[i] = best;
        }
        MixtureGeodesic geo = metric.transport(mu0, mu1).geodesic();
        List<XYChart> fig6 = new ArrayList<>();
        List<XYChart> fig7 = new ArrayList<>();
        for (int k = 0; k < TIMES.length; k++) {
            double t = TIMES[k];
            double[][] moved = new double[n][2];
            for (int i = 0; i < n; i++) {
                moved[i][0] = (1 - t) * xs[i][0] + t * ys[match[i]][0];
                moved[i][1] = (1 - t) * xs[i][1] + t * ys[match[i]][1];
            }
            XYChart c6 = Plots.scatter("t = " + t, 360, 340);
            Plots.points(c6, "OMT", moved, TIME_COLORS[k]);
            fix(c6);
            fig6.add(c6);
            XYChart c7 = Plots.scatter("t = " + t, 360, 340);
            Plots.points(c7, "mu_t", geo.at(t).sample(n, 10L + k), TIME_COLORS[k]);
            fix(c7);
            fig7.add(c7);
        }
        Plots.grid(dir.resolve("figure6.png"), "OMT interpolation in 2-D (seed 002 Fig. 6; exact matching of 1500 samples)",
                fig6, 5, 360, 340);
        Plots.grid(dir.resolve("figure7.png"), "Mixture geodesic mu_t in 2-D (seed 002 Fig. 7; samples of mu_t)", fig7, 5,
                360, 340);
        System.out.printf(Locale.ROOT, "{\"figure\":7,\"d\":%.12g,\"omtSampleCost\":%.12g}%n",
                metric.distance(mu0, mu1), Math.sqrt(plan.objective()));
    }

    private static void fix(XYChart c) {
        c.getStyler().setXAxisMin(-3.5).setXAxisMax(3.5).setYAxisMin(-3.5).setYAxisMax(3.5);
    }

    private static String describe(GaussianMixture m) {
        StringBuilder s = new StringBuilder("[");
        for (int p = 0; p < m.size(); p++) {
            if (p > 0) {
                s.append(',');
            }
            s.append(String.format(Locale.ROOT, "{\"weight\":%.6g,\"mean\":%.6g,\"variance\":%.6g}", m.weight(p),
                    m.component(p).mean(0), m.component(p).covariance(0, 0)));
        }
        return s.append(']').toString();
    }
}
