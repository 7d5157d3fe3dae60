package io.gmmflow.core.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Maximum mean discrepancy between two point clouds with the Gaussian kernel
 * k(x, y) = exp(-|x - y|^2 / (2 h^2)), the metric of seed 003 Fig. 1.
 *
 * <p>Estimator: the unbiased U-statistic
 * MMD^2_u = 1/(n(n-1)) sum_{i != j} k(x_i, x_j) + 1/(m(m-1)) sum_{i != j} k(y_i, y_j)
 * - 2/(nm) sum_{i, j} k(x_i, y_j) (Gretton et al. 2012, eq. 3); it can be slightly negative when
 * the clouds come from one distribution. {@link Result#mmd()} is sqrt(max(MMD^2_u, 0)) and
 * {@link Result#percent()} is 100 MMD^2_u (the unit used to report seed 003 Fig. 1 here).
 *
 * <p>Bandwidth: either given, or the median heuristic, h = median of the pairwise distances
 * |z_i - z_j| (i < j) over the pooled clouds, computed on a seeded random subsample of at most
 * {@value #MEDIAN_SUBSAMPLE} points of each cloud (so it costs O(1) in n and is reproducible).
 *
 * <p>Cost O((n + m)^2 d / 2) kernel evaluations, no extra memory beyond a flat copy of the clouds;
 * parallel over fixed blocks of rows, summed in block order (deterministic for any thread count).
 * Stateless and thread-safe.
 */
public final class Mmd {

    /** Points taken from each cloud for the median heuristic. */
    public static final int MEDIAN_SUBSAMPLE = 500;

    private static final int BLOCK = 64;

    private Mmd() {
    }

    /**
     * An MMD estimate.
     *
     * @param mmd2      the unbiased MMD^2 estimate
     * @param bandwidth the kernel bandwidth h used
     */
    public record Result(double mmd2, double bandwidth) {

        /** sqrt(max(MMD^2, 0)). */
        public double mmd() {
            return Math.sqrt(Math.max(mmd2, 0));
        }

        /** 100 MMD^2 (percent). */
        public double percent() {
            return 100 * mmd2;
        }
    }

    /** MMD^2 with the median-heuristic bandwidth (subsample drawn with {@code seed}). */
    public static Result unbiased(double[][] x, double[][] y, long seed) {
        return unbiased(x, y, medianBandwidth(x, y, seed));
    }

    /**
     * MMD^2 with bandwidth {@code h}.
     *
     * @throws IllegalArgumentException for empty clouds, fewer than 2 points in a cloud, mixed or
     *     mismatched dimensions, non-finite coordinates, or h not a finite number > 0
     */
    public static Result unbiased(double[][] x, double[][] y, double h) {
        if (!(h > 0) || !Double.isFinite(h)) {
            throw new IllegalArgumentException("bandwidth must be a finite number > 0, got " + h);
        }
        double[] fx = PointClouds.flatten(x, "first cloud", -1);
        int d = x[0].length;
        double[] fy = PointClouds.flatten(y, "second cloud", d);
        int n = x.length;
        int m = y.length;
        if (n < 2 || m < 2) {
            throw new IllegalArgumentException("the unbiased MMD needs at least 2 points in each cloud, got " + n
                    + " and " + m);
        }
        double gamma = 1.0 / (2 * h * h);
        double kxx = 2 * sumWithin(fx, n, d, gamma);
        double kyy = 2 * sumWithin(fy, m, d, gamma);
        double kxy = sumBetween(fx, n, fy, m, d, gamma);
        double mmd2 = kxx / ((double) n * (n - 1)) + kyy / ((double) m * (m - 1)) - 2 * kxy / ((double) n * m);
        return new Result(mmd2, h);
    }

    /** The median heuristic bandwidth (see the class comment). */
    public static double medianBandwidth(double[][] x, double[][] y, long seed) {
        double[] fx = PointClouds.flatten(x, "first cloud", -1);
        int d = x[0].length;
        double[] fy = PointClouds.flatten(y, "second cloud", d);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] z = concat(subsample(fx, x.length, d, rng), subsample(fy, y.length, d, rng));
        int p = z.length / d;
        double[] dist = new double[p * (p - 1) / 2];
        int t = 0;
        for (int i = 0; i < p; i++) {
            for (int j = i + 1; j < p; j++) {
                dist[t++] = Math.sqrt(PointClouds.squaredDistance(z, i * d, z, j * d, d));
            }
        }
        if (dist.length == 0) {
            throw new IllegalArgumentException("the median heuristic needs at least 2 points in all");
        }
        Arrays.sort(dist);
        int mid = dist.length / 2;
        double h = dist.length % 2 == 1 ? dist[mid] : 0.5 * (dist[mid - 1] + dist[mid]);
        if (!(h > 0)) {
            throw new IllegalArgumentException("median pairwise distance is 0 (the clouds are one repeated point); "
                    + "give a bandwidth");
        }
        return h;
    }

    private static double[] subsample(double[] f, int n, int d, SplittableRandom rng) {
        if (n <= MEDIAN_SUBSAMPLE) {
            return f;
        }
        // partial Fisher-Yates: the first MEDIAN_SUBSAMPLE indices of a random permutation
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        double[] out = new double[MEDIAN_SUBSAMPLE * d];
        for (int i = 0; i < MEDIAN_SUBSAMPLE; i++) {
            int j = i + rng.nextInt(n - i);
            int tmp = idx[i];
            idx[i] = idx[j];
            idx[j] = tmp;
            System.arraycopy(f, idx[i] * d, out, i * d, d);
        }
        return out;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** sum_{i < j} k(z_i, z_j). */
    private static double sumWithin(double[] z, int n, int d, double gamma) {
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[] partial = new double[blocks];
        IntStream.range(0, blocks).parallel().forEach(b -> {
            double s = 0;
            for (int i = b * BLOCK; i < Math.min(n, (b + 1) * BLOCK); i++) {
                for (int j = i + 1; j < n; j++) {
                    s += Math.exp(-gamma * PointClouds.squaredDistance(z, i * d, z, j * d, d));
                }
            }
            partial[b] = s;
        });
        double total = 0;
        for (double v : partial) {
            total += v;
        }
        return total;
    }

    /** sum_{i, j} k(x_i, y_j). */
    private static double sumBetween(double[] x, int n, double[] y, int m, int d, double gamma) {
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[] partial = new double[blocks];
        IntStream.range(0, blocks).parallel().forEach(b -> {
            double s = 0;
            for (int i = b * BLOCK; i < Math.min(n, (b + 1) * BLOCK); i++) {
                for (int j = 0; j < m; j++) {
                    s += Math.exp(-gamma * PointClouds.squaredDistance(x, i * d, y, j * d, d));
                }
            }
            partial[b] = s;
        });
        double total = 0;
        for (double v : partial) {
            total += v;
        }
        return total;
    }
}
