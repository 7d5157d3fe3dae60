package io.gmmflow.examples.wim;

import io.gmmflow.api.Integrator;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.Trajectory;
import io.gmmflow.wim.ScalingLimits;
import io.gmmflow.wim.flow.ExtendedPotentialFlow;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.knowm.xchart.XYChart;

/**
 * Seed 004 Fig. 4: the Wasserstein gradient flow of V(x) = sin x on the extended GMM (eq. 60),
 * rho0 = 0.2 N(-1, 0.1) + 0.5 N(0, 0.1) + 0.3 N(3, 0.1), forward Euler (the {@code euler} plugin),
 * dt = 0.01, 5000 steps.
 *
 * <p>0.1 is taken as the <b>variance</b> (sigma = sqrt(0.1) = 0.316): the seed writes its components
 * N(mu_i, sigma^2) throughout (Section 1, Definition 2, eq. 4), so the second argument is a variance.
 * sigma enters eq. 60 only through K(sigma) (here with the gap d = 1 of the two left components):
 * K = 0.869 for sigma^2 = 0.1 and K = 2113 for sigma = 0.1. The means' flow -V'(mu) does not depend
 * on sigma, so both readings send mu_1, mu_2 to -pi/2 and mu_3 to 3 pi/2; they differ only in how much
 * the weights move (a few percent against 1e-4), which the JSON reports for both.
 *
 * <p>Writes fig4_means.png (mu_i(t)), fig4_density.png (rho_t at t = 0, 0.5, 1, 2, 50) and prints JSON.
 */
public final class WimFig4Potential {

    private WimFig4Potential() {
    }

    static Integrator euler() {
        for (Integrator i : ServiceLoader.load(Integrator.class)) {
            if (i.name().equals("euler")) {
                return i;
            }
        }
        throw new IllegalStateException("the euler integrator plugin is not on the class path");
    }

    public static void main(String[] args) {
        Path dir = WimPlots.outputDir(args);
        double[] p0 = {0.2, 0.5, 0.3};
        double[] mu0 = {-1, 0, 3};
        double[] rec = new double[501];
        for (int k = 0; k < rec.length; k++) {
            rec[k] = 0.1 * k;
        }
        StringBuilder json = new StringBuilder("{\"figure\":\"seed004-fig4\",\"dt\":0.01,\"steps\":5000,\"runs\":[");
        Trajectory main = null;
        double mainSigma = Math.sqrt(0.1);
        double[] sigmas = {mainSigma, 0.1};
        for (int r = 0; r < 2; r++) {
            double sigma = sigmas[r];
            double k = Math.exp(ScalingLimits.logHomogeneousScale(sigma, 1.0));
            ExtendedPotentialFlow flow = new ExtendedPotentialFlow(3, Math::sin, Math::cos, k,
                    ExtendedPotentialFlow.Form.SEED_EQ60);
            Trajectory tr = euler().integrate(flow, 0, 50, ExtendedPotentialFlow.state(p0, mu0),
                    Parameters.of("steps", 5000), rec);
            double[] y = tr.endPoints();
            double[] exact = new ExtendedPotentialFlow(3, Math::sin, Math::cos, k, ExtendedPotentialFlow.Form.BLOCK_INVERSE)
                    .velocity(0, ExtendedPotentialFlow.state(p0, mu0));
            json.append(r > 0 ? "," : "").append("{\"sigma\":").append(WimPlots.num(sigma)).append(",\"reading\":\"")
                    .append(r == 0 ? "0.1 is the variance" : "0.1 is the standard deviation").append("\",\"K\":")
                    .append(WimPlots.num(k)).append(",\"status\":\"").append(tr.status()).append("\",\"finalMeans\":")
                    .append(WimPlots.arr(new double[] {y[2], y[3], y[4]})).append(",\"finalWeights\":")
                    .append(WimPlots.arr(ExtendedPotentialFlow.weights(y, 3))).append(",\"targets\":")
                    .append(WimPlots.arr(new double[] {-Math.PI / 2, -Math.PI / 2, 3 * Math.PI / 2}))
                    .append(",\"initialVelocityBlockInverse\":").append(WimPlots.arr(exact)).append('}');
            if (r == 0) {
                main = tr;
            }
        }
        json.append("]}");
        double[][] snaps = main.snapshots();
        double[] t = main.times();
        XYChart means = WimPlots.chart("Fig. 4: means of the extended GMM under V = sin x (sigma^2 = 0.1)", "t", "mu_i");
        for (int i = 0; i < 3; i++) {
            double[] m = new double[snaps.length];
            for (int s = 0; s < snaps.length; s++) {
                m[s] = snaps[s][2 + i];
            }
            WimPlots.line(means, "mu_" + (i + 1), t, m, WimPlots.COLORS[i], false);
        }
        WimPlots.line(means, "-pi/2", new double[] {0, 50}, new double[] {-Math.PI / 2, -Math.PI / 2}, Color.GRAY, true);
        WimPlots.line(means, "3 pi/2", new double[] {0, 50}, new double[] {1.5 * Math.PI, 1.5 * Math.PI}, Color.DARK_GRAY, true);
        XYChart dens = WimPlots.chart("Fig. 4: density rho_t (sigma^2 = 0.1)", "x", "rho");
        double[] xs = new double[801];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = -4 + 10.0 * i / 800;
        }
        int[] at = {0, 5, 10, 20, 500};
        for (int a = 0; a < at.length; a++) {
            double[] y = snaps[at[a]];
            double[] p = ExtendedPotentialFlow.weights(y, 3);
            double[] rho = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                for (int c = 0; c < 3; c++) {
                    double z = (xs[i] - y[2 + c]) / mainSigma;
                    rho[i] += p[c] * Math.exp(-0.5 * z * z) / (Math.sqrt(2 * Math.PI) * mainSigma);
                }
            }
            WimPlots.line(dens, "t = " + t[at[a]], xs, rho, WimPlots.COLORS[a], false);
        }
        WimPlots.save(means, dir.resolve("fig4_means.png"));
        WimPlots.save(dens, dir.resolve("fig4_density.png"));
        System.out.println(json);
    }

    private static final class Color {
        static final java.awt.Color GRAY = java.awt.Color.GRAY;
        static final java.awt.Color DARK_GRAY = java.awt.Color.DARK_GRAY;
    }
}
