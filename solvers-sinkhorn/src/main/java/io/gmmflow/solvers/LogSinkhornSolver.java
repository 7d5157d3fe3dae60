package io.gmmflow.solvers;

import io.gmmflow.api.Coupling;
import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.SolverStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sinkhorn}: the entropic coupling of seed 000 eq. 7 and seed 003 eq. 29-37,
 * <pre>
 *   pi* = argmin_{pi >= 0, pi 1 = a, pi^T 1 = b} &lt;pi, C&gt; + eps KL(pi || a x b),
 * </pre>
 * computed in the log domain. (Seed 000 writes the regularizer as eps sum pi_ij (log pi_ij - 1); on
 * the constraint set the two differ by a constant, so the plan is the same.)
 *
 * <p><b>Potentials.</b> The result's potentials f, g satisfy
 * pi_ij = a_i b_j exp((f_i + g_j - C_ij)/eps) exactly for the returned plan (the reference measure
 * a x b of seed 003 eq. 34; POT's {@code log_u}, {@code log_v} are f/eps + log a and g/eps + log b).
 * They are the Lagrange multipliers lambda, tau of seed 003 eq. 31-37; at convergence the entropic
 * objective equals &lt;a, f&gt; + &lt;b, g&gt;. Zero-weight rows/columns get zero plan entries
 * and the potential the next Sinkhorn update would give them.
 *
 * <p><b>Parameters</b> ({@link #defaults()}): {@code epsilon} (5e-2), {@code maxIterations} (5000,
 * counted over all eps stages), {@code tolerance} (1e-9, on the L1 marginal error
 * |pi 1 - a|_1 + |pi^T 1 - b|_1), {@code epsilonScaling} (1: solve on eps_k = epsilonStart *
 * scalingFactor^k down to epsilon, each stage warm-started from the last; 0: one stage),
 * {@code epsilonStart} (0 means the range max C - min C), {@code scalingFactor} (0.5),
 * {@code stageTolerance} (1e-6 times the mass: the error at which an intermediate stage ends; small, so that
 * flows far below it are not lost between stages).
 * A warm start ({@link #solve(double[], double[], double[][], Parameters, Coupling)}) supplies
 * the initial potentials in the convention above.
 *
 * <p><b>Method and cost.</b> Stabilized sparse scaling (see {@code StabilizedScaling}): each
 * iteration is two sparse products with the kernel truncated at e^-60, O(nnz + K0 + K1), and when
 * Sinkhorn's rate degrades at small eps, Newton steps on the dual (CG over the same kernel); the
 * kernel is rebuilt (one O(K0 K1) pass) when the scalings are absorbed; the dense plan is evaluated
 * once at the end, and the reported marginal error is that of the returned plan. Status
 * {@code CONVERGED} when it is at most {@code tolerance}, {@code MAX_ITERATIONS} when the budget ran
 * out first (the plan is then the last iterate at the target eps), {@code FAILED} if anything was
 * not finite. a and b may have any common total mass; masses that differ by at most 1e-9 relative
 * are accepted (b is rescaled internally, the error is against the given b).
 *
 * <p>Stateless and thread-safe; large passes use the common fork/join pool.
 */
public final class LogSinkhornSolver implements CouplingSolver {

    /** The registry name. */
    public static final String NAME = "sinkhorn";

    private static final Logger LOG = LoggerFactory.getLogger(LogSinkhornSolver.class);
    /** Extra rounds with a wider kernel if the dense plan misses a tolerance the sparse one met. */
    private static final int MAX_WIDENINGS = 3;

    /** Public no-argument constructor for ServiceLoader and Guice. */
    public LogSinkhornSolver() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Entropic OT, log-domain Sinkhorn with eps-scaling and sparse stabilized kernels (seed 000 eq. 7)";
    }

    @Override
    public Parameters defaults() {
        return EntropicSettings.defaults();
    }

    @Override
    public Coupling solve(double[] a, double[] b, double[][] cost, Parameters parameters) {
        return solve(a, b, cost, parameters, null);
    }

    @Override
    public Coupling solve(double[] a, double[] b, double[][] cost, Parameters parameters, Coupling warmStart) {
        EntropicSettings s = new EntropicSettings(parameters);
        CouplingProblem p = CouplingProblem.of(a, b, cost);
        p.checkBalanced();
        double[][] warm = EntropicSettings.warmStart(warmStart, p);
        // Equal masses to round-off: the balanced iteration has no fixed point otherwise.
        double scale = p.massA / p.massB;
        double[] bInternal = p.b.clone();
        if (scale != 1.0) {
            for (int j = 0; j < p.m; j++) {
                bInternal[j] *= scale;
            }
        }
        StabilizedScaling engine = new StabilizedScaling(p.a, bInternal, p.cost, Double.POSITIVE_INFINITY,
                warm == null ? null : warm[0], warm == null ? null : warm[1]);
        double[] schedule = s.schedule(p.maxCost - p.minCost);
        boolean met = false;
        for (int k = 0; k < schedule.length; k++) {
            boolean last = k == schedule.length - 1;
            double target = last ? s.tolerance : Math.max(s.tolerance, s.stageTolerance * p.massA);
            // An intermediate stage leaves one iteration for projecting onto the target eps.
            met = engine.stage(schedule[k], target, last ? s.maxIterations : s.maxIterations - 1);
            if (!met) {
                break;
            }
        }
        if (engine.epsilon() != s.epsilon) {
            // The budget ran out before the last stage: potentials of a larger eps would overflow
            // exp((f + g - C)/eps) at the target eps; one exact column update makes them consistent.
            engine.projectTo(s.epsilon);
        }
        EntropicPlan plan = new EntropicPlan(p, bInternal, engine.absorbedSource(), engine.absorbedTarget(),
                engine.sourceScaling(), engine.targetScaling(),
                s.epsilon, 1.0);
        double err = plan.marginalError(p);
        for (int w = 0; w < MAX_WIDENINGS && plan.finite && met && !(err <= s.tolerance); w++) {
            engine.widenKernel();
            met = engine.resume(s.tolerance, s.maxIterations);
                plan = new EntropicPlan(p, bInternal, engine.absorbedSource(), engine.absorbedTarget(),
                engine.sourceScaling(), engine.targetScaling(), s.epsilon, 1.0);
            err = plan.marginalError(p);
        }
        SolverStatus status;
        if (!plan.finite || !Double.isFinite(err)) {
            status = SolverStatus.FAILED;
        } else if (err <= s.tolerance) {
            status = SolverStatus.CONVERGED;
        } else if (engine.iterations >= s.maxIterations) {
            status = SolverStatus.MAX_ITERATIONS;
        } else {
            status = SolverStatus.FAILED;
        }
        double objective = p.objective(plan.plan);
        if (LOG.isDebugEnabled()) {
            LOG.debug("sinkhorn {}x{} eps={} stages={} iterations={} kernelBuilds={} denseUpdates={} lastNnz={} "
                            + "error={} status={}", a.length, b.length, s.epsilon, schedule.length, engine.iterations,
                    engine.kernelBuilds, engine.denseUpdates, engine.kernelSize(), err, status);
        }
        return new Coupling(plan.plan, plan.f, plan.g, objective, engine.iterations, err, status);
    }

    /**
     * The entropic objective &lt;pi, C&gt; + eps KL(pi || a x b) of a plan, with the generalized
     * KL(p || q) = sum p log(p/q) - p + q (the ordinary KL for probability vectors; seed 003 eq. 29,
     * the mixture-weight part). O(K0 K1).
     *
     * @throws IllegalArgumentException on bad inputs, a plan of the wrong shape, or eps not > 0
     */
    public static double entropicObjective(double[] a, double[] b, double[][] cost, Coupling coupling, double epsilon) {
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be a finite number > 0, got " + epsilon);
        }
        CouplingProblem p = CouplingProblem.of(a, b, cost);
        if (coupling == null || coupling.rows() != a.length || coupling.columns() != b.length) {
            throw new IllegalArgumentException("coupling must be " + a.length + " x " + b.length);
        }
        return p.objective(coupling.plan()) + epsilon * klDivergence(coupling.plan(), a, b);
    }

    /** Generalized KL(pi || a x b); +infinity when pi charges a zero of a x b. */
    static double klDivergence(double[][] plan, double[] a, double[] b) {
        double kl = 0;
        for (int i = 0; i < plan.length; i++) {
            for (int j = 0; j < plan[i].length; j++) {
                double q = a[i] * b[j];
                double x = plan[i][j];
                if (x > 0) {
                    if (q == 0) {
                        return Double.POSITIVE_INFINITY;
                    }
                    kl += x * Math.log(x / q) - x + q;
                } else {
                    kl += q;
                }
            }
        }
        return kl;
    }
}
