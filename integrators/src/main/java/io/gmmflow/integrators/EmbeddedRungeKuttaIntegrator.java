package io.gmmflow.integrators;

import io.gmmflow.api.IntegrationStatus;
import io.gmmflow.api.Integrator;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.Trajectory;
import io.gmmflow.api.VelocityField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An adaptive explicit Runge-Kutta pair, defined by a {@link ButcherTableau} with embedded error
 * weights and a continuous extension; {@link DormandPrince54Integrator} only supplies its tableau.
 *
 * <p><b>Parameters.</b> {@code rtol} (default 1e-6) and {@code atol} (default 1e-9), both > 0;
 * {@code maxSteps} (default 10000): the most step attempts, accepted plus rejected, as NMAX in
 * Hairer's DOPRI5; {@code initialStep} (default 0 = choose automatically with Hairer's HINIT, which
 * costs one evaluation; otherwise the first |h|, capped at |t1 - t0|); {@code maxNorm} (0 or 1,
 * default 0): 1 replaces the RMS error norm by the max norm (below).
 *
 * <p><b>One step size for the whole batch.</b> The batch is one ODE system of n d unknowns. The
 * local error of a step is measured by the Hairer norm
 * <pre>
 *   err = sqrt( (1 / (n d)) sum_i ( e_i / (atol + rtol max(|y_i|, |y_new,i|)) )^2 ),   e = h sum_j e_j k_j,
 * </pre>
 * the step is accepted when err &lt;= 1 and the next step is h * min(10, max(0.2, 0.9 err^(-1/p)))
 * (Hairer, Norsett and Wanner, <i>Solving ODEs I</i>, II.4, eq. 4.11-4.13; no growth right after a
 * rejection). Because the RMS averages over the batch, a few points in a hard region can carry an
 * error up to sqrt(n d) times the tolerance; {@code maxNorm = 1} bounds every coordinate instead,
 * err = max_i |e_i| / sc_i, at the price of smaller steps.
 *
 * <p><b>Alternatives rejected.</b> (1) A step size per point (n independent scalar integrations):
 * each point would take the steps its own error needs, but the field could no longer be called on a
 * whole batch at one time t, so the per-time work a mixture field shares (component means,
 * covariances and weights at t) would be redone per point, and the batch could not be vectorised;
 * snapshots would need per-point dense output. (2) Grouping points into independent sub-batches
 * with their own steps: results would then depend on the grouping (the thread count), which breaks
 * reproducibility. A common step over the batch keeps one field call per stage and makes the
 * result independent of threads; its cost is that every point takes the steps of the hardest one.
 *
 * <p><b>Batching and determinism.</b> A step attempt is one parallel region: each chunk of points
 * computes all its stages, y_new and its error contributions (stages of a point need only that
 * point's earlier stages, so there is one barrier per attempt, not one per stage), calling
 * {@code field.evaluate(t, y, from, to, k)} on its range. Error contributions are summed per block
 * of 256 points in point order and the block sums are added in block order; chunks are whole
 * blocks. Hence every number, including each step-size decision, is bit-identical whatever the
 * chunking or the number of threads.
 *
 * <p><b>Dense output.</b> Snapshots at record times inside a step come from the tableau's
 * continuous extension on the accepted step, so recording never shortens a step; a record time at
 * t0 or t1 (or exactly at a step end) returns the state itself.
 *
 * <p><b>Status.</b> COMPLETED at t1. STEP_LIMIT when {@code maxSteps} attempts did not reach t1:
 * the end points and {@code endTime} are the last accepted state. FAILED when the field is not
 * finite at an accepted state (the start) or when the step size falls below 16 ulp of
 * max(|t|, |t1 - t0|) (the field is non-finite or too stiff beyond the stopping point): again the
 * last accepted state is returned. A stage with non-finite values is treated as a rejected step
 * (the step may have left the field's domain), so the step shrinks first. Snapshots at record times
 * never reached are NaN.
 *
 * <p><b>Counts.</b> {@link Trajectory#evaluations()} counts field evaluations on the whole batch:
 * 1 at the start, 1 for the automatic initial step, and s - 1 per attempt for an FSAL pair (s per
 * attempt otherwise), however many chunks each was split into. Steps are accepted attempts,
 * rejected steps the others.
 *
 * <p><b>Cost.</b> Per attempt s - 1 field evaluations on the batch plus about (s^2/2 + 2s) n d
 * flops; memory (s + 3) n d doubles. Stateless and thread-safe: one instance serves concurrent calls.
 */
public abstract class EmbeddedRungeKuttaIntegrator extends RungeKuttaIntegrator {

    /** Default relative tolerance. */
    public static final double DEFAULT_RTOL = 1e-6;
    /** Default absolute tolerance. */
    public static final double DEFAULT_ATOL = 1e-9;
    /** Default limit on step attempts. */
    public static final int DEFAULT_MAX_STEPS = 10_000;

    private static final double SAFETY = 0.9;
    private static final double MIN_FACTOR = 0.2;
    private static final double MAX_FACTOR = 10.0;
    /** Points per chunk below which a step attempt runs serially (a fork per attempt costs tens of microseconds). */
    static final int MIN_CHUNK_POINTS = 4 * Batch.BLOCK;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRungeKuttaIntegrator.class);


    /**
     * @param name        the registry name
     * @param description one line for listings
     * @param tableau     an embedded pair (error weights required)
     * @throws IllegalArgumentException if the tableau has no error weights
     */
    protected EmbeddedRungeKuttaIntegrator(String name, String description, ButcherTableau tableau) {
        super(name, description, checkEmbedded(tableau));
    }

    private static ButcherTableau checkEmbedded(ButcherTableau tableau) {
        if (!tableau.embedded()) {
            throw new IllegalArgumentException("tableau " + tableau.name() + " has no embedded error estimate");
        }
        return tableau;
    }

    @Override
    public Parameters defaults() {
        return Parameters.of("rtol", DEFAULT_RTOL, "atol", DEFAULT_ATOL, "maxSteps", DEFAULT_MAX_STEPS,
                "initialStep", 0.0, "maxNorm", 0);
    }

    /** Validated parameters of one call. */
    private record Settings(double rtol, double atol, int maxSteps, double initialStep, boolean maxNorm) {

        static Settings of(Parameters p) {
            double rtol = p.positive("rtol", DEFAULT_RTOL);
            double atol = p.positive("atol", DEFAULT_ATOL);
            int maxSteps = p.integer("maxSteps", DEFAULT_MAX_STEPS, 1);
            double initialStep = p.nonNegative("initialStep", 0.0);
            double maxNorm = p.get("maxNorm", 0.0);
            if (maxNorm != 0.0 && maxNorm != 1.0) {
                throw new IllegalArgumentException("parameter maxNorm must be 0 (RMS norm) or 1 (max norm), got " + maxNorm);
            }
            return new Settings(rtol, atol, maxSteps, initialStep, maxNorm == 1.0);
        }
    }

    @Override
    public Trajectory integrate(VelocityField field, double t0, double t1, double[] points, Parameters parameters,
                                double... recordTimes) {
        Batch.Problem p = Batch.validate(name, field, t0, t1, points, parameters, recordTimes);
        return run(p, Settings.of(parameters), defaultPolicy(p.n()));
    }

    /** The same as {@link #integrate} with a given chunking (rounded up to whole blocks). */
    Trajectory integrate(VelocityField field, double t0, double t1, double[] points, Parameters parameters,
                         Batch.ChunkPolicy policy, double... recordTimes) {
        Batch.Problem p = Batch.validate(name, field, t0, t1, points, parameters, recordTimes);
        return run(p, Settings.of(parameters), policy.blockAligned());
    }

    /** About two chunks per core, whole blocks, serial below {@link #MIN_CHUNK_POINTS} per chunk. */
    static Batch.ChunkPolicy defaultPolicy(int n) {
        long perCore = (n + 2L * Batch.cores() - 1) / (2L * Batch.cores());
        int chunk = (int) Math.max(MIN_CHUNK_POINTS, Math.min(Integer.MAX_VALUE / 2, perCore));
        return new Batch.ChunkPolicy(chunk, n > chunk).blockAligned();
    }

    private Trajectory run(Batch.Problem p, Settings set, Batch.ChunkPolicy policy) {
        int n = p.n();
        int d = p.d();
        int nd = n * d;
        int s = tableau.stages();
        double t0 = p.t0();
        double t1 = p.t1();
        double dir = p.direction();
        double[] rec = p.recordTimes();
        int[] order = p.recordOrder();
        double[][] snapshots = Batch.emptySnapshots(p);
        double[] y = p.points().clone();
        if (t0 == t1) {
            for (double[] snap : snapshots) {
                System.arraycopy(y, 0, snap, 0, nd);
            }
            return new Trajectory(y, t1, rec, snapshots, 0, 0, 0, IntegrationStatus.COMPLETED);
        }
        VelocityField field = p.field();
        double[] yNew = new double[nd];
        double[] tmp = new double[nd];
        double[][] k = new double[s][];
        for (int j = 0; j < s; j++) {
            k[j] = new double[nd];
        }
        double[] blockErr = new double[(n + Batch.BLOCK - 1) / Batch.BLOCK];
        double[] beta = new double[s];

        int r = 0;
        while (r < order.length && rec[order[r]] == t0) {
            System.arraycopy(y, 0, snapshots[order[r]], 0, nd);
            r++;
        }
        long evaluations = 0;
        evaluate(field, t0, y, k[0], n, policy);
        evaluations++;
        double t = t0;
        int accepted = 0;
        int rejected = 0;
        IntegrationStatus status;
        if (!Batch.allFinite(k[0], 0, nd)) {
            LOG.debug("{}: the field is not finite at the start t0 = {}", name, t0);
            return new Trajectory(y, t, rec, snapshots, evaluations, 0, 0, IntegrationStatus.FAILED);
        }
        double span = Math.abs(t1 - t0);
        double h;
        if (set.initialStep() > 0) {
            h = Math.min(set.initialStep(), span);
        } else {
            h = initialStep(field, t0, t1, y, k[0], tmp, yNew, set, span, dir, n, policy);
            evaluations++;
        }
        h *= dir;
        double exponent = -1.0 / tableau.order();
        boolean previousRejected = false;
        while (true) {
            if (accepted + rejected >= set.maxSteps()) {
                status = IntegrationStatus.STEP_LIMIT;
                LOG.debug("{}: {} step attempts reached t = {} of [{}, {}]", name, set.maxSteps(), t, t0, t1);
                break;
            }
            boolean last = false;
            // stretch the step to t1 rather than leave a sliver (Hairer's 1.01 rule)
            if (dir * (t + 1.01 * h - t1) >= 0) {
                h = t1 - t;
                last = true;
            }
            if (!(Math.abs(h) > 16 * Math.ulp(Math.max(Math.abs(t), span)))) {
                status = IntegrationStatus.FAILED;
                LOG.debug("{}: step size {} underflowed at t = {}", name, h, t);
                break;
            }
            double tNew = last ? t1 : t + h;
            attempt(field, t, tNew, h, y, yNew, tmp, k, blockErr, set, n, d, policy);
            evaluations += tableau.fsal ? s - 1 : s;
            double err = reduce(blockErr, set.maxNorm(), nd);
            if (err <= 1.0) {
                accepted++;
                while (r < order.length && dir * (rec[order[r]] - tNew) < 0) {
                    writeDense((rec[order[r]] - t) / h, h, y, k, beta, snapshots[order[r]], n, d, policy);
                    r++;
                }
                while (r < order.length && rec[order[r]] == tNew) {
                    System.arraycopy(yNew, 0, snapshots[order[r]], 0, nd);
                    r++;
                }
                double[] swap = y;
                y = yNew;
                yNew = swap;
                t = tNew;
                if (tableau.fsal) {
                    swap = k[0];
                    k[0] = k[s - 1];
                    k[s - 1] = swap;
                }
                if (last) {
                    status = IntegrationStatus.COMPLETED;
                    break;
                }
                if (!tableau.fsal) {
                    evaluate(field, t, y, k[0], n, policy);
                    evaluations++;
                }
                double factor = err == 0 ? MAX_FACTOR : Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, SAFETY * Math.pow(err, exponent)));
                if (previousRejected) {
                    factor = Math.min(1.0, factor);
                }
                h *= factor;
                previousRejected = false;
            } else {
                rejected++;
                // NaN (a non-finite stage) shrinks as much as allowed
                double factor = Double.isNaN(err) ? MIN_FACTOR : Math.max(MIN_FACTOR, SAFETY * Math.pow(err, exponent));
                h *= Math.min(1.0, factor);
                previousRejected = true;
            }
        }
        return new Trajectory(y, t, rec, snapshots, evaluations, accepted, rejected, status);
    }

    private static void evaluate(VelocityField field, double t, double[] x, double[] out, int n, Batch.ChunkPolicy policy) {
        policy.run(n, (chunk, from, to) -> field.evaluate(t, x, from, to, out));
    }

    /**
     * One step attempt from (t, y) with step h: all stages, y_new and the per-block error
     * contributions, chunk by chunk. k[0] must hold u(t, y) on entry.
     */
    private void attempt(VelocityField field, double t, double tNew, double h, double[] y, double[] yNew, double[] tmp,
                         double[][] k, double[] blockErr, Settings set, int n, int d, Batch.ChunkPolicy policy) {
        int s = tableau.stages();
        double[] c = tableau.c;
        boolean fsal = tableau.fsal;
        double rtol = set.rtol();
        double atol = set.atol();
        boolean maxNorm = set.maxNorm();
        policy.run(n, (chunk, from, to) -> {
            int lo = from * d;
            int hi = to * d;
            for (int j = 1; j < s; j++) {
                boolean toYNew = fsal && j == s - 1;
                double[] arg = toYNew ? yNew : tmp;
                Batch.combine(y, h, aIdx[j], aVal[j], k, arg, lo, hi);
                field.evaluate(c[j] == 1.0 ? tNew : t + c[j] * h, arg, from, to, k[j]);
            }
            if (!fsal) {
                Batch.combine(y, h, bIdx, bVal, k, yNew, lo, hi);
            }
            // tmp is free once the stages are done: the error vector sum_j e_j k_j goes there
            Batch.weightedSum(tableau.e, k, tmp, lo, hi);
            for (int blk = from / Batch.BLOCK; blk * Batch.BLOCK < to; blk++) {
                int bLo = blk * Batch.BLOCK * d;
                int bHi = Math.min(to, (blk + 1) * Batch.BLOCK) * d;
                double acc = 0;
                for (int i = bLo; i < bHi; i++) {
                    double yn = yNew[i];
                    double sc = atol + rtol * Math.max(Math.abs(y[i]), Math.abs(yn));
                    double v = h * tmp[i] / sc;
                    if (!Double.isFinite(v) || !Double.isFinite(yn)) {
                        acc = Double.NaN;
                        break;
                    }
                    acc = maxNorm ? Math.max(acc, Math.abs(v)) : acc + v * v;
                }
                blockErr[blk] = acc;
            }
        });
    }

    /** The error norm from the block contributions, added in block order (NaN if any block is NaN). */
    private static double reduce(double[] blockErr, boolean maxNorm, int nd) {
        double acc = 0;
        for (double v : blockErr) {
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            acc = maxNorm ? Math.max(acc, v) : acc + v;
        }
        return maxNorm ? acc : Math.sqrt(acc / nd);
    }

    /** out = y + h sum_j beta_j(theta) k_j, the continuous extension on the accepted step. */
    private void writeDense(double theta, double h, double[] y, double[][] k, double[] beta, double[] out, int n, int d,
                            Batch.ChunkPolicy policy) {
        tableau.denseWeights(theta, beta);
        policy.run(n, (chunk, from, to) -> {
            Batch.weightedSum(beta, k, out, from * d, to * d);
            for (int i = from * d; i < to * d; i++) {
                out[i] = y[i] + h * out[i];
            }
        });
    }

    /**
     * Hairer's HINIT (Solving ODEs I, II.4) with RMS norms, so the first step does not depend on
     * the batch size: h0 = 0.01 |y0| / |f0|, one explicit Euler step to estimate the second
     * derivative, h = min(100 h0, (0.01 / max(|f0|, |f'|))^(1/p), |t1 - t0|). One field evaluation.
     */
    private double initialStep(VelocityField field, double t0, double t1, double[] y0, double[] f0, double[] y1, double[] f1,
                               Settings set, double span, double dir, int n, Batch.ChunkPolicy policy) {
        int nd = y0.length;
        double dy = 0;
        double df = 0;
        for (int i = 0; i < nd; i++) {
            double sk = set.atol() + set.rtol() * Math.abs(y0[i]);
            dy += (y0[i] / sk) * (y0[i] / sk);
            df += (f0[i] / sk) * (f0[i] / sk);
        }
        dy = Math.sqrt(dy / nd);
        df = Math.sqrt(df / nd);
        double h0 = (dy < 1e-5 || df < 1e-5) ? 1e-6 : 0.01 * dy / df;
        h0 = Math.min(h0, span);
        for (int i = 0; i < nd; i++) {
            y1[i] = y0[i] + dir * h0 * f0[i];
        }
        // never probe beyond t1: the field may be undefined there
        double tEuler = h0 == span ? t1 : t0 + dir * h0;
        evaluate(field, tEuler, y1, f1, n, policy);
        double d2 = 0;
        for (int i = 0; i < nd; i++) {
            double sk = set.atol() + set.rtol() * Math.abs(y0[i]);
            double v = (f1[i] - f0[i]) / sk;
            d2 += v * v;
        }
        d2 = Math.sqrt(d2 / nd) / h0;
        double dmax = Math.max(df, d2);
        // dmax NaN or infinite: the Euler probe left the field's domain; start small and let rejections work
        double h1 = dmax > 1e-15 && dmax < Double.POSITIVE_INFINITY
                ? Math.pow(0.01 / dmax, 1.0 / tableau.order()) : Math.max(1e-6, h0 * 1e-3);
        return Math.min(Math.min(100 * h0, h1), span);
    }

    @Override
    public String toString() {
        return name + " (" + tableau + ")";
    }
}
