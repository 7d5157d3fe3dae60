package io.gmmflow.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * A row of density images of a 2-D density path at several times, drawn pixel by pixel (a
 * plotting library's heat map labels every grid cell, which is unreadable at 160 x 160), with a
 * shared colour scale in sqrt(density) so that low-mass regions stay visible, the axis range at the
 * corners and a title per panel. Returns PNG bytes.
 */
final class DensityPanels {

    private static final int CELLS = 160;
    private static final int PIXELS = 2;
    private static final int MARGIN = 34;

    private DensityPanels() {
    }

    /**
     * @param logDensity fills {@code out[p]} with log rho_t at the CELLS*CELLS grid points given
     *                   (flat, row-major x1, x2) for the time at index k: called as (k, grid, out)
     */
    static byte[] render(String title, double[] times, double[] box, TriFunction logDensity) {
        int panel = CELLS * PIXELS;
        int width = times.length * (panel + MARGIN) + MARGIN;
        int height = panel + 2 * MARGIN + 24;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, MARGIN, 18);
        double[] grid = new double[CELLS * CELLS * 2];
        for (int r = 0; r < CELLS; r++) {
            for (int c = 0; c < CELLS; c++) {
                int p = r * CELLS + c;
                grid[2 * p] = box[0] + (box[1] - box[0]) * (c + 0.5) / CELLS;
                grid[2 * p + 1] = box[3] - (box[3] - box[2]) * (r + 0.5) / CELLS; // row 0 at the top
            }
        }
        double[][] values = new double[times.length][CELLS * CELLS];
        double max = 0;
        for (int k = 0; k < times.length; k++) {
            logDensity.apply(k, grid, values[k]);
            for (int p = 0; p < values[k].length; p++) {
                values[k][p] = Math.sqrt(Math.exp(values[k][p]));
                max = Math.max(max, values[k][p]);
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int k = 0; k < times.length; k++) {
            int x0 = MARGIN + k * (panel + MARGIN);
            int y0 = MARGIN + 10;
            for (int r = 0; r < CELLS; r++) {
                for (int c = 0; c < CELLS; c++) {
                    Color col = colour(values[k][r * CELLS + c] / max);
                    g.setColor(col);
                    g.fillRect(x0 + c * PIXELS, y0 + r * PIXELS, PIXELS, PIXELS);
                }
            }
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(x0, y0, panel, panel);
            g.setColor(Color.BLACK);
            g.drawString(String.format("t = %.2f", times[k]), x0 + panel / 2 - 24, y0 - 4);
            g.drawString(fmt(box[0]), x0 - 4, y0 + panel + 14);
            g.drawString(fmt(box[1]), x0 + panel - 16, y0 + panel + 14);
            g.drawString(fmt(box[2]), x0 - 28, y0 + panel);
            g.drawString(fmt(box[3]), x0 - 28, y0 + 10);
        }
        g.dispose();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            ImageIO.write(img, "png", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the PNG", e);
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format("%.1f", v);
    }

    /** A perceptually ordered white-to-dark-blue ramp (through light teal) for s in [0, 1]. */
    static Color colour(double s) {
        double t = Math.max(0, Math.min(1, s));
        int[][] stops = {{255, 255, 255}, {199, 233, 180}, {65, 182, 196}, {34, 94, 168}, {8, 29, 88}};
        double pos = t * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) pos);
        double f = pos - i;
        return new Color((int) (stops[i][0] + f * (stops[i + 1][0] - stops[i][0])),
                (int) (stops[i][1] + f * (stops[i + 1][1] - stops[i][1])),
                (int) (stops[i][2] + f * (stops[i + 1][2] - stops[i][2])));
    }

    /** (panel index, grid, out) -> fills out with log-densities. */
    @FunctionalInterface
    interface TriFunction {
        void apply(int k, double[] grid, double[] out);
    }

}
