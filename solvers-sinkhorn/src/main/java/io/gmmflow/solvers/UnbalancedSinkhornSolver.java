package io.gmmflow.solvers;

import io.gmmflow.api.Coupling;
import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.SolverStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code unbalanced}: entropic transport with KL-relaxed marginals (Chizat, Peyre, Schmitzer,
 * Vialard 2018; POT's {@code sinkhorn_unbalanced} with {@code reg_type="kl"} and the default
 * reference a x b),
 * <pre>
 *   min_{pi >= 0} &lt;pi, C&gt; + eps KL(pi || a x b) + regM KL(pi 1 || a) + regM KL(pi^T 1 || b),
 * </pre>
 * KL the generalized divergence sum p log(p/q) - p + q. a and b may have different masses.
 *
 * <p><b>Strength.</b> The parameter is {@code regM} (POT's {@code reg_m}, in cost units; larger is
 * closer to balanced, regM -> infinity gives {@code sinkhorn}). OTT-JAX's {@code tau_a = tau_b} is
 * the update exponent tau = regM / (regM + eps), so regM = eps tau / (1 - tau).
 *
 * <p><b>Potentials and updates.</b> pi_ij = a_i b_j exp((f_i + g_j - C_ij)/eps) as for
 * {@code sinkhorn}; the updates are f_i = -tau eps log sum_j b_j exp((g_j - C_ij)/eps) and the
 * symmetric one for g. At the optimum the marginals are r_i = a_i exp(-f_i/regM) and
 * c_j = b_j exp(-g_j/regM); the stopping rule is on the L1 distance to these targets (the
 * stationarity residual, {@link #stationarityResidual}), while the result's
 * {@code marginalError} is, as the api defines it, |pi 1 - a|_1 + |pi^T 1 - b|_1 of the returned
 * plan (it does not go to 0: the marginals are relaxed on purpose).
 *
 * <p><b>Parameters:</b> {@code epsilon} (5e-2), {@code regM} (1), {@code maxIterations} (5000),
 * {@code tolerance} (1e-9, on the stationarity residual), and the eps-scaling parameters of
 * {@link LogSinkhornSolver}. Same engine and cost as {@link LogSinkhornSolver}; the iteration
 * contracts by at least tau per step, so it converges faster than the balanced one.
 *
 * <p>Stateless and thread-safe.
 */
public final class UnbalancedSinkhornSolver implements CouplingSolver {

    /** The registry name. */
    public static final String NAME = "unbalanced";
    /** Parameter name of the marginal relaxation strength. */
    public static final String REG_M = "regM";
    static final double DEFAULT_REG_M = 1.0;

    private static final Logger LOG = LoggerFactory.getLogger(UnbalancedSinkhornSolver.class);
    private static final int MAX_WIDENINGS = 3;

    /** Public no-argument constructor for ServiceLoader and Guice. */
    public UnbalancedSinkhornSolver() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Unbalanced entropic OT with KL-relaxed marginals (strength regM), log domain";
    }

    @Override
    public Parameters defaults() {
        return EntropicSettings.defaults().with(REG_M, DEFAULT_REG_M);
    }

    @Override
    public Coupling solve(double[] a, double[] b, double[][] cost, Parameters parameters) {
        return solve(a, b, cost, parameters, null);
    }

    @Override
    public Coupling solve(double[] a, double[] b, double[][] cost, Parameters parameters, Coupling warmStart) {
        EntropicSettings s = new EntropicSettings(parameters);
        double regM = (parameters == null ? Parameters.empty() : parameters).positive(REG_M, DEFAULT_REG_M);
        CouplingProblem p = CouplingProblem.of(a, b, cost);
        double[][] warm = EntropicSettings.warmStart(warmStart, p);
        StabilizedScaling engine = new StabilizedScaling(p.a, p.b, p.cost, regM,
                warm == null ? null : warm[0], warm == null ? null : warm[1]);
        double[] schedule = s.schedule(p.maxCost - p.minCost);
        double mass = Math.max(p.massA, p.massB);
        boolean met = false;
        for (int k = 0; k < schedule.length; k++) {
            boolean last = k == schedule.length - 1;
            double target = last ? s.tolerance : Math.max(s.tolerance, s.stageTolerance * mass);
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
        double expo = regM / (regM + s.epsilon);
        EntropicPlan plan = new EntropicPlan(p, p.b, engine.absorbedSource(), engine.absorbedTarget(),
                engine.sourceScaling(), engine.targetScaling(), s.epsilon, expo);
        double residual = plan.unbalancedResidual(p, regM);
        for (int w = 0; w < MAX_WIDENINGS && plan.finite && met && !(residual <= s.tolerance); w++) {
            engine.widenKernel();
            met = engine.resume(s.tolerance, s.maxIterations);
                plan = new EntropicPlan(p, p.b, engine.absorbedSource(), engine.absorbedTarget(),
                engine.sourceScaling(), engine.targetScaling(), s.epsilon, expo);
            residual = plan.unbalancedResidual(p, regM);
        }
        double err = plan.marginalError(p);
        SolverStatus status;
        if (!plan.finite || !Double.isFinite(residual) || !Double.isFinite(err)) {
            status = SolverStatus.FAILED;
        } else if (residual <= s.tolerance) {
            status = SolverStatus.CONVERGED;
        } else if (engine.iterations >= s.maxIterations) {
            status = SolverStatus.MAX_ITERATIONS;
        } else {
            status = SolverStatus.FAILED;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("unbalanced {}x{} eps={} regM={} iterations={} kernelBuilds={} residual={} status={}",
                    a.length, b.length, s.epsilon, regM, engine.iterations, engine.kernelBuilds, residual, status);
        }
        return new Coupling(plan.plan, plan.f, plan.g, p.objective(plan.plan), engine.iterations, err, status);
    }

    /**
     * The stationarity residual sum_i |r_i - a_i e^{-f_i/regM}| + sum_j |c_j - b_j e^{-g_j/regM}|
     * of a result of this solver (r, c its row and column sums, f, g its potentials): 0 exactly at
     * the optimum of the relaxed problem. O(K0 K1).
     */
    public static double stationarityResidual(double[] a, double[] b, Coupling coupling, double regM) {
        if (!(regM > 0) || !Double.isFinite(regM)) {
            throw new IllegalArgumentException("regM must be a finite number > 0, got " + regM);
        }
        if (coupling == null || coupling.rows() != a.length || coupling.columns() != b.length) {
            throw new IllegalArgumentException("coupling must be " + a.length + " x " + b.length);
        }
        double[] f = coupling.sourcePotential();
        double[] g = coupling.targetPotential();
        double[] col = new double[b.length];
        double res = 0;
        for (int i = 0; i < a.length; i++) {
            double r = 0;
            for (int j = 0; j < b.length; j++) {
                double x = coupling.plan(i, j);
                r += x;
                col[j] += x;
            }
            res += Math.abs(r - a[i] * Math.exp(-f[i] / regM));
        }
        for (int j = 0; j < b.length; j++) {
            res += Math.abs(col[j] - b[j] * Math.exp(-g[j] / regM));
        }
        return res;
    }

    /**
     * The primal objective &lt;pi, C&gt; + eps KL(pi || a x b) + regM (KL(pi 1 || a) + KL(pi^T 1 || b))
     * of a plan. O(K0 K1).
     */
    public static double objective(double[] a, double[] b, double[][] cost, double[][] plan, double epsilon, double regM) {
        CouplingProblem p = CouplingProblem.of(a, b, cost);
        double[] r = new double[a.length];
        double[] c = new double[b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                r[i] += plan[i][j];
                c[j] += plan[i][j];
            }
        }
        return p.objective(plan) + epsilon * LogSinkhornSolver.klDivergence(plan, a, b)
                + regM * (kl(r, a) + kl(c, b));
    }

    private static double kl(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                s += q[i] == 0 ? Double.POSITIVE_INFINITY : p[i] * Math.log(p[i] / q[i]) - p[i] + q[i];
            } else {
                s += q[i];
            }
        }
        return s;
    }
}
