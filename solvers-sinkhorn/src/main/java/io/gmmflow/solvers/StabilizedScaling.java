package io.gmmflow.solvers;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The engine behind {@link LogSinkhornSolver} and {@link UnbalancedSinkhornSolver}: log-domain
 * Sinkhorn written as Schmitzer's stabilized sparse scaling (B. Schmitzer, "Stabilized sparse
 * scaling algorithms for entropy regularized transport problems", SIAM J. Sci. Comput. 2019).
 *
 * <p>The plan is pi_ij = a_i b_j exp((f_i + g_j - C_ij)/eps) u_i v_j: large "absorbed" potentials
 * f, g in the log domain and scalings u, v near 1. One iteration is two sparse matrix-vector products
 * with the truncated kernel K_ij = exp((f_i + g_j - C_ij)/eps), kept only where the exponent is at
 * least {@code logTheta}; no exp or log per entry. When a scaling leaves [1/BOUND, BOUND] it is
 * absorbed (f += eps log u, g += eps log v) and the kernel is rebuilt. A dropped entry is then at
 * most a_i b_j theta BOUND^2 (about 1e-18 a_i b_j with the constants below), so the truncated
 * iteration and the dense plan agree far below any tolerance; the caller still evaluates the dense
 * plan at the end and reports its true error. Eps-scaling runs the same iteration on a decreasing
 * schedule of eps, each stage warm-started from the last, so that at small eps only the few entries
 * near the optimal support are kept (about (K0 + K1) x a few hundred instead of K0 x K1).
 *
 * <p>Updates, for the exponent e = regM / (regM + eps) (e = 1 balanced), with s_i = sum_j K_ij b_j v_j:
 * u_i = s_i^-e exp((e - 1) f_i / eps), i.e. in full potentials F_i = -e eps log sum_j b_j
 * exp((G_j - C_ij)/eps) (seed 003 eq. 37 for e = 1; Chizat et al. 2018 for the KL-relaxed case).
 * Stopping rule: after a column update the columns are exact (balanced) or at their optimality
 * target b_j exp(-G_j/regM) (unbalanced), and the error is the L1 distance of the row sums to
 * a_i (balanced) or to a_i exp(-F_i/regM), computed for free from the next row product.
 *
 * <p>Failure modes of plain log-domain Sinkhorn at small eps (POT issues 54, 723, 748: underflow,
 * NaN, stalls) cannot occur here: an exponent is never above 0 by more than log(BOUND^2) in the
 * kernel, a row or column whose kernel entries all vanish is repaired by an exact dense log-sum-exp
 * update of its potential, and zero weights never enter (see {@link CouplingProblem}).
 *
 * <p>Cost: building the kernel is one pass over K0 x K1 entries with exp only for kept entries;
 * an iteration is O(nnz + K0 + K1). Large passes run over both cores. Not thread-safe: one
 * instance per solve.
 */
final class StabilizedScaling {

    /** Scalings are absorbed into the potentials when they leave [1/BOUND, BOUND]. */
    static final double BOUND = 1e4;
    /** Kernel entries with exponent below this are dropped (theta = e^-60, about 8.8e-27). */
    static final double DEFAULT_LOG_THETA = -60.0;
    /** Passes over fewer entries than this stay on the calling thread (fork/join costs ~10 us). */
    private static final long PARALLEL_WORK = 1L << 16;
    /** exp(x) is 0 in double precision below this. */
    private static final double EXP_UNDERFLOW = -745.2;

    private final int n;
    private final int m;
    private final double[] a;
    private final double[] b;
    private final double[] c;
    private final double regM;

    private final double[] f;
    private final double[] g;
    private final double[] u;
    private final double[] v;
    private final double[] au;
    private final double[] bv;
    private final double[] rowSum;
    private final double[] colSum;

    private double eps;
    private double expo;
    private double logTheta = DEFAULT_LOG_THETA;

    private int[] rowPtr;
    private int[] colIdx;
    private double[] val;
    private int[] colPtr;
    private int[] rowIdx;
    private double[] valT;
    private int nnz;

    private final int blocksN;
    private final int blocksM;

    /** Diagnostics. */
    int iterations;
    int kernelBuilds;
    int denseUpdates;
    long nnzTotal;
    double lastError = Double.POSITIVE_INFINITY;

