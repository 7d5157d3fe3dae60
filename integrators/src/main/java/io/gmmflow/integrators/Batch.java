package io.gmmflow.integrators;

import io.gmmflow.api.Parameters;
import io.gmmflow.api.VelocityField;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Shared plumbing of the integrators: input validation, the order in which record times are met,
 * the split of a batch into chunks of points, and the stage-combination kernel. Package-private.
 */
final class Batch {

    /**
     * Points per error-norm block of the adaptive integrators. Partial sums are taken per block in
     * point order and then added block by block, so the norm (and hence every step-size decision)
     * is bit-identical however the blocks are grouped into parallel chunks.
     */
    static final int BLOCK = 256;

    private Batch() {
    }

    /** A validated call: the field, its dimension d, the number of points n and the record plan. */
    record Problem(VelocityField field, int d, int n, double t0, double t1, double[] points, double[] recordTimes,
                   int[] recordOrder) {

        /** +1 forwards, -1 backwards (t1 < t0). */
        double direction() {
            return t1 >= t0 ? 1.0 : -1.0;
        }
    }

    /**
     * Checks the arguments every integrator shares.
     *
     * @throws IllegalArgumentException naming the offending argument and its value or shape
     */
    static Problem validate(String integrator, VelocityField field, double t0, double t1, double[] points,
                            Parameters parameters, double[] recordTimes) {
        if (field == null) {
            throw new IllegalArgumentException(integrator + ": the velocity field is null");
        }
        if (points == null) {
            throw new IllegalArgumentException(integrator + ": the points array is null");
        }
        if (parameters == null) {
            throw new IllegalArgumentException(integrator + ": parameters are null (use Parameters.empty())");
        }
        int d = field.dimension();
        if (d < 1) {
            throw new IllegalArgumentException(integrator + ": the field has dimension " + d + ", expected >= 1");
        }
        if (points.length == 0) {
            throw new IllegalArgumentException(integrator + ": no points to integrate (N = 0); N must be >= 1");
        }
        if (points.length % d != 0) {
            throw new IllegalArgumentException(integrator + ": points array of length " + points.length
                    + " is not a whole number of points of dimension " + d);
        }
        if (!Double.isFinite(t0)) {
            throw new IllegalArgumentException(integrator + ": start time t0 must be finite, got " + t0);
        }
        if (!Double.isFinite(t1)) {
            throw new IllegalArgumentException(integrator + ": end time t1 must be finite, got " + t1);
        }
        double[] rec = recordTimes == null ? new double[0] : recordTimes.clone();
        double lo = Math.min(t0, t1);
        double hi = Math.max(t0, t1);
        for (int k = 0; k < rec.length; k++) {
            // written so that NaN fails too
            if (!(rec[k] >= lo && rec[k] <= hi)) {
                throw new IllegalArgumentException(integrator + ": record time " + k + " = " + rec[k]
                        + " is outside [" + lo + ", " + hi + "]");
            }
        }
        double dir = t1 >= t0 ? 1.0 : -1.0;
        // record times in the order the integration meets them; a stable sort keeps duplicates in request order
        Integer[] boxed = new Integer[rec.length];
        for (int k = 0; k < rec.length; k++) {
            boxed[k] = k;
        }
        Arrays.sort(boxed, Comparator.comparingDouble(k -> dir * rec[k]));
        int[] order = new int[rec.length];
        for (int k = 0; k < rec.length; k++) {
            order[k] = boxed[k];
        }
        return new Problem(field, d, points.length / d, t0, t1, points, rec, order);
    }

    /** A snapshot array per record time, filled with NaN until written (unreached times stay NaN). */
    static double[][] emptySnapshots(Problem p) {
        double[][] s = new double[p.recordTimes().length][p.n() * p.d()];
        for (double[] row : s) {
            Arrays.fill(row, Double.NaN);
        }
        return s;
    }

