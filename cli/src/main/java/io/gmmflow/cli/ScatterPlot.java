package io.gmmflow.cli;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG scatter plots of 2-D point sets (XChart, rendered headless). Returns the bytes so that the
 * caller writes the file atomically.
 */
final class ScatterPlot {

    private static final Color[] COLORS = {new Color(31, 119, 180), new Color(214, 39, 40),
        new Color(44, 160, 44), new Color(148, 103, 189)};

    private final XYChart chart;
    private int series;

    ScatterPlot(String title, int width, int height) {
        chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle("x1").yAxisTitle("x2").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(true);
    }

    /** Adds the first two coordinates of {@code points} as one series. */
    ScatterPlot add(String name, double[][] points) {
        double[] x = new double[points.length];
        double[] y = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            if (points[i].length < 2) {
                throw new IllegalArgumentException("a scatter plot needs points of dimension >= 2, got "
                        + points[i].length);
            }
            x[i] = points[i][0];
            y[i] = points[i][1];
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(withAlpha(COLORS[series++ % COLORS.length], 110));
        return this;
    }

    private static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    /** The chart as PNG bytes. */
    byte[] png() {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the PNG", e);
        }
    }
}
