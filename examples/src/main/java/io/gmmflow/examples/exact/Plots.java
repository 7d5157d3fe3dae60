package io.gmmflow.examples.exact;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Small XChart helpers for the seed 002 example figures: line charts and grids of charts in one PNG. */
final class Plots {

    static final Color RED = new Color(214, 39, 40);
    static final Color BLUE = new Color(31, 119, 180);
    static final Color BLACK = Color.BLACK;
    static final Color GREEN = new Color(44, 160, 44);
    static final Color GREY = new Color(120, 120, 120);

    private Plots() {
    }

    /** A white line chart with a legend. */
    static XYChart lines(String title, String xLabel, String yLabel, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        return chart;
    }

    /** Adds a line series of the given colour. */
    static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        return s;
    }

    /** A scatter chart for 2-D points. */
    static XYChart scatter(String title, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle("x1").yAxisTitle("x2").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(2);
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    /** Adds the points (one per row, first two coordinates) in the colour with some transparency. */
    static void points(XYChart chart, String name, double[][] pts, Color color) {
        double[] x = new double[pts.length];
        double[] y = new double[pts.length];
        for (int i = 0; i < pts.length; i++) {
            x[i] = pts[i][0];
            y[i] = pts[i][1];
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 90));
    }

    /** Renders charts in a grid (row-major) under a title and writes one PNG. */
    static void grid(Path file, String title, List<? extends Chart<?, ?>> charts, int columns, int cellWidth, int cellHeight) {
        int rows = (charts.size() + columns - 1) / columns;
        int top = 40;
        BufferedImage img = new BufferedImage(columns * cellWidth, top + rows * cellHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(title, 12, 26);
        for (int i = 0; i < charts.size(); i++) {
            Graphics2D cell = (Graphics2D) g.create((i % columns) * cellWidth, top + (i / columns) * cellHeight,
                    cellWidth, cellHeight);
            charts.get(i).paint(cell, cellWidth, cellHeight);
            cell.dispose();
        }
        g.dispose();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
