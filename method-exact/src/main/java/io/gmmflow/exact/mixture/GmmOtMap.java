package io.gmmflow.exact.mixture;

import io.gmmflow.api.GaussianMixture;
import io.gmmflow.linalg.GaussianFactor;
import io.gmmflow.linalg.PairKernels;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The transport maps of a GMM-OT plan (Delon and Desolneux; POT's {@code ot.gmm.gmm_ot_apply_map}
 * and {@code gmm_ot_plan_density}), with T_ij(x) = m1_j + M_ij (x - m0_i) the Bures map between
 * source component i and target component j (seed 000 eq. 26):
 * <ul>
 *   <li>barycentric map ({@code "bary"}, T_bary): T(x) = sum_ij pi_ij N(x | i) T_ij(x) / sum_ij pi_ij N(x | i),
 *       the weights computed in the log domain (log pi_ij + log N(x | i), log-sum-exp), so they
 *       never underflow in high dimension;</li>
 *   <li>random map ({@code "rand"}, T_rand): for each x, a pair (i, j) drawn with probability
 *       proportional to pi_ij N(x | i), then T_ij(x); reproducible for a seed and independent of
 *       the number of threads (each block of 256 points has its own generator split from the seed);</li>
 *   <li>plan density, as POT defines it: at (x, y), sum_ij pi_ij N(x | i) 1{|T_ij(x) - y| < atol},
 *       the density of the plan's x-marginal restricted to the atol-neighbourhood of the graphs of the
 *       T_ij (the plan itself is singular: it lives on those graphs).</li>
 * </ul>
 * Since sum_j pi_ij is the source weight a_i, the normalization sum_ij pi_ij N(x | i) is the source
 * density (POT divides by it).
 *
 * <p>Cost: building takes one Bures map per coupled pair (~9 d^3 each, at most K0 + K1 - 1 pairs
 * for an exact plan). Each point then costs O(K0 d^2) for the source log-densities plus O(d^2) per
 * coupled pair; batches of points run in parallel. The source components of positive mass need
 * positive definite covariances (the maps need densities); targets may be semi-definite.
 * Immutable and thread-safe.
 */
public final class GmmOtMap {

    private static final int BLOCK = 256;

    private final int d;
    private final GaussianFactor[] sources;
    /** Per coupled pair p: source index, plan entry, log plan entry, M (row-major), m0, m1. */
    private final int[] pairSource;
    private final int[] pairTarget;
    private final double[] logPlan;
    private final double[] planEntry;
    private final double[][] maps;
    private final double[][] mean0;
    private final double[][] mean1;
    /** -(d log 2 pi + log det Sigma0_i) / 2 per source component. */
    private final double[] logNormalizer;

    GmmOtMap(MixtureTransport transport) {
        GaussianMixture src = transport.source();
        GaussianMixture tgt = transport.target();
        this.d = src.dimension();
        double[][] plan = transport.plan();
        int nnz = 0;
        for (double[] row : plan) {
            for (double v : row) {
                if (v > 0) {
                    nnz++;
                }
            }
        }
        if (nnz == 0) {
            throw new IllegalArgumentException("the plan has no positive entry; there is no map");
        }
        sources = new GaussianFactor[src.size()];
        logNormalizer = new double[src.size()];
        GaussianFactor[] targets = new GaussianFactor[tgt.size()];
        pairSource = new int[nnz];
        pairTarget = new int[nnz];
        logPlan = new double[nnz];
        planEntry = new double[nnz];
        maps = new double[nnz][];
        mean0 = new double[nnz][];
        mean1 = new double[nnz][];
        int p = 0;
        for (int i = 0; i < plan.length; i++) {
            for (int j = 0; j < plan[i].length; j++) {
                if (!(plan[i][j] > 0)) {
                    continue;
                }
                if (sources[i] == null) {
                    if (!src.component(i).isPositiveDefinite()) {
                        throw new IllegalArgumentException("source component " + i + " carries mass but its covariance is "
                                + "singular: the GMM-OT maps need source densities");
                    }
                    sources[i] = GaussianFactor.of(src.component(i));
                    logNormalizer[i] = -0.5 * (d * Math.log(2 * Math.PI) + sources[i].logDeterminant());
                }
                if (targets[j] == null) {
                    targets[j] = GaussianFactor.of(tgt.component(j));
                }
                pairSource[p] = i;
                pairTarget[p] = j;
                planEntry[p] = plan[i][j];
                logPlan[p] = Math.log(plan[i][j]);
                maps[p] = PairKernels.buresMap(sources[i], targets[j]);
                mean0[p] = sources[i].mean();
                mean1[p] = targets[j].mean();
                p++;
            }
        }
    }

