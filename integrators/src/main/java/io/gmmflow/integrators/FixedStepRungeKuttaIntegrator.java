package io.gmmflow.integrators;

import io.gmmflow.api.IntegrationStatus;
import io.gmmflow.api.Integrator;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.Trajectory;
import io.gmmflow.api.VelocityField;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An explicit Runge-Kutta method with a fixed number of equal steps, defined by its
 * {@link ButcherTableau}; {@link EulerIntegrator}, {@link HeunIntegrator} and
 * {@link ClassicalRungeKuttaIntegrator} only supply theirs (the Hipparchus model).
 *
 * <p><b>Parameters.</b> {@code steps} (whole number >= 1, default 100): the interval [t0, t1] is cut
 * into {@code steps} steps of h = (t1 - t0) / steps; t1 &lt; t0 integrates backwards.
 *
 * <p><b>Batching.</b> With a fixed step every point follows its own independent recursion, so the
 * batch is cut into chunks of points and each chunk runs all its steps with its own scratch arrays
 * (no barrier between steps, the chunk's working set stays in cache). Chunks run in parallel on the
 * ForkJoin common pool when there is more than one; the field is always called on a whole chunk,
 * {@code field.evaluate(t, y, 0, m, k)}. Each point goes through exactly the same floating-point
 * operations whatever chunk it is in, so results are bit-identical for any chunking, provided the
 * field itself computes each point independently of the range it is called with.
 *
 * <p><b>Recording.</b> A snapshot at a time inside a step uses the method's continuous extension
 * (its {@link ButcherTableau} dense weights: linear for Euler, quadratic for Heun, Hipparchus'
 * cubic for RK4), which has the method's order, so recording never changes the step grid or the end
 * points. A record time on the grid (t0 + i h, and t1) returns the step's value itself, bit for bit.
 *
 * <p><b>Cost.</b> steps * s field evaluations on the batch (s stages) plus O(steps * s * n * d)
 * flops for the stage sums; memory (s + 2) * chunk * d doubles per running chunk.
 * {@link Trajectory#evaluations()} counts steps * s: one evaluation per stage per step, as if the
 * field were called on the whole batch at once. {@link Trajectory#steps()} is {@code steps},
 * {@link Trajectory#rejectedSteps()} is 0.
 *
 * <p><b>Status.</b> COMPLETED when every end point is finite; FAILED when the field returned
 * NaN/Inf somewhere, in which case those points (and only those: points are independent) are
 * non-finite in the result.
 *
 * <p>Stateless and thread-safe: one instance serves concurrent calls.
 */
public abstract class FixedStepRungeKuttaIntegrator extends RungeKuttaIntegrator {

    /** Default number of steps. */
    public static final int DEFAULT_STEPS = 100;

    /** Smallest chunk worth a task of its own (below it the batch runs serially). */
    static final int MIN_CHUNK_POINTS = 256;

    /** Scratch bytes per chunk we aim to keep below (L2-sized), used to cap the chunk size. */
    private static final int CHUNK_BYTES = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(FixedStepRungeKuttaIntegrator.class);


    /**
     * @param name        the registry name
     * @param description one line for listings
     * @param tableau     the method
     */
    protected FixedStepRungeKuttaIntegrator(String name, String description, ButcherTableau tableau) {
        super(name, description, tableau);
    }


    @Override
    public Parameters defaults() {
        return Parameters.of("steps", DEFAULT_STEPS);
    }

    @Override
    public Trajectory integrate(VelocityField field, double t0, double t1, double[] points, Parameters parameters,
                                double... recordTimes) {
        Batch.Problem p = Batch.validate(name, field, t0, t1, points, parameters, recordTimes);
        int steps = parameters.integer("steps", DEFAULT_STEPS, 1);
        return run(p, steps, defaultPolicy(p.n(), p.d()));
    }

    /** The same as {@link #integrate} with a given chunking (tests use it to prove chunking does not matter). */
    Trajectory integrate(VelocityField field, double t0, double t1, double[] points, Parameters parameters,
                         Batch.ChunkPolicy policy, double... recordTimes) {
        Batch.Problem p = Batch.validate(name, field, t0, t1, points, parameters, recordTimes);
        int steps = parameters.integer("steps", DEFAULT_STEPS, 1);
        return run(p, steps, policy);
    }

    /**
     * About 4 chunks per core for load balance, at least {@link #MIN_CHUNK_POINTS} points (so
     * small batches run serially) and at most what keeps a chunk's scratch arrays near L2 size.
     */
    Batch.ChunkPolicy defaultPolicy(int n, int d) {
        int perCore = (int) Math.min(Integer.MAX_VALUE, (n + 4L * Batch.cores() - 1) / (4L * Batch.cores()));
        int cacheCap = Math.max(MIN_CHUNK_POINTS, CHUNK_BYTES / (8 * d * (tableau.stages() + 2)));
        int chunk = Math.max(MIN_CHUNK_POINTS, Math.min(perCore, cacheCap));
        return new Batch.ChunkPolicy(chunk, n > chunk);
    }

    private Trajectory run(Batch.Problem p, int steps, Batch.ChunkPolicy policy) {
        int d = p.d();
        double[] end = new double[p.points().length];
        double[][] snapshots = Batch.emptySnapshots(p);
        if (p.t0() == p.t1()) {
            // nothing to do: every record time equals t0
            for (double[] s : snapshots) {
                System.arraycopy(p.points(), 0, s, 0, end.length);
            }
            return new Trajectory(p.points(), p.t1(), p.recordTimes(), snapshots, 0, 0, 0, IntegrationStatus.COMPLETED);
        }
        AtomicBoolean nonFinite = new AtomicBoolean();
        policy.run(p.n(), (chunk, from, to) -> {
            if (!runChunk(p, steps, from, to, end, snapshots)) {
                nonFinite.set(true);
            }
        });
        IntegrationStatus status = nonFinite.get() ? IntegrationStatus.FAILED : IntegrationStatus.COMPLETED;
        if (status == IntegrationStatus.FAILED) {
            LOG.debug("{}: the field returned non-finite values; some end points are NaN/Inf", name);
        }
        return new Trajectory(end, p.t1(), p.recordTimes(), snapshots, (long) steps * tableau.stages(), steps, 0,
                status);
    }

    /**
     * Runs points [from, to) through all steps; returns whether their end points are finite.
     * Only chunk-local arrays are written, except the chunk's own ranges of {@code end} and the snapshots.
     */
    private boolean runChunk(Batch.Problem p, int steps, int from, int to, double[] end, double[][] snapshots) {
        VelocityField field = p.field();
        int d = p.d();
        int cnt = to - from;
        int m = cnt * d;
        int off = from * d;
        int s = tableau.stages();
        double[] c = tableau.c;
        double t0 = p.t0();
        double t1 = p.t1();
        double h = (t1 - t0) / steps;
        double dir = p.direction();
        double[] rec = p.recordTimes();
        int[] order = p.recordOrder();

        double[] y = Arrays.copyOfRange(p.points(), off, off + m);
        double[][] k = new double[s][m];
        double[] tmp = new double[m];
        double[] beta = new double[s];

        int r = 0;
        while (r < order.length && rec[order[r]] == t0) {
            System.arraycopy(y, 0, snapshots[order[r]], off, m);
            r++;
        }
        for (int i = 0; i < steps; i++) {
            // grid times from the index, not by accumulation, so t0 + i h has one rounding only
            double ta = t0 + i * h;
            double tb = i + 1 == steps ? t1 : t0 + (i + 1) * h;
            for (int j = 0; j < s; j++) {
                // c_j = 1 evaluates at tb itself, so the field is never called beyond t1
                double t = c[j] == 1.0 ? tb : ta + c[j] * h;
                if (j == 0) {
                    field.evaluate(t, y, 0, cnt, k[0]);
                } else {
                    Batch.combine(y, h, aIdx[j], aVal[j], k, tmp, 0, m);
                    field.evaluate(t, tmp, 0, cnt, k[j]);
                }
            }
            // record times strictly inside (ta, tb): continuous extension
            while (r < order.length && dir * (rec[order[r]] - tb) < 0) {
                double theta = (rec[order[r]] - ta) / h;
                tableau.denseWeights(theta, beta);
                Batch.weightedSum(beta, k, tmp, 0, m);
                double[] out = snapshots[order[r]];
                for (int q = 0; q < m; q++) {
                    out[off + q] = y[q] + h * tmp[q];
                }
                r++;
            }
            Batch.combine(y, h, bIdx, bVal, k, y, 0, m);
            while (r < order.length && rec[order[r]] == tb) {
                System.arraycopy(y, 0, snapshots[order[r]], off, m);
                r++;
            }
        }
        System.arraycopy(y, 0, end, off, m);
        return Batch.allFinite(y, 0, m);
    }

    @Override
    public String toString() {
        return name + " (" + tableau + ")";
    }
}
