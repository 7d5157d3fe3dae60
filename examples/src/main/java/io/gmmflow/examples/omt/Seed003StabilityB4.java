package io.gmmflow.examples.omt;

import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Parameters;
import io.gmmflow.core.fit.FitSettings;
import io.gmmflow.core.fit.GmmFitter;
import io.gmmflow.core.metrics.TransportMetrics;
import io.gmmflow.core.registry.PluginRegistry;
import io.gmmflow.omt.OmtResult;
import io.gmmflow.omt.OptimalMixtureTransport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Seed 003 Appendix B.4: how much the mixture weights Omega and the transport cost T_c move when
 * the source training points are perturbed, OMT against GMM-OT on identical GMMs.
 *
 * <p>Setup (the W2 benchmark of the seed is not available here, so a 2-D task stands in): source
 * training points from "8 gaussians", target training points from "two moons", 10,000 each. For
 * each complexity (K_s, K_t) in {(5, 15), (10, 20)}: full-covariance EM fits (seed 1); baseline
 * weights Omega by OMT (eps1 = eps2 = 0.01, the seed's values, {@code sinkhorn}), by OMT with
 * eps1 = eps2 = 0.1 and 1 (to see where the regularization starts to matter), and by GMM-OT (W2 costs, exact {@code emd} plan). Then for each noise level
 * sigma in {0.1, 0.25, 0.5, 1.0} and 10 seeds: the source points plus N(0, sigma^2 I), the source
 * GMM refitted by EM started from the baseline source GMM (so that component i stays component i
 * and Omega~ is comparable with Omega entry by entry), the target GMM unchanged, and every method
 * re-solved on the same pair of GMMs. Reported per (K_s, K_t, sigma, method): mean and standard
 * deviation over the seeds of TMD = |Omega~ - Omega|_F / |Omega|_F and of the percentage change of
 * T_c = sum omega_ij E_{p_ij}|x - y|^2 (Table 5).
 *
 * <p>Output: one JSON line per row on standard output, and {@code b4_tmd.png},
 * {@code b4_tc.png} (bars: methods by noise level, for K_s, K_t = 5, 15).
 * Run: {@code examples/run omt.Seed003StabilityB4 [OUTDIR]} (default {@code target/examples/omt}).
 */
public final class Seed003StabilityB4 {

    private Seed003StabilityB4() {
    }

    private record Method(String name, OptimalMixtureTransport engine, Parameters parameters) {
        OmtResult solve(GaussianMixture s, GaussianMixture t) {
            return engine.solve(s, t, parameters);
        }
    }

    public static void main(String[] args) {
        Path dir = OmtPlots.outputDir(args, "target/examples/omt");
        PluginRegistry registry = PluginRegistry.fromServiceLoader();
        CouplingSolver sinkhorn = registry.couplingSolver("sinkhorn");
        CouplingSolver emd = registry.couplingSolver("emd");
        List<Method> methods = List.of(
                new Method("omt-eps0.01", OptimalMixtureTransport.omt(sinkhorn), Parameters.of("eps1", 0.01, "eps2", 0.01)),
                new Method("omt-eps0.1", OptimalMixtureTransport.omt(sinkhorn), Parameters.of("eps1", 0.1, "eps2", 0.1)),
                new Method("omt-eps1", OptimalMixtureTransport.omt(sinkhorn), Parameters.of("eps1", 1.0, "eps2", 1.0)),
                new Method("gmm-ot", OptimalMixtureTransport.gmmOt(emd), Parameters.empty()));
        double[] sigmas = {0.1, 0.25, 0.5, 1.0};
        int seeds = 10;
        int n = 10_000;
        double[][] xTrain = OmtData.sample("8gaussians", n, 1);
        double[][] yTrain = OmtData.sample("moons", n, 2);
        GmmFitter fitter = new GmmFitter();
        int[][] complexities = {{5, 15}, {10, 20}};
        double[][][] tmdMeans = new double[methods.size()][sigmas.length][];
        double[][][] tcMeans = new double[methods.size()][sigmas.length][];
        for (int[] ks : complexities) {
            GaussianMixture source = fitter.fit(xTrain, FitSettings.of(ks[0], CovarianceType.FULL, 1).withRestarts(3)).mixture();
            GaussianMixture target = fitter.fit(yTrain, FitSettings.of(ks[1], CovarianceType.FULL, 1).withRestarts(3)).mixture();
            OmtResult[] base = new OmtResult[methods.size()];
            for (int m = 0; m < methods.size(); m++) {
                base[m] = methods.get(m).solve(source, target);
            }
            for (int si = 0; si < sigmas.length; si++) {
                double[][] tmd = new double[methods.size()][seeds];
                double[][] dtc = new double[methods.size()][seeds];
                for (int r = 0; r < seeds; r++) {
                    double[][] noisy = OmtData.perturb(xTrain, sigmas[si], 1000L * si + r);
                    GaussianMixture refit = fitter.fitFrom(noisy, source, FitSettings.of(ks[0], CovarianceType.FULL, 1)).mixture();
                    for (int m = 0; m < methods.size(); m++) {
                        OmtResult p = methods.get(m).solve(refit, target);
                        tmd[m][r] = TransportMetrics.tmd(p.weights(), base[m].weights());
                        dtc[m][r] = TransportMetrics.percentChange(base[m].transportCost(), p.transportCost());
                    }
                }
                for (int m = 0; m < methods.size(); m++) {
                    double[] a = meanSd(tmd[m]);
                    double[] b = meanSd(dtc[m]);
                    System.out.println(String.format(Locale.ROOT,
                            "{\"Ks\":%d,\"Kt\":%d,\"sigma\":%s,\"method\":\"%s\",\"tmdMean\":%s,\"tmdSd\":%s,"
                                    + "\"tcChangePercentMean\":%s,\"tcChangePercentSd\":%s,\"baselineTc\":%s}",
                            ks[0], ks[1], OmtPlots.num(sigmas[si]), methods.get(m).name(), OmtPlots.num(a[0]),
                            OmtPlots.num(a[1]), OmtPlots.num(b[0]), OmtPlots.num(b[1]),
                            OmtPlots.num(base[m].transportCost())));
                    if (ks[0] == 5) {
                        tmdMeans[m][si] = a;
                        tcMeans[m][si] = b;
                    }
                }
            }
        }
        OmtPlots.save(bars("TMD under source noise (Ks=5, Kt=15), mean over 10 seeds", "TMD", methods, sigmas, tmdMeans),
                dir.resolve("b4_tmd.png"));
        OmtPlots.save(bars("Change of T_c in % (Ks=5, Kt=15), mean over 10 seeds", "|dT_c| %", methods, sigmas, tcMeans),
                dir.resolve("b4_tc.png"));
    }

    private static CategoryChart bars(String title, String y, List<Method> methods, double[] sigmas, double[][][] values) {
        System.setProperty("java.awt.headless", "true");
        CategoryChart c = new CategoryChartBuilder().width(900).height(550).title(title).xAxisTitle("noise sigma")
                .yAxisTitle(y).build();
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        List<String> xs = new ArrayList<>();
        for (double s : sigmas) {
            xs.add(String.valueOf(s));
        }
        for (int m = 0; m < methods.size(); m++) {
            List<Double> means = new ArrayList<>();
            List<Double> sds = new ArrayList<>();
            for (int si = 0; si < sigmas.length; si++) {
                means.add(values[m][si][0]);
                sds.add(values[m][si][1]);
            }
            c.addSeries(methods.get(m).name(), xs, means, sds);
        }
        return c;
    }

    private static double[] meanSd(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        double mean = s / v.length;
        double q = 0;
        for (double x : v) {
            q += (x - mean) * (x - mean);
        }
        return new double[] {mean, Math.sqrt(q / (v.length - 1))};
    }
}
