package io.gmmflow.solvers;

import io.gmmflow.api.Coupling;
import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.SolverStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code emd}: the exact transport LP min &lt;pi, C&gt; s.t. pi 1 = a, pi^T 1 = b, pi >= 0 (seed 002
 * eq. 9, the discrete problem behind the mixture metric; the GMM-OT baseline of seed 003), solved by
 * a primal network simplex with block-search pricing (see {@code NetworkSimplex}).
 *
 * <p><b>Result.</b> A basic optimal plan: at most K0 + K1 - 1 non-zeros (fewer when the problem is
 * degenerate or has zero weights). Dual potentials f, g with C_ij - f_i - g_j >= 0 for all (i, j),
 * equal to 0 on the plan's support (the optimality certificate; f_0 = 0 for the first row of positive
 * weight, zero-weight rows/columns get the largest feasible potential min_j (C_ij - g_j)).
 * {@code iterations} is the number of pivots. Status {@code CONVERGED} when the basis is optimal,
 * {@code MAX_ITERATIONS} when the pivot budget ran out first (the plan is then feasible but not
 * optimal).
 *
 * <p><b>Input.</b> Rectangular K0 x K1 problems, zero weights (dropped before solving), a and b of
 * equal total mass: a relative difference up to 1e-9 is accepted and b is rescaled to the mass of a
 * internally (the reported marginal error is against the given b); a larger one is rejected naming
 * both sums. Costs must be finite and non-negative.
 *
 * <p><b>Parameters:</b> {@code maxIterations} (maximum pivots, default 100000000). The entropic
 * parameters are ignored.
 *
 * <p><b>Cost.</b> Memory O(K0 K1) (flows and a copy of the costs). Each pivot prices about
 * sqrt(K0 K1) arcs and updates the tree in O(cycle length + moved subtree); the number of pivots is
 * in practice a small multiple of K0 + K1 up to ~K0 K1 / 10 for random costs. Stateless and
 * thread-safe (one solve uses one thread).
 */
public final class NetworkSimplexSolver implements CouplingSolver {

    /** The registry name. */
    public static final String NAME = "emd";
    static final int DEFAULT_MAX_PIVOTS = 100_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(NetworkSimplexSolver.class);

    /** Public no-argument constructor for ServiceLoader and Guice. */
    public NetworkSimplexSolver() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Exact optimal transport (earth mover's distance) by network simplex (seed 002 eq. 9)";
    }

    @Override
    public Parameters defaults() {
        return Parameters.of(EntropicSettings.MAX_ITERATIONS, DEFAULT_MAX_PIVOTS);
    }

    @Override
    public Coupling solve(double[] a, double[] b, double[][] cost, Parameters parameters) {
        return solve(a, b, cost, parameters, false);
    }

    /** The solve, optionally checking every basis invariant after each pivot (tests only). */
    Coupling solve(double[] a, double[] b, double[][] cost, Parameters parameters, boolean verify) {
        Parameters params = parameters == null ? Parameters.empty() : parameters;
        int maxPivots = params.integer(EntropicSettings.MAX_ITERATIONS, DEFAULT_MAX_PIVOTS, 0);
        CouplingProblem p = CouplingProblem.of(a, b, cost);
        p.checkBalanced();
        double scale = p.massA / p.massB;
        double[] bInternal = p.b.clone();
        if (scale != 1.0) {
            for (int j = 0; j < p.m; j++) {
                bInternal[j] *= scale;
            }
        }
        NetworkSimplex simplex = new NetworkSimplex(p.a, bInternal, p.cost);
        if (verify) {
            simplex.verifyBasis();
        }
        simplex.run(maxPivots, verify);
        simplex.recomputePotentials();
        double[][] plan = p.expandPlan(simplex.plan());
        double[] fr = simplex.sourcePotential();
        double[] gr = simplex.targetPotential();
        double[] f = new double[a.length];
        double[] g = new double[b.length];
        boolean[] rowIn = new boolean[a.length];
        boolean[] colIn = new boolean[b.length];
        for (int i = 0; i < p.n; i++) {
            f[p.rows[i]] = fr[i];
            rowIn[p.rows[i]] = true;
        }
        for (int j = 0; j < p.m; j++) {
            g[p.cols[j]] = gr[j];
            colIn[p.cols[j]] = true;
        }
        // Zero-weight rows and columns carry no flow: any potential with non-negative reduced costs
        // certifies optimality; take the largest (tight on at least one arc).
        for (int i = 0; i < a.length; i++) {
            if (!rowIn[i]) {
                double min = Double.POSITIVE_INFINITY;
                for (int j : p.cols) {
                    min = Math.min(min, cost[i][j] - g[j]);
                }
                f[i] = min;
            }
        }
        for (int j = 0; j < b.length; j++) {
            if (!colIn[j]) {
                double min = Double.POSITIVE_INFINITY;
                for (int i = 0; i < a.length; i++) {
                    min = Math.min(min, cost[i][j] - f[i]);
                }
                g[j] = min;
            }
        }
        double err = p.marginalError(plan);
        SolverStatus status = simplex.optimal ? SolverStatus.CONVERGED : SolverStatus.MAX_ITERATIONS;
        if (!Double.isFinite(err)) {
            status = SolverStatus.FAILED;
        }
        LOG.debug("emd {}x{} pivots={} status={} marginalError={}", a.length, b.length, simplex.pivots, status, err);
        int pivots = (int) Math.min(Integer.MAX_VALUE, simplex.pivots);
        return new Coupling(plan, f, g, p.objective(plan), pivots, err, status);
    }
}