    /** The dimension d. */
    public int dimension() {
        return d;
    }

    /** The number of coupled pairs (plan entries > 0). */
    public int pairs() {
        return planEntry.length;
    }

    private double[] flatten(double[][] points, String what) {
        if (points == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        double[] flat = new double[points.length * d];
        for (int q = 0; q < points.length; q++) {
            if (points[q] == null || points[q].length != d) {
                throw new IllegalArgumentException(what + " row " + q + " has "
                        + (points[q] == null ? 0 : points[q].length) + " coordinates, expected " + d);
            }
            System.arraycopy(points[q], 0, flat, q * d, d);
        }
        return flat;
    }

    /** log N(x | i) for every source component with mass, at the point at {@code off}; z is scratch of length d. */
    private void sourceLogDensities(double[] x, int off, double[] out, double[] z) {
        for (int i = 0; i < sources.length; i++) {
            if (sources[i] != null) {
                sources[i].whiten(x, off, z);
                double q = 0;
                for (int k = 0; k < d; k++) {
                    q += z[k] * z[k];
                }
                out[i] = logNormalizer[i] - 0.5 * q;
            }
        }
    }

    /** out = T_p(x) for the point at {@code off}. */
    private void applyPair(int p, double[] x, int off, double[] out, int outOff, double[] r) {
        double[] m = maps[p];
        double[] a = mean0[p];
        double[] b = mean1[p];
        for (int i = 0; i < d; i++) {
            r[i] = x[off + i] - a[i];
        }
        for (int i = 0; i < d; i++) {
            int row = i * d;
            double s = b[i];
            for (int j = 0; j < d; j++) {
                s += m[row + j] * r[j];
            }
            out[outOff + i] = s;
        }
    }

    /**
     * The barycentric map T_bary at each point (one point per row).
     *
     * @throws IllegalArgumentException if a row does not have d coordinates
     */
    public double[][] barycentric(double[][] points) {
        double[] x = flatten(points, "points");
        int n = points.length;
        double[] out = new double[n * d];
        blocks(n).forEach(block -> {
            int from = block * BLOCK;
            int to = Math.min(n, from + BLOCK);
            double[] logSrc = new double[sources.length];
            double[] one = new double[d];
            double[] logGamma = new double[planEntry.length];
            double[] tx = new double[d];
            double[] r = new double[d];
            for (int q = from; q < to; q++) {
                int off = q * d;
                sourceLogDensities(x, off, logSrc, one);
                double max = Double.NEGATIVE_INFINITY;
                for (int p = 0; p < planEntry.length; p++) {
                    logGamma[p] = logPlan[p] + logSrc[pairSource[p]];
                    max = Math.max(max, logGamma[p]);
                }
                double total = 0;
                for (int p = 0; p < planEntry.length; p++) {
                    total += Math.exp(logGamma[p] - max);
                }
                for (int p = 0; p < planEntry.length; p++) {
                    double gamma = Math.exp(logGamma[p] - max) / total;
                    if (gamma == 0) {
                        continue;
                    }
                    applyPair(p, x, off, tx, 0, r);
                    for (int i = 0; i < d; i++) {
                        out[off + i] += gamma * tx[i];
                    }
                }
            }
        });
        return toRows(out, n);
    }

    /**
     * The random map T_rand at each point: a pair (i, j) drawn with probability proportional to
     * pi_ij N(x | i), then T_ij(x). The same seed gives the same result.
     */
    public double[][] random(double[][] points, long seed) {
        double[] x = flatten(points, "points");
        int n = points.length;
        double[] out = new double[n * d];
        int blocks = (n + BLOCK - 1) / BLOCK;
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] rngs = new SplittableRandom[blocks];
        for (int b = 0; b < blocks; b++) {
            rngs[b] = root.split();
        }
        blocks(n).forEach(block -> {
            SplittableRandom rng = rngs[block];
            int from = block * BLOCK;
            int to = Math.min(n, from + BLOCK);
            double[] logSrc = new double[sources.length];
            double[] one = new double[d];
            double[] weight = new double[planEntry.length];
            double[] r = new double[d];
            for (int q = from; q < to; q++) {
                int off = q * d;
                sourceLogDensities(x, off, logSrc, one);
                double max = Double.NEGATIVE_INFINITY;
                for (int p = 0; p < planEntry.length; p++) {
                    weight[p] = logPlan[p] + logSrc[pairSource[p]];
                    max = Math.max(max, weight[p]);
                }
                double total = 0;
                for (int p = 0; p < planEntry.length; p++) {
                    weight[p] = Math.exp(weight[p] - max);
                    total += weight[p];
                }
                double u = rng.nextDouble() * total;
                int chosen = planEntry.length - 1;
                double acc = 0;
                for (int p = 0; p < planEntry.length; p++) {
                    acc += weight[p];
                    if (u < acc && weight[p] > 0) {
                        chosen = p;
                        break;
                    }
                }
                applyPair(chosen, x, off, out, off, r);
            }
        });
        return toRows(out, n);
    }

