package io.gmmflow.solvers;

/**
 * The dense plan pi_ij = a_i b_j exp((F_i + G_j - C_ij)/eps) of full potentials F, G, expanded to
 * the full problem (zero-weight rows and columns get zero plan entries and the potential the next
 * Sinkhorn update would give them), with its row and column sums. Package-private helper of the
 * entropic solvers; the plan is evaluated once at the end of a solve, in parallel over rows, with
 * no exp for entries below the double underflow threshold.
 */
final class EntropicPlan {

    private static final double EXP_UNDERFLOW = -745.2;

    final double[][] plan;
    final double[] f;
    final double[] g;
    final double[] rowSums;
    final double[] colSums;
    final boolean finite;

    /**
     * @param p        the reduced problem
     * @param bReduced the target weights the engine used (possibly rescaled to the source mass)
     * @param fa       reduced absorbed source potential (engine convention with bReduced)
     * @param ga       reduced absorbed target potential
     * @param u        source scalings: the full potential is fa + eps log u
     * @param v        target scalings
     * @param eps      regularization
     * @param expo     regM / (regM + eps), 1 for the balanced problem (used for zero-weight potentials)
     */
    EntropicPlan(CouplingProblem p, double[] bReduced, double[] fa, double[] ga, double[] u, double[] v,
                 double eps, double expo) {
        // The plan is a_i u_i b_j v_j exp((fa_i + ga_j - C_ij)/eps) with the exponent evaluated exactly
        // as the engine's kernel was, so that the returned plan is bitwise the state the iteration
        // converged on (plus the truncated entries); folding u, v into the potentials first would round
        // them at the scale of the costs, which at C ~ 1e4 and eps ~ 1e-4 perturbs the plan by 1e-8.
        double[] fr = new double[p.n];
        double[] gr = new double[p.m];
        for (int i = 0; i < p.n; i++) {
            fr[i] = fa[i] + eps * Math.log(u[i]);
        }
        for (int j = 0; j < p.m; j++) {
            gr[j] = ga[j] + eps * Math.log(v[j]);
        }
        int fullN = p.fullA.length;
        int fullM = p.fullB.length;
        // Express G against the given b: a_i b'_j e^{G/eps} = a_i b_j e^{(G + eps log(b'_j/b_j))/eps}.
        double[] gGiven = new double[p.m];
        for (int j = 0; j < p.m; j++) {
            double ratio = bReduced[j] / p.b[j];
            gGiven[j] = ratio == 1.0 ? gr[j] : gr[j] + eps * Math.log(ratio);
        }
        f = new double[fullN];
        g = new double[fullM];
        boolean[] rowIn = new boolean[fullN];
        boolean[] colIn = new boolean[fullM];
        for (int i = 0; i < p.n; i++) {
            f[p.rows[i]] = fr[i];
            rowIn[p.rows[i]] = true;
        }
        for (int j = 0; j < p.m; j++) {
            g[p.cols[j]] = gGiven[j];
            colIn[p.cols[j]] = true;
        }
        double inv = 1.0 / eps;
        if (p.reduced()) {
            for (int i = 0; i < fullN; i++) {
                if (!rowIn[i]) {
                    double[] x = new double[p.m];
                    for (int j = 0; j < p.m; j++) {
                        x[j] = Math.log(p.b[j]) + (gGiven[j] - p.fullCost[i][p.cols[j]]) * inv;
                    }
                    f[i] = -expo * eps * StabilizedScaling.logSumExp(x, p.m);
                }
            }
            for (int j = 0; j < fullM; j++) {
                if (!colIn[j]) {
                    double[] x = new double[p.n];
                    for (int i = 0; i < p.n; i++) {
                        x[i] = Math.log(p.a[i]) + (fr[i] - p.fullCost[p.rows[i]][j]) * inv;
                    }
                    g[j] = -expo * eps * StabilizedScaling.logSumExp(x, p.n);
                }
            }
        }
        plan = new double[fullN][fullM];
        rowSums = new double[fullN];
        int blocks = Math.min(p.n, 4 * Runtime.getRuntime().availableProcessors());
        StabilizedScaling.forBlocks(blocks, (long) p.n * p.m, blk -> {
            int from = StabilizedScaling.start(blk, blocks, p.n);
            int to = StabilizedScaling.start(blk + 1, blocks, p.n);
            for (int i = from; i < to; i++) {
                double[] row = plan[p.rows[i]];
                double ai = p.a[i] * u[i];
                double fi = fa[i];
                int off = i * p.m;
                double s = 0;
                for (int j = 0; j < p.m; j++) {
                    double x = (fi + ga[j] - p.cost[off + j]) * inv;
                    if (x > EXP_UNDERFLOW) {
                        double val = ai * (bReduced[j] * v[j]) * Math.exp(x);
                        row[p.cols[j]] = val;
                        s += val;
                    }
                }
                rowSums[p.rows[i]] = s;
            }
        });
        colSums = new double[fullM];
        boolean ok = true;
        for (int i = 0; i < fullN; i++) {
            double[] row = plan[i];
            for (int j = 0; j < fullM; j++) {
                colSums[j] += row[j];
            }
            ok &= Double.isFinite(rowSums[i]) && Double.isFinite(f[i]);
        }
        for (int j = 0; j < fullM; j++) {
            ok &= Double.isFinite(colSums[j]) && Double.isFinite(g[j]);
        }
        finite = ok;
    }

    /** |pi 1 - a|_1 + |pi^T 1 - b|_1 against the given weights. */
    double marginalError(CouplingProblem p) {
        double err = 0;
        for (int i = 0; i < rowSums.length; i++) {
            err += Math.abs(rowSums[i] - p.fullA[i]);
        }
        for (int j = 0; j < colSums.length; j++) {
            err += Math.abs(colSums[j] - p.fullB[j]);
        }
        return err;
    }

    /**
     * The stationarity residual of the KL-relaxed problem: sum_i |r_i - a_i e^{-F_i/regM}| +
     * sum_j |c_j - b_j e^{-G_j/regM}| (r, c the plan's row and column sums); zero exactly at the optimum.
     */
    double unbalancedResidual(CouplingProblem p, double regM) {
        double err = 0;
        for (int i = 0; i < rowSums.length; i++) {
            err += Math.abs(rowSums[i] - p.fullA[i] * Math.exp(-f[i] / regM));
        }
        for (int j = 0; j < colSums.length; j++) {
            err += Math.abs(colSums[j] - p.fullB[j] * Math.exp(-g[j] / regM));
        }
        return err;
    }
}
