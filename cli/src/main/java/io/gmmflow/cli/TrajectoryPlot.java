package io.gmmflow.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG of 2-D trajectories (XChart, headless): one thin line per point through its snapshots,
 * coloured by the source component the point belongs to, with start points as small dots and end
 * points as larger ones. At most {@code maxLines} trajectories are drawn (evenly spread over the
 * input), so the picture stays readable and cheap for large N. Returns PNG bytes; the caller
 * writes them atomically.
 */
final class TrajectoryPlot {

    static final Color[] PALETTE = {new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44),
        new Color(148, 103, 189), new Color(255, 127, 14), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    private TrajectoryPlot() {
    }

    /**
     * @param snapshots snapshots[k] = n*d positions at the k-th recorded time (d >= 2; the first
     *                  two coordinates are drawn)
     * @param labels    the colour group of each point (source component)
     */
    static byte[] render(String title, double[][] snapshots, int n, int d, int[] labels, int maxLines) {
        if (d < 2) {
            throw new IllegalArgumentException("--plot needs points of dimension >= 2, got " + d);
        }
        XYChart chart = new XYChartBuilder().width(1000).height(760).title(title).xAxisTitle("x1").yAxisTitle("x2").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(4);
        int lines = Math.min(n, maxLines);
        int times = snapshots.length;
        double[] sx = new double[lines];
        double[] sy = new double[lines];
        double[] ex = new double[lines];
        double[] ey = new double[lines];
        for (int l = 0; l < lines; l++) {
            int p = (int) ((long) l * n / lines);
            double[] x = new double[times];
            double[] y = new double[times];
            for (int k = 0; k < times; k++) {
                x[k] = snapshots[k][p * d];
                y[k] = snapshots[k][p * d + 1];
            }
            sx[l] = x[0];
            sy[l] = y[0];
            ex[l] = x[times - 1];
            ey[l] = y[times - 1];
            XYSeries s = chart.addSeries("p" + p, x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            Color c = PALETTE[Math.floorMod(labels[p], PALETTE.length)];
            s.setLineColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 90));
            s.setLineStyle(new BasicStroke(0.8f));
        }
        XYSeries start = chart.addSeries("start (t = 0)", sx, sy);
        start.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        start.setMarker(SeriesMarkers.CIRCLE);
        start.setMarkerColor(new Color(60, 60, 60, 120));
        XYSeries end = chart.addSeries("end (t = 1)", ex, ey);
        end.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        end.setMarker(SeriesMarkers.DIAMOND);
        end.setMarkerColor(new Color(0, 0, 0, 200));
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the PNG", e);
        }
    }
}
