package io.gmmflow.examples.wim;

import io.gmmflow.wim.flow.CrankNicolsonHeat;
import io.gmmflow.wim.flow.HeatScheme;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;

/**
 * Seed 004 Fig. 3: the 2-D parametric heat scheme (eq. 56) against 2-D Crank-Nicolson on the periodic
 * grid [-5, 5]^2 (101 x 101 nodes), dx = 0.1, dt = 0.001, start exp(-(x^2 + y^2)/2) / (2 pi). Writes
 * fig3_heat2d_slices.png (the y = 0 slice, SW solid and CN dashed, at t = 0.1, 0.25, 0.5),
 * fig3_heat2d_logerror.png (log10 |SW - CN| on the grid at t = 0.5) and prints JSON with the errors,
 * mass drift and minimum, and the error at t = 0.25 under refinement.
 */
public final class WimFig3Heat2d {

    private WimFig3Heat2d() {
    }

    static double[] start(double dx) {
        int n = (int) Math.round(5.0 / dx);
        int m = 2 * n + 1;
        double[] p = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double x = (i - n) * dx;
                double y = (j - n) * dx;
                p[i * m + j] = Math.exp(-0.5 * (x * x + y * y)) / (2 * Math.PI);
            }
        }
        return p;
    }

    public static void main(String[] args) {
        Path dir = WimPlots.outputDir(args);
        double dx = 0.1;
        double dt = 0.001;
        double[] p0 = start(dx);
        int m = (int) Math.round(Math.sqrt(p0.length));
        int n = (m - 1) / 2;
        double[] x = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = (i - n) * dx;
        }
        double[] times = {0.1, 0.25, 0.5};
        HeatScheme sw = new HeatScheme(dx, dt);
        CrankNicolsonHeat cn = new CrankNicolsonHeat(dx, dt);
        XYChart slices = WimPlots.chart("Fig. 3: 2-D heat, slice y = 0: SW (solid) vs Crank-Nicolson (dashed)", "x", "p");
        StringBuilder json = new StringBuilder("{\"figure\":\"seed004-fig3\",\"dx\":0.1,\"dt\":0.001,\"grid\":")
                .append(m).append(",\"times\":[");
        double[] lastSw = null;
        double[] lastCn = null;
        for (int k = 0; k < times.length; k++) {
            int steps = (int) Math.round(times[k] / dt);
            HeatScheme.Run run = sw.run2d(p0, m, steps);
            double[] s = run.state();
            double[] c = cn.solve2d(p0, m, steps);
            double[] ss = new double[m];
            double[] cs = new double[m];
            for (int i = 0; i < m; i++) {
                ss[i] = s[i * m + n];
                cs[i] = c[i * m + n];
            }
            WimPlots.line(slices, "SW t = " + times[k], x, ss, WimPlots.COLORS[k], false);
            WimPlots.line(slices, "CN t = " + times[k], x, cs, WimPlots.COLORS[k], true);
            json.append(k > 0 ? "," : "").append("{\"t\":").append(times[k]).append(",\"maxAbsError\":")
                    .append(WimPlots.num(WimPlots.maxAbsDiff(s, c))).append(",\"peak\":").append(WimPlots.num(c[n * m + n]))
                    .append(",\"massDrift\":").append(WimPlots.num(run.massDrift())).append(",\"minimum\":")
                    .append(WimPlots.num(run.minimum())).append(",\"positive\":").append(run.positive()).append('}');
            lastSw = s;
            lastCn = c;
        }
        double[][] logErr = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                logErr[i][j] = Math.log10(Math.max(Math.abs(lastSw[i * m + j] - lastCn[i * m + j]), 1e-20));
            }
        }
        HeatMapChart hm = new HeatMapChartBuilder().width(800).height(700)
                .title("Fig. 3(c): log10 |SW - CN| at t = 0.5").xAxisTitle("x").yAxisTitle("y").build();
        hm.getStyler().setShowValue(false);
        hm.getStyler().setPlotContentSize(1.0);
        int stride = 4;
        int k = (m + stride - 1) / stride;
        java.util.List<Double> xs = new java.util.ArrayList<>();
        java.util.List<Number[]> z = new java.util.ArrayList<>();
        for (int a = 0; a < k; a++) {
            xs.add(Math.round(x[a * stride] * 10) / 10.0);
            for (int b = 0; b < k; b++) {
                z.add(new Number[] {a, b, Math.round(logErr[a * stride][b * stride] * 100) / 100.0});
            }
        }
        double zMin = Double.POSITIVE_INFINITY;
        double zMax = Double.NEGATIVE_INFINITY;
        for (Number[] e : z) {
            zMin = Math.min(zMin, e[2].doubleValue());
            zMax = Math.max(zMax, e[2].doubleValue());
        }
        // XChart's default range starts at 0, which is above every log10 error here
        hm.getStyler().setMin(Math.floor(zMin));
        hm.getStyler().setMax(Math.ceil(zMax));
        hm.addSeries("log10 |SW - CN|", xs, xs, z);
        try {
            BitmapEncoder.saveBitmap(hm, dir.resolve("fig3_heat2d_logerror.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json.append("],\"refinement\":[");
        double[] dxs = {0.4, 0.2, 0.1};
        for (int r = 0; r < dxs.length; r++) {
            double h = dxs[r];
            double tau = 0.1 * h * h;
            int steps = (int) Math.round(0.25 / tau);
            double[] q0 = start(h);
            int mm = (int) Math.round(Math.sqrt(q0.length));
            double e = WimPlots.maxAbsDiff(new HeatScheme(h, tau).run2d(q0, mm, steps).state(),
                    new CrankNicolsonHeat(h, tau).solve2d(q0, mm, steps));
            json.append(r > 0 ? "," : "").append("{\"dx\":").append(h).append(",\"dt\":").append(WimPlots.num(tau))
                    .append(",\"t\":0.25,\"maxAbsError\":").append(WimPlots.num(e)).append('}');
        }
        json.append("]}");
        WimPlots.save(slices, dir.resolve("fig3_heat2d_slices.png"));
        System.out.println(json);
    }
}
