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
 * <p>Small eps: the plan then concentrates on a near-tree support along which marginal imbalances
 * diffuse, and Sinkhorn's linear rate tends to 1 (thousands of iterations per digit at
 * C / eps ~ 1e8). When a window of 10 iterations shows a rate above 0.9, the balanced problem switches
 * to Newton steps on the dual over the same sparse kernel (Brauer, Clason, Lorenz, Wirth 2017):
 * conjugate gradients on the kernel's weighted graph Laplacian, Armijo backtracking on the exact dual
 * change, a trust region of 10 eps per step; a failed step falls back to Sinkhorn. Each CG iteration
 * costs two sparse products and counts as one iteration.
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
    /** Iterations over which the linear convergence rate of Sinkhorn is measured. */
    private static final int RATE_WINDOW = 10;
    /** Largest change of a potential in one Newton step, in units of eps (log of the scaling). */
    private static final double MAX_NEWTON_STEP = 10.0;
    /** Marginal errors below this fraction of the mass are round-off. */
    private static final double ROUND_OFF = 1e-13;
    /** Sinkhorn rates (error ratio per iteration) above this switch to Newton steps. */
    private static final double NEWTON_RATE = 0.9;
    /** exp(x) is 0 in double precision below this. */
    private static final double EXP_UNDERFLOW = -745.2;

    private final int n;
    private final int m;
    private final double[] a;
    private final double[] b;
    private final double[] c;
    private final double regM;
    private final double massA;

    private final double[] f;
    private final double[] g;
    private final double[] u;
    private final double[] v;
    private final double[] au;
    private final double[] bv;
    private final double[] rowSum;
    private final double[] colSum;
    private final double[] scratchN;
    private final double[] scratchM;

    private double eps;
    private double expo;
    private double logTheta = DEFAULT_LOG_THETA;
    private boolean rowsOutOfBounds;
    /** L1 error of the column marginals of the current state against their targets. */
    private double columnError;

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
    int newtonSteps;
    int newtonFailures;
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
        double mass = 0;
        for (double x : a) {
            mass += x;
        }
        this.massA = mass;
        this.f = new double[n];
        this.g = new double[m];
        this.u = new double[n];
        this.v = new double[m];
        this.au = a.clone();
        this.bv = b.clone();
        this.rowSum = new double[n];
        this.colSum = new double[m];
        this.scratchN = new double[n];
        this.scratchM = new double[m];
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

    /** Absorbed source potential f (the full potential is f + eps log u). */
    double[] absorbedSource() {
        return f.clone();
    }

    double[] absorbedTarget() {
        return g.clone();
    }

    double[] sourceScaling() {
        return u.clone();
    }

    double[] targetScaling() {
        return v.clone();
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
        double windowStart = Double.NaN;
        int windowCount = 0;
        int newtonBackoff = 0;
        while (true) {
            double err = rowProduct();
            if (!Double.isFinite(err)) {
                // Some row lost every kernel entry (or overflowed): exact dense update of its potential.
                absorb();
                denseRowUpdate();
                if (!finitePotentials()) {
                    return false;
                }
                buildKernel();
                windowStart = Double.NaN;
                if (iterations >= maxIterations) {
                    return false;
                }
                columnStep();
                continue;
            }
            err += columnError;
            lastError = err;
            if (err <= target) {
                return true;
            }
            if (iterations >= maxIterations) {
                return false;
            }
            // At small eps Sinkhorn's linear rate tends to 1 (the plan concentrates on a near-tree
            // support along which imbalances diffuse). When a window of iterations shows a slow rate,
            // switch to Newton steps on the dual (balanced problem), which converge quadratically.
            if (Double.isNaN(windowStart)) {
                windowStart = err;
                windowCount = 0;
            } else if (++windowCount == RATE_WINDOW) {
                double rate = Math.pow(err / windowStart, 1.0 / RATE_WINDOW);
                windowStart = err;
                windowCount = 0;
                // Below ~1e-13 of the mass the error is round-off, which Newton cannot reduce either.
                if (expo == 1.0 && rate > NEWTON_RATE && err > ROUND_OFF * massA && --newtonBackoff < 0) {
                    int outcome = newton(target, maxIterations);
                    if (outcome > 0) {
                        return true;
                    }
                    if (outcome == 0) {
                        return false;
                    }
                    newtonFailures++;
                    newtonBackoff = 10;
                    windowStart = Double.NaN;
                    // The state changed: measure its column error again before the row product.
                    columnStep();
                    continue;
                }
            }
            rowUpdate();
            boolean absorbCols = columnStep();
            if (absorbCols || rowsOutOfBounds) {
                absorb();
                buildKernel();
            }
        }
    }

    /**
     * Newton's method on the dual D(F, G) = &lt;a, F&gt; + &lt;b, G&gt; - eps sum_ij pi_ij(F, G)
     * over the kernel (Brauer, Clason, Lorenz, Wirth, "A Sinkhorn-Newton method for entropic optimal
     * transport", 2017). The Newton system H [x; y] = [a - r; b - c], H = [[diag r, pi], [pi^T, diag c]]
     * (x, y the steps of F/eps and G/eps) is a weighted graph Laplacian on the kernel's support,
     * solved by conjugate gradients with a Jacobi preconditioner to a forcing tolerance
     * min(0.1, err) err; the step length is chosen by Armijo backtracking on the exactly evaluated
     * change of D. Every CG iteration costs two sparse products like a Sinkhorn iteration and is
     * counted as one.
     *
     * @return 1 when the error reached {@code target}, 0 when the budget ran out, -1 when a step failed
     *     (the caller falls back to Sinkhorn iterations)
     */
    private int newton(double target, int maxIterations) {
        int dim = n + m;
        double[] rhs = new double[dim];
        double[] z = new double[dim];
        double[] res = new double[dim];
        double[] pre = new double[dim];
        double[] dir = new double[dim];
        double[] q = new double[dim];
        double[] tmpN = new double[n];
        double[] tmpM = new double[m];
        while (true) {
            // Marginals of the current state.
            kernelTimes(bv, tmpN);
            kernelTransposeTimes(au, tmpM);
            double err = 0;
            double colErr = 0;
            for (int i = 0; i < n; i++) {
                double ri = au[i] * tmpN[i];
                rowSum[i] = ri;
                rhs[i] = a[i] - ri;
                err += Math.abs(rhs[i]);
            }
            for (int j = 0; j < m; j++) {
                double cj = bv[j] * tmpM[j];
                colSum[j] = cj;
                rhs[n + j] = b[j] - cj;
                colErr += Math.abs(rhs[n + j]);
            }
            err += colErr;
            columnError = colErr;
            if (!Double.isFinite(err)) {
                return -1;
            }
            lastError = err;
            if (err <= target) {
                return 1;
            }
            if (iterations >= maxIterations) {
                return 0;
            }
            // Preconditioned CG from 0.
            for (int k = 0; k < dim; k++) {
                double d = k < n ? rowSum[k] : colSum[k - n];
                pre[k] = d > 0 ? 1.0 / d : 0.0;
                z[k] = 0;
                res[k] = rhs[k];
                dir[k] = pre[k] * res[k];
            }
            double rs = dot(res, dir, dim);
            double cgTol = Math.max(0.1 * target, Math.min(0.1, err) * err);
            int maxCg = Math.max(50, 2 * dim);
            boolean solved = false;
            for (int it = 0; it < maxCg && iterations < maxIterations; it++) {
                hessianTimes(dir, q, tmpN, tmpM);
                double pq = dot(dir, q, dim);
                if (!(pq > 0) || !Double.isFinite(pq)) {
                    break;
                }
                double alpha = rs / pq;
                double norm = 0;
                for (int k = 0; k < dim; k++) {
                    z[k] += alpha * dir[k];
                    res[k] -= alpha * q[k];
                    norm += Math.abs(res[k]);
                }
                iterations++;
                if (norm <= cgTol) {
                    solved = true;
                    break;
                }
                double rsNew = 0;
                for (int k = 0; k < dim; k++) {
                    rsNew += res[k] * pre[k] * res[k];
                }
                double beta = rsNew / rs;
                rs = rsNew;
                for (int k = 0; k < dim; k++) {
                    dir[k] = pre[k] * res[k] + beta * dir[k];
                }
            }
            if (!solved && iterations >= maxIterations) {
                return 0;
            }
            double slope = dot(rhs, z, dim);
            if (!(slope > 0) || !Double.isFinite(slope)) {
                return -1;
            }
            double lin = 0;
            for (int i = 0; i < n; i++) {
                lin += a[i] * z[i];
            }
            for (int j = 0; j < m; j++) {
                lin += b[j] * z[n + j];
            }
            // Trust region: potentials move by at most MAX_NEWTON_STEP eps per step. On a kernel whose
            // support is disconnected the system is inconsistent and CG drifts along the null space;
            // the bounded drift is what re-connects the components after the next kernel rebuild.
            double maxStep = 0;
            for (int k = 0; k < dim; k++) {
                maxStep = Math.max(maxStep, Math.abs(z[k]));
            }
            double t = Math.min(1.0, MAX_NEWTON_STEP / maxStep);
            boolean accepted = false;
            for (int trial = 0; trial < 40; trial++) {
                double change = t * lin - planExpm1(z, t);
                if (change >= 1e-4 * t * slope) {
                    accepted = true;
                    break;
                }
                t *= 0.5;
            }
            if (!accepted) {
                return -1;
            }
            newtonSteps++;
            boolean out = false;
            for (int i = 0; i < n; i++) {
                u[i] *= Math.exp(t * z[i]);
                au[i] = a[i] * u[i];
                out |= u[i] > BOUND || u[i] < 1.0 / BOUND;
            }
            for (int j = 0; j < m; j++) {
                v[j] *= Math.exp(t * z[n + j]);
                bv[j] = b[j] * v[j];
                out |= v[j] > BOUND || v[j] < 1.0 / BOUND;
            }
            if (out) {
                absorb();
                buildKernel();
            }
        }
    }

    /** sum_ij pi_ij expm1(t (x_i + y_j)) over the kernel, pi_ij = au_i K_ij bv_j. */
    private double planExpm1(double[] z, double t) {
        double[] partial = new double[blocksN];
        forBlocks(blocksN, nnz, blk -> {
            int from = start(blk, blocksN, n);
            int to = start(blk + 1, blocksN, n);
            double s = 0;
            for (int i = from; i < to; i++) {
                double row = 0;
                double xi = z[i];
                for (int k = rowPtr[i], e = rowPtr[i + 1]; k < e; k++) {
                    int j = colIdx[k];
                    row += val[k] * bv[j] * Math.expm1(t * (xi + z[n + j]));
                }
                s += au[i] * row;
            }
            partial[blk] = s;
        });
        double s = 0;
        for (double p : partial) {
            s += p;
        }
        return s;
    }

    /** out = H p with H = [[diag r, pi], [pi^T, diag c]] (r, c in rowSum, colSum). */
    private void hessianTimes(double[] p, double[] out, double[] tmpN, double[] tmpM) {
        // rowSum / colSum hold r, c; the products reuse the scratch vectors of this instance.
        double[] w = scratchM;
        for (int j = 0; j < m; j++) {
            w[j] = bv[j] * p[n + j];
        }
        kernelTimes(w, tmpN);
        double[] zz = scratchN;
        for (int i = 0; i < n; i++) {
            zz[i] = au[i] * p[i];
        }
        kernelTransposeTimes(zz, tmpM);
        for (int i = 0; i < n; i++) {
            out[i] = rowSum[i] * p[i] + au[i] * tmpN[i];
        }
        for (int j = 0; j < m; j++) {
            out[n + j] = colSum[j] * p[n + j] + bv[j] * tmpM[j];
        }
    }

    /** out_i = sum_j K_ij w_j. */
    private void kernelTimes(double[] w, double[] out) {
        forBlocks(blocksN, nnz, blk -> {
            int from = start(blk, blocksN, n);
            int to = start(blk + 1, blocksN, n);
            for (int i = from; i < to; i++) {
                double s = 0;
                for (int k = rowPtr[i], e = rowPtr[i + 1]; k < e; k++) {
                    s += val[k] * w[colIdx[k]];
                }
                out[i] = s;
            }
        });
    }

    /** out_j = sum_i K_ij w_i. */
    private void kernelTransposeTimes(double[] w, double[] out) {
        forBlocks(blocksM, nnz, blk -> {
            int from = start(blk, blocksM, m);
            int to = start(blk + 1, blocksM, m);
            for (int j = from; j < to; j++) {
                double s = 0;
                for (int k = colPtr[j], e = colPtr[j + 1]; k < e; k++) {
                    s += valT[k] * w[rowIdx[k]];
                }
                out[j] = s;
            }
        });
    }

    private static double dot(double[] x, double[] y, int len) {
        double s = 0;
        for (int k = 0; k < len; k++) {
            s += x[k] * y[k];
        }
        return s;
    }

    /**
     * Column update v_j from the current u (one iteration), which also measures the column error of
     * the new state. Repairs columns that lost all kernel entries by a dense update.
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
            // The dense update makes the columns exact (to the e^-60 truncation).
            columnError = 0;
            return false;
        }
        return status == 1;
    }

    /**
     * Moves the potentials to {@code epsilon} when the budget ran out in an earlier stage: one exact
     * dense column update at the new temperature, after which every plan entry is at most
     * a_i b_j / b_j-bounded (no overflow) and the columns are exact.
     */
    void projectTo(double epsilon) {
        iterations++;
        absorb();
        eps = epsilon;
        expo = Double.isInfinite(regM) ? 1.0 : regM / (regM + eps);
        denseColumnUpdate();
    }

    /** Current temperature. */
    double epsilon() {
        return eps;
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

    /** Whether every absorbed potential is finite (a broken state ends the solve as FAILED). */
    boolean finitePotentials() {
        for (double x : f) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        for (double x : g) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
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

    /** u from the row sums of {@link #rowProduct()}; records whether some u left the bounds. */
    private void rowUpdate() {
        boolean out = false;
        double inv = 1.0 / eps;
        for (int i = 0; i < n; i++) {
            double ui = expo == 1.0 ? 1.0 / rowSum[i] : Math.exp(-expo * Math.log(rowSum[i]) + (expo - 1.0) * f[i] * inv);
            u[i] = ui;
            au[i] = a[i] * ui;
            if (ui > BOUND || ui < 1.0 / BOUND) {
                out = true;
            }
        }
        rowsOutOfBounds = out;
    }

    /**
     * v from the column products, and the L1 error of the new column marginals
     * b_j v_j t_j against their targets into {@link #columnError}. Returns 0 fine, 1 a scaling left
     * the bounds, 2 a column sum vanished.
     */
    private int columnUpdate() {
        int[] flags = new int[blocksM];
        double[] partial = new double[blocksM];
        double inv = 1.0 / eps;
        forBlocks(blocksM, nnz, blk -> {
            int from = start(blk, blocksM, m);
            int to = start(blk + 1, blocksM, m);
            int flag = 0;
            double err = 0;
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
                double targetJ = expo == 1.0 ? b[j] : b[j] * Math.exp(-(g[j] + eps * Math.log(vj)) / regM);
                err += Math.abs(bv[j] * t - targetJ);
                if ((vj > BOUND || vj < 1.0 / BOUND) && flag == 0) {
                    flag = 1;
                }
            }
            flags[blk] = flag;
            partial[blk] = err;
        });
        int status = 0;
        double err = 0;
        for (int blk = 0; blk < blocksM; blk++) {
            status = Math.max(status, flags[blk]);
            err += partial[blk];
        }
        columnError = status == 2 ? Double.POSITIVE_INFINITY : err;
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