    /**
     * POT's plan density at every (x_a, y_b): sum_ij pi_ij N(x_a | i) 1{|T_ij(x_a) - y_b| < atol}.
     *
     * @throws IllegalArgumentException if atol is not positive or a row has the wrong length
     */
    public double[][] planDensity(double[][] xs, double[][] ys, double atol) {
        if (!(atol > 0) || !Double.isFinite(atol)) {
            throw new IllegalArgumentException("atol must be a finite number > 0, got " + atol);
        }
        double[] x = flatten(xs, "x points");
        double[] y = flatten(ys, "y points");
        int n = xs.length;
        int m = ys.length;
        double[][] density = new double[n][m];
        double atol2 = atol * atol;
        blocks(n).forEach(block -> {
            int from = block * BLOCK;
            int to = Math.min(n, from + BLOCK);
            double[] logSrc = new double[sources.length];
            double[] one = new double[d];
            double[] tx = new double[d];
            double[] r = new double[d];
            for (int a = from; a < to; a++) {
                int off = a * d;
                sourceLogDensities(x, off, logSrc, one);
                for (int p = 0; p < planEntry.length; p++) {
                    double mass = planEntry[p] * Math.exp(logSrc[pairSource[p]]);
                    if (mass == 0) {
                        continue;
                    }
                    applyPair(p, x, off, tx, 0, r);
                    for (int b = 0; b < m; b++) {
                        double dist2 = 0;
                        int yo = b * d;
                        for (int i = 0; i < d; i++) {
                            double t = tx[i] - y[yo + i];
                            dist2 += t * t;
                        }
                        if (dist2 < atol2) {
                            density[a][b] += mass;
                        }
                    }
                }
            }
        });
        return density;
    }

    private IntStream blocks(int n) {
        int count = (n + BLOCK - 1) / BLOCK;
        IntStream s = IntStream.range(0, count);
        return count > 1 ? s.parallel() : s;
    }

    private double[][] toRows(double[] flat, int n) {
        double[][] rows = new double[n][d];
        for (int q = 0; q < n; q++) {
            System.arraycopy(flat, q * d, rows[q], 0, d);
        }
        return rows;
    }
}