    /** Whether every entry of {@code v[lo, hi)} is finite. */
    static boolean allFinite(double[] v, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            if (!Double.isFinite(v[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The nonzero entries of each row of a coefficient table, as (index, value) pairs, so the
     * stage kernel skips the zeros of sparse tableaux (RK4 has 3 of 6 below the diagonal).
     */
    static int[][] nonzeroIndices(double[][] rows) {
        int[][] idx = new int[rows.length][];
        for (int j = 0; j < rows.length; j++) {
            double[] row = rows[j];
            idx[j] = IntStream.range(0, row.length).filter(l -> row[l] != 0.0).toArray();
        }
        return idx;
    }

    static double[][] nonzeroValues(double[][] rows, int[][] idx) {
        double[][] v = new double[rows.length][];
        for (int j = 0; j < rows.length; j++) {
            v[j] = new double[idx[j].length];
            for (int q = 0; q < idx[j].length; q++) {
                v[j][q] = rows[j][idx[j][q]];
            }
        }
        return v;
    }

    /**
     * out[i] = y[i] + h * sum_q coef[q] * k[idx[q]][i] for i in [lo, hi); {@code out} may be {@code y}.
     * The sum is formed left to right in stage order for every element, so the result of one
     * element never depends on the range it was computed in. Up to 5 terms are unrolled with the
     * stage arrays in locals: the generic loop's k[idx[q]][i] indirection halved the speed of RK4
     * on a cheap field.
     */
    static void combine(double[] y, double h, int[] idx, double[] coef, double[][] k, double[] out, int lo, int hi) {
        switch (idx.length) {
            case 0 -> System.arraycopy(y, lo, out, lo, hi - lo);
            case 1 -> {
                double[] k0 = k[idx[0]];
                double a0 = coef[0];
                for (int i = lo; i < hi; i++) {
                    out[i] = y[i] + h * (a0 * k0[i]);
                }
            }
            case 2 -> {
                double[] k0 = k[idx[0]];
                double[] k1 = k[idx[1]];
                double a0 = coef[0];
                double a1 = coef[1];
                for (int i = lo; i < hi; i++) {
                    out[i] = y[i] + h * (a0 * k0[i] + a1 * k1[i]);
                }
            }
            case 3 -> {
                double[] k0 = k[idx[0]];
                double[] k1 = k[idx[1]];
                double[] k2 = k[idx[2]];
                double a0 = coef[0];
                double a1 = coef[1];
                double a2 = coef[2];
                for (int i = lo; i < hi; i++) {
                    out[i] = y[i] + h * (a0 * k0[i] + a1 * k1[i] + a2 * k2[i]);
                }
            }
            case 4 -> {
                double[] k0 = k[idx[0]];
                double[] k1 = k[idx[1]];
                double[] k2 = k[idx[2]];
                double[] k3 = k[idx[3]];
                double a0 = coef[0];
                double a1 = coef[1];
                double a2 = coef[2];
                double a3 = coef[3];
                for (int i = lo; i < hi; i++) {
                    out[i] = y[i] + h * (a0 * k0[i] + a1 * k1[i] + a2 * k2[i] + a3 * k3[i]);
                }
            }
            case 5 -> {
                double[] k0 = k[idx[0]];
                double[] k1 = k[idx[1]];
                double[] k2 = k[idx[2]];
                double[] k3 = k[idx[3]];
                double[] k4 = k[idx[4]];
                double a0 = coef[0];
                double a1 = coef[1];
                double a2 = coef[2];
                double a3 = coef[3];
                double a4 = coef[4];
                for (int i = lo; i < hi; i++) {
                    out[i] = y[i] + h * (a0 * k0[i] + a1 * k1[i] + a2 * k2[i] + a3 * k3[i] + a4 * k4[i]);
                }
            }
            default -> {
                int nz = idx.length;
                for (int i = lo; i < hi; i++) {
                    double s = coef[0] * k[idx[0]][i];
                    for (int q = 1; q < nz; q++) {
                        s += coef[q] * k[idx[q]][i];
                    }
                    out[i] = y[i] + h * s;
                }
            }
        }
    }

    /**
     * out[i] = sum_j w[j] * k[j][i] for i in [lo, hi), one vectorisable pass per term (the sum runs
     * left to right in j for every element, whatever the range).
     */
    static void weightedSum(double[] w, double[][] k, double[] out, int lo, int hi) {
        double w0 = w[0];
        double[] k0 = k[0];
        for (int i = lo; i < hi; i++) {
            out[i] = w0 * k0[i];
        }
        for (int j = 1; j < w.length; j++) {
            double wj = w[j];
            if (wj == 0.0) {
                continue;
            }
            double[] kj = k[j];
            for (int i = lo; i < hi; i++) {
                out[i] += wj * kj[i];
            }
        }
    }

    /** Work to be done on the points [from, to) of chunk number {@code chunk}. */
    @FunctionalInterface
    interface ChunkTask {
        void run(int chunk, int from, int to);
    }

    /**
     * How a batch of n points is cut into chunks and whether chunks run in parallel (on the
     * ForkJoin common pool, through a parallel stream over chunk indices). Results never depend on
     * it: every point is computed by the same operations whatever chunk it falls in.
     *
     * @param chunkPoints points per chunk (the last chunk may be shorter)
     * @param parallel    whether chunks may run concurrently
     */
    record ChunkPolicy(int chunkPoints, boolean parallel) {

        static final ChunkPolicy SERIAL = new ChunkPolicy(Integer.MAX_VALUE, false);

        ChunkPolicy {
            if (chunkPoints < 1) {
                throw new IllegalArgumentException("chunkPoints must be >= 1, got " + chunkPoints);
            }
        }

        int chunks(int n) {
            return (int) ((n + (long) chunkPoints - 1) / chunkPoints);
        }

        /** This policy with the chunk size rounded up to a whole number of {@link #BLOCK}s. */
        ChunkPolicy blockAligned() {
            long blocks = (chunkPoints + (long) BLOCK - 1) / BLOCK;
            return new ChunkPolicy((int) Math.min(Integer.MAX_VALUE / BLOCK * (long) BLOCK, blocks * BLOCK), parallel);
        }

        void run(int n, ChunkTask task) {
            int k = chunks(n);
            if (!parallel || k == 1) {
                for (int c = 0; c < k; c++) {
                    task.run(c, c * chunkPoints, (int) Math.min(n, (long) (c + 1) * chunkPoints));
                }
            } else {
                IntStream.range(0, k).parallel()
                        .forEach(c -> task.run(c, c * chunkPoints, (int) Math.min(n, (long) (c + 1) * chunkPoints)));
            }
        }
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
