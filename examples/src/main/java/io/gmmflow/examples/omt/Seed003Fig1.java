package io.gmmflow.examples.omt;

import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Parameters;
import io.gmmflow.core.fit.FitSettings;
import io.gmmflow.core.fit.GmmFit;
import io.gmmflow.core.fit.GmmFitter;
import io.gmmflow.core.metrics.Mmd;
import io.gmmflow.core.registry.PluginRegistry;
import io.gmmflow.omt.MixtureTransportPlan;
import io.gmmflow.omt.OmtResult;
import io.gmmflow.omt.OptimalMixtureTransport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;

/**
 * Seed 003 Fig. 1: a standard normal source transported to 2-D targets (8 gaussians, two moons,
 * circles, a spiral) by entropic OMT, trained on 10,000 points of each side.
 *
 * <p>Pipeline per task: EM fits (source K0 = 10, target K1 = 30, full covariances, 3 restarts,
 * seed 1) on 10,000 training points; OMT weights with eps1 = eps2 = 0.01 (seed 003 Appendix B.3)
 * by the {@code sinkhorn} solver; 10,000 fresh standard normal points pushed by the random map
 * (a draw from the plan's conditional, which is what "generates" the target) and by the forward
 * (conditional-mean) map. MMD: the unbiased MMD^2 with a Gaussian kernel whose bandwidth is the
 * median pairwise distance of the pooled clouds (seeded subsample of 500 + 500 points), against
 * 10,000 fresh target points, printed as 100 MMD^2 (percent). Two reference values per task: two
 * independent target samples (the noise floor) and samples of the fitted target GMM (what any
 * method built on this GMM can reach).
 *
 * <p>Output: {@code fig1.png} (top row the target test points, middle row OMT random-map samples,
 * bottom row forward-map images) and one JSON line per task on standard output.
 * Run: {@code examples/run omt.Seed003Fig1 [OUTDIR]} (default {@code target/examples/omt}). About a minute on 2 cores.
 */
public final class Seed003Fig1 {

    private Seed003Fig1() {
    }

    public static void main(String[] args) {
        Path dir = OmtPlots.outputDir(args, "target/examples/omt");
        int n = 10_000;
        CouplingSolver sinkhorn = PluginRegistry.fromServiceLoader().couplingSolver("sinkhorn");
        OptimalMixtureTransport omt = OptimalMixtureTransport.omt(sinkhorn);
        GmmFitter fitter = new GmmFitter();
        double[][] sourceTrain = OmtData.sample("normal", n, 11);
        double[][] sourceTest = OmtData.sample("normal", n, 12);
        GmmFit sourceFit = fitter.fit(sourceTrain, FitSettings.of(10, CovarianceType.FULL, 1).withRestarts(3));
        List<XYChart> top = new ArrayList<>();
        List<XYChart> middle = new ArrayList<>();
        List<XYChart> bottom = new ArrayList<>();
        int t = 0;
        for (String task : OmtData.TASKS) {
            long started = System.nanoTime();
            double[][] train = OmtData.sample(task, n, 100 + t);
            double[][] test = OmtData.sample(task, n, 200 + t);
            double[][] test2 = OmtData.sample(task, n, 300 + t);
            GmmFit targetFit = fitter.fit(train, FitSettings.of(30, CovarianceType.FULL, 1).withRestarts(3));
            GaussianMixture target = targetFit.mixture();
            OmtResult r = omt.solve(sourceFit.mixture(), target, Parameters.of("eps1", 0.01, "eps2", 0.01));
            MixtureTransportPlan plan = r.plan();
            double[][] generated = plan.randomForward(sourceTest, 13);
            double[][] forward = plan.forward(sourceTest);
            Mmd.Result mRandom = Mmd.unbiased(generated, test, 0);
            Mmd.Result mForward = Mmd.unbiased(forward, test, 0);
            Mmd.Result mFloor = Mmd.unbiased(test2, test, 0);
            Mmd.Result mGmm = Mmd.unbiased(target.sample(n, 14), test, 0);
            double seconds = (System.nanoTime() - started) * 1e-9;
            System.out.println("{\"task\":\"" + task + "\",\"mmdPercentRandomMap\":" + OmtPlots.num(mRandom.percent())
                    + ",\"mmdPercentForwardMap\":" + OmtPlots.num(mForward.percent())
                    + ",\"mmdPercentFittedGmm\":" + OmtPlots.num(mGmm.percent())
                    + ",\"mmdPercentTwoTargetSamples\":" + OmtPlots.num(mFloor.percent())
                    + ",\"bandwidth\":" + OmtPlots.num(mRandom.bandwidth())
                    + ",\"omtStatus\":\"" + r.status() + "\",\"marginalError\":" + OmtPlots.num(r.marginalError())
                    + ",\"sourceFit\":\"" + sourceFit.status() + "\",\"targetFit\":\"" + targetFit.status()
                    + "\",\"seconds\":" + OmtPlots.num(seconds) + "}");
            double lim = 4.5;
            top.add(OmtPlots.scatter(task + ": target", test, OmtPlots.TARGET, lim, 5000));
            middle.add(OmtPlots.scatter(String.format(java.util.Locale.ROOT, "OMT random map, MMD %.3f%%",
                    mRandom.percent()), generated, OmtPlots.GENERATED, lim, 5000));
            bottom.add(OmtPlots.scatter(String.format(java.util.Locale.ROOT, "forward map, MMD %.3f%%",
                    mForward.percent()), forward, OmtPlots.FORWARD, lim, 5000));
            t++;
        }
        List<XYChart> all = new ArrayList<>(top);
        all.addAll(middle);
        all.addAll(bottom);
        OmtPlots.grid(all, OmtData.TASKS.length, dir.resolve("fig1.png"));
    }
}
