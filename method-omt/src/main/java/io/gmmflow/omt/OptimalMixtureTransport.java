package io.gmmflow.omt;

import io.gmmflow.api.CostModel;
import io.gmmflow.api.Coupling;
import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Parameters;

/**
 * Optimal Mixture Transport (seed 003) and its GMM-OT baseline behind one interface.
 *
 * <p><b>OMT</b> ({@link #omt}): the pair plans p_ij are the entropic Gaussian plans at eps1
 * (independent of Omega, Theorem 1), their objectives L_ij (eq. 33) form the cost matrix, and the
 * weights solve min_Omega sum omega_ij L_ij + eps2 KL(Omega || alpha0 x alpha1) with marginals
 * alpha0, alpha1 (eq. 29-30). Its solution is the Sinkhorn plan (eq. 34, 37), so the weights come
 * from the given {@link CouplingSolver} (normally {@code sinkhorn}) with {@code epsilon} = eps2. The
 * GOP alternation of the seed stops after one round (Theorem 1), so nothing is iterated here.
 *
 * <p><b>GMM-OT</b> ({@link #gmmOt}, Delon-Desolneux, seed 003 Appendix B.3-B.4): the eps -> 0 limit,
 * W2^2 pair costs, Bures pair couplings and the plan of the given solver (normally the exact
 * {@code emd}).
 *
 * <p>Parameters: {@code eps1} (default 0.01), {@code eps2} (default 0.01; the two values of seed 003
 * Appendix B.3), {@code maxIterations} and {@code tolerance} (when set; otherwise the solver's own
 * defaults, 5000 and 1e-9 for {@code sinkhorn}), {@code pruneTolerance} (1e-12, see
 * {@link MixtureTransportPlan}). eps2, maxIterations and tolerance go to the solver as
 * {@code epsilon}, {@code maxIterations}, {@code tolerance}. GMM-OT ignores eps1 and passes eps2 on
 * only when it is set (an exact solver has no epsilon).
 *
 * <p>Cost: K0 K1 pair objectives (values-only eigendecompositions, O(d) each for diagonal
 * covariances, rows in parallel), plus the solver. The maps are built on demand by
 * {@link OmtResult#plan()}. Immutable and thread-safe if the solver is (plugins are).
 */
public final class OptimalMixtureTransport {

    /** Which problem is solved. */
    public enum Mode {
        /** Entropic pair plans at eps1 > 0 and weights by the solver at eps2 (seed 003). */
        OMT,
        /** W2 pair costs, Bures pair couplings, weights by the solver (GMM-OT baseline). */
        GMM_OT
    }

    /** Pair regularization parameter name. */
    public static final String EPS1 = "eps1";
    /** Weight regularization parameter name. */
    public static final String EPS2 = "eps2";
    /** Solver iteration limit parameter name. */
    public static final String MAX_ITERATIONS = "maxIterations";
    /** Solver tolerance parameter name. */
    public static final String TOLERANCE = "tolerance";
    /** Relative weight below which a pair is dropped from the maps (see {@link MixtureTransportPlan}). */
    public static final String PRUNE_TOLERANCE = "pruneTolerance";

    /** Default eps1 and eps2 (seed 003 Appendix B.3). */
    public static final double DEFAULT_EPS = 0.01;
    /** Default solver iteration limit. */
    public static final int DEFAULT_MAX_ITERATIONS = 5000;
    /** Default solver tolerance on the marginal error. */
    public static final double DEFAULT_TOLERANCE = 1e-9;
    /** Default prune tolerance. */
    public static final double DEFAULT_PRUNE_TOLERANCE = 1e-12;

    private final CouplingSolver solver;
    private final Mode mode;

    private OptimalMixtureTransport(CouplingSolver solver, Mode mode) {
        if (solver == null) {
            throw new IllegalArgumentException("coupling solver must not be null");
        }
        this.solver = solver;
        this.mode = mode;
    }

    /** OMT with weights from {@code solver} (the entropic {@code sinkhorn} solver for seed 003). */
    public static OptimalMixtureTransport omt(CouplingSolver solver) {
        return new OptimalMixtureTransport(solver, Mode.OMT);
    }

    /** The GMM-OT baseline with weights from {@code solver} (the exact {@code emd} solver). */
    public static OptimalMixtureTransport gmmOt(CouplingSolver solver) {
        return new OptimalMixtureTransport(solver, Mode.GMM_OT);
    }

    /** The mode. */
    public Mode mode() {
        return mode;
    }

    /** The solver that computes the weights. */
    public CouplingSolver solver() {
        return solver;
    }

    /** Every parameter read, with its default. */
    public static Parameters defaults() {
        return Parameters.of(EPS1, DEFAULT_EPS, EPS2, DEFAULT_EPS, MAX_ITERATIONS, DEFAULT_MAX_ITERATIONS,
                TOLERANCE, DEFAULT_TOLERANCE, PRUNE_TOLERANCE, DEFAULT_PRUNE_TOLERANCE);
    }

    /** Solves with default parameters. */
    public OmtResult solve(GaussianMixture source, GaussianMixture target) {
        return solve(source, target, Parameters.empty());
    }

    /**
     * Computes the pair costs and the weights.
     *
     * @throws IllegalArgumentException for mismatched dimensions, eps1 or eps2 NaN, infinite or <= 0
     *     (OMT), or a bad solver parameter; non-convergence of the solver is a status in the result
     */
    public OmtResult solve(GaussianMixture source, GaussianMixture target, Parameters parameters) {
        Parameters p = parameters == null ? Parameters.empty() : parameters;
        CostModel.checkDimensions(source, target);
        double eps1 = mode == Mode.OMT ? p.positive(EPS1, DEFAULT_EPS) : 0;
        double eps2 = mode == Mode.OMT || p.has(EPS2) ? p.positive(EPS2, DEFAULT_EPS) : Double.NaN;
        Parameters solverParameters = Parameters.empty();
        if (p.has(MAX_ITERATIONS)) {
            solverParameters = solverParameters.with(MAX_ITERATIONS, p.integer(MAX_ITERATIONS, DEFAULT_MAX_ITERATIONS, 1));
        }
        if (p.has(TOLERANCE)) {
            solverParameters = solverParameters.with(TOLERANCE, p.positive(TOLERANCE, DEFAULT_TOLERANCE));
        }
        double prune = p.get(PRUNE_TOLERANCE, DEFAULT_PRUNE_TOLERANCE);
        if (!(prune >= 0) || !(prune < 1)) {
            throw new IllegalArgumentException("parameter " + PRUNE_TOLERANCE + " must be in [0, 1), got " + prune);
        }
        if (!Double.isNaN(eps2)) {
            solverParameters = solverParameters.with("epsilon", eps2);
        }
        EntropicCost.Table table = EntropicCost.table(source, target, eps1);
        Coupling coupling = solver.solve(source.weights(), target.weights(), table.objective(), solverParameters);
        return new OmtResult(mode, source, target, eps1, eps2, solver.name(), table.objective(), table.transport(),
                coupling, prune);
    }
}
