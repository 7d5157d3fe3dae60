package io.gmmflow.examples.omt;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Scatter plots and image grids for the seed 003 examples (XChart, headless). */
final class OmtPlots {

    private OmtPlots() {
    }

    /** The output directory: the first argument, or {@code fallback}; created. */
    static Path outputDir(String[] args, String fallback) {
        Path dir = Path.of(args.length > 0 ? args[0] : fallback);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** A square scatter plot of at most {@code maxPoints} of the points, axes fixed to [-lim, lim]. */
    static XYChart scatter(String title, double[][] pts, Color color, double lim, int maxPoints) {
        System.setProperty("java.awt.headless", "true");
        XYChart c = new XYChartBuilder().width(420).height(420).title(title).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setMarkerSize(2);
        c.getStyler().setXAxisMin(-lim);
        c.getStyler().setXAxisMax(lim);
        c.getStyler().setYAxisMin(-lim);
        c.getStyler().setYAxisMax(lim);
        int n = Math.min(pts.length, maxPoints);
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int p = 0; p < n; p++) {
            xs[p] = pts[p][0];
            ys[p] = pts[p][1];
        }
        XYSeries s = c.addSeries("points", xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
        return c;
    }

    /** Charts laid out row by row in a grid of {@code columns}, saved as one PNG. */
    static void grid(List<? extends Chart<?, ?>> charts, int columns, Path file) {
        int rows = (charts.size() + columns - 1) / columns;
        int w = charts.get(0).getWidth();
        int h = charts.get(0).getHeight();
        BufferedImage img = new BufferedImage(columns * w, rows * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int k = 0; k < charts.size(); k++) {
            BufferedImage part = BitmapEncoder.getBufferedImage(charts.get(k));
            g.drawImage(part, (k % columns) * w, (k / columns) * h, null);
        }
        g.dispose();
        try {
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves one chart as PNG. */
    static void save(Chart<?, ?> chart, Path file) {
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A number for JSON (6 significant digits; null when not finite). */
    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null";
    }

    static final Color TARGET = new Color(0x1F77B4);
    static final Color GENERATED = new Color(0xD62728);
    static final Color FORWARD = new Color(0x2CA02C);
}
