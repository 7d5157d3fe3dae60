package io.gmmflow.examples.wim;

import io.gmmflow.wim.flow.CrankNicolsonHeat;
import io.gmmflow.wim.flow.HeatScheme;
import java.nio.file.Path;
import org.knowm.xchart.XYChart;

/**
 * Seed 004 Fig. 2: the 1-D parametric heat scheme (eq. 63) against Crank-Nicolson. Grid mu_i = i dx,
 * i = -n..n on [-5, 5] as a ring of 2n+1 nodes, dx = 0.1, dt = 0.001, start p_i = phi(mu_i) (eq. 62).
 * Writes fig2_heat1d.png (SW solid, CN dashed at t = 0, 0.25, 0.5, 1, 2) and fig2_heat1d_logerror.png
 * (log10 |SW - CN| at the same times), and prints one JSON object: errors at each time, mass drift,
 * minimum, and the error at t = 0.5 under refinement (dt / dx^2 = 0.1).
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=io.gmmflow.examples.wim.WimFig2Heat1d
 * [-Dexec.args=OUTDIR]}.
 */
public final class WimFig2Heat1d {

    private WimFig2Heat1d() {
    }

    static double[] start(double dx) {
        int n = (int) Math.round(5.0 / dx);
        double[] p = new double[2 * n + 1];
        for (int i = -n; i <= n; i++) {
            double x = i * dx;
            p[i + n] = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
        }
        return p;
    }

    public static void main(String[] args) {
        Path dir = WimPlots.outputDir(args);
        double dx = 0.1;
        double dt = 0.001;
        double[] p0 = start(dx);
        int n = (p0.length - 1) / 2;
        double[] x = new double[p0.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i - n) * dx;
        }
        double[] times = {0.25, 0.5, 1.0, 2.0};
        HeatScheme sw = new HeatScheme(dx, dt);
        CrankNicolsonHeat cn = new CrankNicolsonHeat(dx, dt);
        XYChart sol = WimPlots.chart("Fig. 2: 1-D heat, scaling-Wasserstein scheme (solid) vs Crank-Nicolson (dashed)",
                "x", "p");
        XYChart err = WimPlots.chart("Fig. 2: log10 |SW - CN|", "x", "log10 |difference|");
        WimPlots.line(sol, "t = 0", x, p0, WimPlots.COLORS[5], false);
        StringBuilder json = new StringBuilder("{\"figure\":\"seed004-fig2\",\"dx\":0.1,\"dt\":0.001,\"nodes\":")
                .append(p0.length).append(",\"times\":[");
        for (int k = 0; k < times.length; k++) {
            int steps = (int) Math.round(times[k] / dt);
            HeatScheme.Run run = sw.run1d(p0, steps);
            double[] c = cn.solve1d(p0, steps);
            double[] s = run.state();
            double[] logErr = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                logErr[i] = Math.log10(Math.max(Math.abs(s[i] - c[i]), 1e-300));
            }
            WimPlots.line(sol, "SW t = " + times[k], x, s, WimPlots.COLORS[k], false);
            WimPlots.line(sol, "CN t = " + times[k], x, c, WimPlots.COLORS[k], true);
            WimPlots.line(err, "t = " + times[k], x, logErr, WimPlots.COLORS[k], false);
            json.append(k > 0 ? "," : "").append("{\"t\":").append(times[k]).append(",\"maxAbsError\":")
                    .append(WimPlots.num(WimPlots.maxAbsDiff(s, c))).append(",\"peak\":").append(WimPlots.num(c[n]))
                    .append(",\"massDrift\":").append(WimPlots.num(run.massDrift())).append(",\"minimum\":")
                    .append(WimPlots.num(run.minimum())).append(",\"positive\":").append(run.positive()).append('}');
        }
        json.append("],\"refinement\":[");
        double[] dxs = {0.2, 0.1, 0.05, 0.025};
        for (int k = 0; k < dxs.length; k++) {
            double h = dxs[k];
            double tau = 0.1 * h * h;
            int steps = (int) Math.round(0.5 / tau);
            double[] q0 = start(h);
            double e = WimPlots.maxAbsDiff(new HeatScheme(h, tau).run1d(q0, steps).state(),
                    new CrankNicolsonHeat(h, tau).solve1d(q0, steps));
            json.append(k > 0 ? "," : "").append("{\"dx\":").append(h).append(",\"dt\":").append(WimPlots.num(tau))
                    .append(",\"t\":0.5,\"maxAbsError\":").append(WimPlots.num(e)).append('}');
        }
        json.append("]}");
        WimPlots.save(sol, dir.resolve("fig2_heat1d.png"));
        WimPlots.save(err, dir.resolve("fig2_heat1d_logerror.png"));
        System.out.println(json);
    }
}