    /**
     * @param a     positive source weights
     * @param b     positive target weights
     * @param c     row-major cost, a.length x b.length
     * @param regM  marginal relaxation strength; +infinity for the balanced problem
     * @param f0    initial source potential, or null for the c-transform start
     * @param g0    initial target potential, or null
     */
    StabilizedScaling(double[] a, double[] b, double[] c, double regM, double[] f0, double[] g0) {
        this.n = a.length;
        this.m = b.length;
        this.a = a;
        this.b = b;
        this.c = c;
        this.regM = regM;
        this.f = new double[n];
        this.g = new double[m];
        this.u = new double[n];
        this.v = new double[m];
        this.au = a.clone();
        this.bv = b.clone();
        this.rowSum = new double[n];
        this.colSum = new double[m];
        Arrays.fill(u, 1.0);
        Arrays.fill(v, 1.0);
        int p = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.blocksN = Math.min(n, 4 * p);
        this.blocksM = Math.min(m, 4 * p);
        if (f0 != null) {
            System.arraycopy(f0, 0, f, 0, n);
            System.arraycopy(g0, 0, g, 0, m);
        } else {
            // c-transform start: every row and column then has an entry with exponent 0, so the
            // first kernel is never empty however large the costs are.
            for (int i = 0; i < n; i++) {
                double min = Double.POSITIVE_INFINITY;
                for (int j = 0, off = i * m; j < m; j++) {
                    min = Math.min(min, c[off + j]);
                }
                f[i] = min;
            }
            Arrays.fill(g, Double.POSITIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                for (int j = 0, off = i * m; j < m; j++) {
                    g[j] = Math.min(g[j], c[off + j] - f[i]);
                }
            }
        }
    }

    /** Full source potential F = f + eps log u (after {@link #absorb()}: f). */
    double[] sourcePotential() {
        return f.clone();
    }

    double[] targetPotential() {
        return g.clone();
    }

    int kernelSize() {
        return nnz;
    }

    /** Keeps more kernel entries from the next rebuild on (used when the dense check disagrees). */
    void widenKernel() {
        logTheta *= 2;
    }

    /**
     * Runs one eps stage: absorbs the scalings at the previous eps, rebuilds the kernel at {@code epsilon},
     * and iterates until the error is at most {@code target} or the iteration budget is spent.
     *
     * @return whether the stage met its target
     */
    boolean stage(double epsilon, double target, int maxIterations) {
        absorb();
        eps = epsilon;
        expo = Double.isInfinite(regM) ? 1.0 : regM / (regM + eps);
        buildKernel();
        if (iterations >= maxIterations) {
            return false;
        }
        columnStep();
        return iterate(target, maxIterations);
    }

    /** Continues the current stage after a {@link #widenKernel()}: absorbs, rebuilds, iterates. */
    boolean resume(double target, int maxIterations) {
        absorb();
        buildKernel();
        if (iterations >= maxIterations) {
            return false;
        }
        columnStep();
        return iterate(target, maxIterations);
    }

    private boolean iterate(double target, int maxIterations) {
        while (true) {
            double err = rowProduct();
            if (!Double.isFinite(err)) {
                // Some row lost every kernel entry (or overflowed): exact dense update of its potential.
                absorb();
                denseRowUpdate();
                buildKernel();
                if (iterations >= maxIterations) {
                    return false;
                }
                columnStep();
                continue;
            }
            lastError = err;
            if (err <= target) {
                return true;
            }
            if (iterations >= maxIterations) {
                return false;
            }
            boolean absorbRows = rowUpdate();
            boolean absorbCols = columnStep();
            if (absorbRows || absorbCols) {
                absorb();
                buildKernel();
            }
        }
    }

    /**
     * Column update v_j from the current u (one iteration). Repairs columns that lost all kernel
     * entries by a dense update.
     *
     * @return whether a scaling left the absorption bounds
     */
    private boolean columnStep() {
        iterations++;
        int status = columnUpdate();
        if (status == 2) {
            absorb();
            denseColumnUpdate();
            buildKernel();
            return false;
        }
        return status == 1;
    }

