package io.gmmflow.cli;

import io.gmmflow.api.VelocityField;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link VelocityField} that passes every call through unchanged and draws a progress bar on
 * standard error from the largest time the integrator has asked for (integration runs from 0 to 1).
 * The integration's results are exactly those of the wrapped field. Thread-safe.
 */
final class ProgressField implements VelocityField {

    private static final int WIDTH = 30;

    private final VelocityField field;
    private final PrintWriter err;
    private final String label;
    private final AtomicInteger shown = new AtomicInteger(-1);

    ProgressField(VelocityField field, PrintWriter err, String label) {
        this.field = field;
        this.err = err;
        this.label = label;
    }

    @Override
    public int dimension() {
        return field.dimension();
    }

    @Override
    public void evaluate(double t, double[] points, int from, int to, double[] out) {
        int percent = (int) Math.floor(100 * Math.max(0, Math.min(1, t)));
        int last = shown.get();
        if (percent > last && shown.compareAndSet(last, percent)) {
            draw(percent);
        }
        field.evaluate(t, points, from, to, out);
    }

    private synchronized void draw(int percent) {
        int filled = percent * WIDTH / 100;
        err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "%");
        err.flush();
    }

    /** Ends the bar with a newline. */
    void finish() {
        draw(100);
        err.println();
        err.flush();
    }
}
