package io.gmmflow.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads and writes points, matrices and weight vectors as CSV (CLI.md): one point (or matrix row)
 * per line, numbers separated by commas, no header; a weight vector is one number per line.
 *
 * <p><b>Reading</b> accepts decimal numbers ({@code -1.5}, {@code 2e-3}, {@code .5}) with spaces
 * around them, {@code \n} or {@code \r\n} line ends, a UTF-8 byte-order mark and blank lines (which
 * are skipped). Everything else is an {@link IllegalArgumentException} naming the line and column
 * (1-based): a field that is not a number or not finite ({@code NaN}, {@code 1e999}), an empty field,
 * a row whose length differs from the first row's, an input without rows. Reading a file prefixes
 * the message with the file name; an unreadable file is an {@link IllegalArgumentException} naming it.
 *
 * <p><b>Writing</b> prints each double with {@link Double#toString(double)}, which parses back to
 * the same double, so points round-trip exactly; files are written atomically ({@link AtomicFiles}).
 * Non-finite values are written as {@code NaN} / {@code Infinity} (so a failed computation is
 * visible) and are rejected on reading.
 *
 * <p>Cost O(total characters). Stateless and thread-safe.
 */
public final class PointsCsv {

    /** A decimal number as in JSON, but also allowing a leading '+' and a bare leading '.'. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private PointsCsv() {
    }

    // ------------------------------------------------------------------ reading

    /** Points (or matrix rows) from CSV text. @throws IllegalArgumentException naming line and column */
    public static double[][] readPoints(String csv) {
        return readPoints(new StringReader(csv));
    }

    /** Points (or matrix rows) from a reader (not closed). */
    public static double[][] readPoints(Reader reader) {
        List<double[]> rows = new ArrayList<>();
        int firstLine = 0;
        try {
            BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                double[] row = parseRow(line, lineNo);
                if (rows.isEmpty()) {
                    firstLine = lineNo;
                } else if (row.length != rows.get(0).length) {
                    throw new IllegalArgumentException("line " + lineNo + " has " + row.length + " columns but line "
                            + firstLine + " has " + rows.get(0).length);
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no rows: expected one comma-separated row of numbers per line");
        }
        return rows.toArray(new double[0][]);
    }

    /**
     * Points (or matrix rows) from a file; messages start with the file name.
     *
     * @throws IllegalArgumentException if the file cannot be read or is not valid CSV of numbers
     */
    public static double[][] readPoints(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readPoints(r);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(IoMessages.cannotRead(file, e), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** A matrix from CSV text: the same format and checks as {@link #readPoints(String)}. */
    public static double[][] readMatrix(String csv) {
        return readPoints(csv);
    }

    /** A matrix from a file: the same format and checks as {@link #readPoints(Path)}. */
    public static double[][] readMatrix(Path file) {
        return readPoints(file);
    }

    /** A weight vector, one number per line. @throws IllegalArgumentException naming the line */
    public static double[] readWeights(String csv) {
        return readWeights(new StringReader(csv));
    }

    /** A weight vector from a reader (not closed), one number per line. */
    public static double[] readWeights(Reader reader) {
        double[][] rows = readPoints(reader);
        if (rows[0].length != 1) {
            throw new IllegalArgumentException("expected one number per line, found " + rows[0].length
                    + " comma-separated numbers on the first line");
        }
        double[] w = new double[rows.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = rows[i][0];
        }
        return w;
    }

    /** A weight vector from a file; messages start with the file name. */
    public static double[] readWeights(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readWeights(r);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(IoMessages.cannotRead(file, e), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static double[] parseRow(String line, int lineNo) {
        String[] fields = line.split(",", -1);
        double[] row = new double[fields.length];
        for (int c = 0; c < fields.length; c++) {
            String f = fields[c].strip();
            if (f.isEmpty()) {
                throw new IllegalArgumentException("line " + lineNo + ", column " + (c + 1) + ": empty field");
            }
            if (!NUMBER.matcher(f).matches()) {
                throw new IllegalArgumentException("line " + lineNo + ", column " + (c + 1) + ": '" + abbreviate(f)
                        + "' is not a number");
            }
            double v = Double.parseDouble(f);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("line " + lineNo + ", column " + (c + 1) + ": '" + abbreviate(f)
                        + "' is not a finite number");
            }
            row[c] = v;
        }
        return row;
    }

    private static String abbreviate(String s) {
        return s.length() <= 30 ? s : s.substring(0, 27) + "...";
    }

    // ------------------------------------------------------------------ writing

    /** Points (or matrix rows) as CSV text, one row per line. */
    public static String writePoints(double[][] points) {
        StringBuilder sb = new StringBuilder();
        appendRows(sb, points);
        return sb.toString();
    }

    /** Writes points (or matrix rows) to a writer (not closed). */
    public static void writePoints(double[][] points, Writer out) {
        try {
            StringBuilder sb = new StringBuilder();
            for (double[] row : points) {
                appendRow(sb, row);
                // Flush in pieces so that a million points do not build one huge string.
                if (sb.length() > 1 << 16) {
                    out.append(sb);
                    sb.setLength(0);
                }
            }
            out.append(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes points (or matrix rows) to a file atomically. */
    public static void writePoints(double[][] points, Path file) {
        AtomicFiles.writeString(file, writePoints(points));
    }

    /** n points of dimension d stored flat and row-major (point p at {@code [p*d, p*d+d)}) as CSV text. */
    public static String writeFlat(double[] flat, int d) {
        if (d < 1 || flat.length % d != 0) {
            throw new IllegalArgumentException("flat array of length " + flat.length
                    + " is not a whole number of points of dimension " + d);
        }
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < flat.length; p += d) {
            for (int k = 0; k < d; k++) {
                if (k > 0) {
                    sb.append(',');
                }
                sb.append(flat[p + k]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** A weight vector as CSV text, one number per line. */
    public static String writeWeights(double[] weights) {
        StringBuilder sb = new StringBuilder();
        for (double w : weights) {
            sb.append(w).append('\n');
        }
        return sb.toString();
    }

    /** Writes a weight vector to a file atomically. */
    public static void writeWeights(double[] weights, Path file) {
        AtomicFiles.writeString(file, writeWeights(weights));
    }

    private static void appendRows(StringBuilder sb, double[][] rows) {
        for (double[] row : rows) {
            appendRow(sb, row);
        }
    }

    private static void appendRow(StringBuilder sb, double[] row) {
        for (int k = 0; k < row.length; k++) {
            if (k > 0) {
                sb.append(',');
            }
            sb.append(row[k]);
        }
        sb.append('\n');
    }
}