    /** Folds the scalings into the potentials: f += eps log u, g += eps log v; u = v = 1. */
    void absorb() {
        if (eps == 0) {
            return;
        }
        for (int i = 0; i < n; i++) {
            if (u[i] != 1.0) {
                f[i] += eps * Math.log(u[i]);
                u[i] = 1.0;
            }
            au[i] = a[i];
        }
        for (int j = 0; j < m; j++) {
            if (v[j] != 1.0) {
                g[j] += eps * Math.log(v[j]);
                v[j] = 1.0;
            }
            bv[j] = b[j];
        }
    }

    // ---- kernel -------------------------------------------------------------------------------

    private void buildKernel() {
        kernelBuilds++;
        final double inv = 1.0 / eps;
        final double lt = logTheta;
        int[][] blockCols = new int[blocksN][];
        double[][] blockVals = new double[blocksN][];
        int[] counts = new int[n];
        forBlocks(blocksN, (long) n * m, blk -> {
            int from = start(blk, blocksN, n);
            int to = start(blk + 1, blocksN, n);
            int cap = Math.max(16, (to - from) * Math.min(m, 64));
            int[] cols = new int[cap];
            double[] vals = new double[cap];
            int k = 0;
            for (int i = from; i < to; i++) {
                double fi = f[i];
                int off = i * m;
                int before = k;
                for (int j = 0; j < m; j++) {
                    double x = (fi + g[j] - c[off + j]) * inv;
                    if (x >= lt) {
                        if (k == cols.length) {
                            cols = Arrays.copyOf(cols, 2 * k);
                            vals = Arrays.copyOf(vals, 2 * k);
                        }
                        cols[k] = j;
                        vals[k] = Math.exp(x);
                        k++;
                    }
                }
                counts[i] = k - before;
            }
            blockCols[blk] = cols;
            blockVals[blk] = vals;
        });
        rowPtr = new int[n + 1];
        for (int i = 0; i < n; i++) {
            rowPtr[i + 1] = rowPtr[i] + counts[i];
        }
        nnz = rowPtr[n];
        nnzTotal += nnz;
        colIdx = new int[nnz];
        val = new double[nnz];
        for (int blk = 0; blk < blocksN; blk++) {
            int from = start(blk, blocksN, n);
            int to = start(blk + 1, blocksN, n);
            int len = rowPtr[to] - rowPtr[from];
            System.arraycopy(blockCols[blk], 0, colIdx, rowPtr[from], len);
            System.arraycopy(blockVals[blk], 0, val, rowPtr[from], len);
        }
        // Column-major copy so that both products are gathers and run in parallel without races.
        colPtr = new int[m + 1];
        for (int k = 0; k < nnz; k++) {
            colPtr[colIdx[k] + 1]++;
        }
        for (int j = 0; j < m; j++) {
            colPtr[j + 1] += colPtr[j];
        }
        int[] next = Arrays.copyOf(colPtr, m);
        rowIdx = new int[nnz];
        valT = new double[nnz];
        for (int i = 0; i < n; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                int p = next[colIdx[k]]++;
                rowIdx[p] = i;
                valT[p] = val[k];
            }
        }
    }

    // ---- products and updates -----------------------------------------------------------------

    /**
     * rowSum_i = sum_j K_ij b_j v_j and the L1 error of the current row marginals a_i u_i rowSum_i
     * against their targets. Infinite when a row sum is 0 or not finite.
     */
    private double rowProduct() {
        double[] partial = new double[blocksN];
        forBlocks(blocksN, nnz, blk -> {
            int from = start(blk, blocksN, n);
            int to = start(blk + 1, blocksN, n);
            double err = 0;
            for (int i = from; i < to; i++) {
                double s = 0;
                for (int k = rowPtr[i], e = rowPtr[i + 1]; k < e; k++) {
                    s += val[k] * bv[colIdx[k]];
                }
                rowSum[i] = s;
                if (!(s > 0) || s == Double.POSITIVE_INFINITY) {
                    err = Double.POSITIVE_INFINITY;
                    continue;
                }
                double targetI = expo == 1.0 ? a[i] : a[i] * Math.exp(-(f[i] + eps * Math.log(u[i])) / regM);
                err += Math.abs(au[i] * s - targetI);
            }
            partial[blk] = err;
        });
        double err = 0;
        for (double p : partial) {
            err += p;
        }
        return err;
    }

    /** u from the row sums of {@link #rowProduct()}; returns whether some u left the bounds. */
    private boolean rowUpdate() {
        boolean out = false;
        double inv = 1.0 / eps;
        for (int i = 0; i < n; i++) {
            double ui = expo == 1.0 ? 1.0 / rowSum[i]
                    : Math.exp(-expo * Math.log(rowSum[i]) + (expo - 1.0) * f[i] * inv);
            u[i] = ui;
            au[i] = a[i] * ui;
            if (ui > BOUND || ui < 1.0 / BOUND) {
                out = true;
            }
        }
        return out;
    }

    /** v from the column products; 0 fine, 1 a scaling left the bounds, 2 a column sum vanished. */
    private int columnUpdate() {
        int[] flags = new int[blocksM];
        double inv = 1.0 / eps;
        forBlocks(blocksM, nnz, blk -> {
            int from = start(blk, blocksM, m);
            int to = start(blk + 1, blocksM, m);
            int flag = 0;
            for (int j = from; j < to; j++) {
                double t = 0;
                for (int k = colPtr[j], e = colPtr[j + 1]; k < e; k++) {
                    t += valT[k] * au[rowIdx[k]];
                }
                colSum[j] = t;
                if (!(t > 0) || t == Double.POSITIVE_INFINITY) {
                    flag = 2;
                    continue;
                }
                double vj = expo == 1.0 ? 1.0 / t : Math.exp(-expo * Math.log(t) + (expo - 1.0) * g[j] * inv);
                v[j] = vj;
                bv[j] = b[j] * vj;
                if ((vj > BOUND || vj < 1.0 / BOUND) && flag == 0) {
                    flag = 1;
                }
            }
            flags[blk] = flag;
        });
        int status = 0;
        for (int fl : flags) {
            status = Math.max(status, fl);
        }
        return status;
    }

    /** Exact log-domain update of every f (scalings absorbed first): F_i = -e eps LSE_j(log b_j + (g_j - C_ij)/eps). */
    private void denseRowUpdate() {
        denseUpdates++;
        final double inv = 1.0 / eps;
        forBlocks(blocksN, (long) n * m, blk -> {
            int from = start(blk, blocksN, n);
            int to = start(blk + 1, blocksN, n);
            double[] x = new double[m];
            for (int i = from; i < to; i++) {
                int off = i * m;
                for (int j = 0; j < m; j++) {
                    x[j] = Math.log(b[j]) + (g[j] - c[off + j]) * inv;
                }
                f[i] = -expo * eps * logSumExp(x, m);
            }
        });
    }

    /** Exact log-domain update of every g: G_j = -e eps LSE_i(log a_i + (f_i - C_ij)/eps). */
    private void denseColumnUpdate() {
        denseUpdates++;
        final double inv = 1.0 / eps;
        forBlocks(blocksM, (long) n * m, blk -> {
            int from = start(blk, blocksM, m);
            int to = start(blk + 1, blocksM, m);
            double[] x = new double[n];
            for (int j = from; j < to; j++) {
                for (int i = 0; i < n; i++) {
                    x[i] = Math.log(a[i]) + (f[i] - c[i * m + j]) * inv;
                }
                g[j] = -expo * eps * logSumExp(x, n);
            }
        });
    }

    /** log sum exp(x_k), shifted by the maximum so that nothing overflows or underflows to -inf. */
    static double logSumExp(double[] x, int len) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < len; k++) {
            max = Math.max(max, x[k]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (int k = 0; k < len; k++) {
            double y = x[k] - max;
            if (y > EXP_UNDERFLOW) {
                s += Math.exp(y);
            }
        }
        return max + Math.log(s);
    }

    // ---- parallel helpers ---------------------------------------------------------------------

    interface Block {
        void run(int block);
    }

    /** Runs blocks 0..count-1, in parallel over the common pool when the work is large enough. */
    static void forBlocks(int count, long work, Block body) {
        if (work < PARALLEL_WORK || count == 1) {
            for (int blk = 0; blk < count; blk++) {
                body.run(blk);
            }
        } else {
            IntStream.range(0, count).parallel().forEach(body::run);
        }
    }

    /** Start index of block {@code blk} of {@code count} equal blocks over 0..len-1. */
    static int start(int blk, int count, int len) {
        return (int) ((long) blk * len / count);
    }
}
