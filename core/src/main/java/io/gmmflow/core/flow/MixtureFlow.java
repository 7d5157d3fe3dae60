package io.gmmflow.core.flow;

import io.gmmflow.api.ComponentFlow;
import io.gmmflow.api.Coupling;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.GaussianPath;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.VelocityField;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The mixture flow of seed 000 (eq. 8-9): the density path
 * rho_t = sum_ij pi_ij N(m_ij(t), Sigma_ij(t)) and the global field
 * u(t, x) = sum_ij gamma_ij(t, x) v_ij(t, x), gamma_ij proportional to pi_ij N(x | m_ij(t), Sigma_ij(t)).
 *
 * <p>Because every pair field satisfies the continuity equation for its own Gaussian path,
 * rho_t u = sum_ij pi_ij rho_ij v_ij, so u carries rho_0 = sum_i a_i N(mu0_i, Sigma0_i) onto
 * rho_1 = sum_j b_j N(mu1_j, Sigma1_j) (DESIGN.md section 3).
 *
 * <p>Numerics: the responsibilities gamma_ij are never formed from raw densities (they underflow
 * for d >= 50); each point keeps a running log-sum-exp of log pi_ij + log N(x | ij, t) and a
 * velocity sum rescaled whenever the running maximum changes (a one-pass softmax), so the work is
 * one {@link GaussianPath#evaluate} per pair and chunk of points, and the memory is O(chunk * d). Pairs whose
 * plan mass is at most {@code pruneThreshold} (default 1e-12; the mass dropped is reported by
 * {@link #droppedMass()}) are skipped.
 *
 * <p>Cost per evaluation: O(P d^2) per point for P kept pairs (O(P d) when the pairs are
 * diagonal); points are processed in chunks of {@link #CHUNK} points or more (about two per core)
 * and, for large batches, chunks run in parallel on the fork-join pool of the caller (the common pool
 * from a plain thread). Immutable and thread-safe.
 */
public final class MixtureFlow implements VelocityField {

    /** Smallest number of points per chunk (large d takes larger chunks, see {@code chunkSize}). */
    public static final int CHUNK = 128;

    /** Work (points x pairs x (d^2 + 32)) above which the chunks of one evaluation run in parallel. */
    static final long PARALLEL_WORK = 100_000L;

    private static final int CORES = Math.max(1, Runtime.getRuntime().availableProcessors());

    /** Largest chunk, as points x d (one scratch array of 1 MB). */
    private static final int MAX_CHUNK_ENTRIES = 1 << 17;

    /** Default plan mass at or below which a pair is skipped. */
    public static final double DEFAULT_PRUNE_THRESHOLD = 1e-12;

    private final int dimension;
    private final GaussianPath[] paths;
    private final double[] logWeights;
    private final int[] sourceIndex;
    private final int[] targetIndex;
    private final double droppedMass;

    private MixtureFlow(int dimension, GaussianPath[] paths, double[] logWeights, int[] sourceIndex,
                        int[] targetIndex, double droppedMass) {
        this.dimension = dimension;
        this.paths = paths;
        this.logWeights = logWeights;
        this.sourceIndex = sourceIndex;
        this.targetIndex = targetIndex;
        this.droppedMass = droppedMass;
    }

    /**
     * Builds the flow from a plan and one component flow for every kept pair.
     *
     * @param source         the source mixture (rows of the plan)
     * @param target         the target mixture (columns of the plan)
     * @param plan           K0 x K1 non-negative plan (a coupling of the weights)
     * @param flow           the component flow that makes each pair's Gaussian path
     * @param flowParameters parameters for the component flow
     * @param pruneThreshold pairs with pi_ij <= this are skipped (>= 0)
     * @throws IllegalArgumentException for mismatched shapes, a negative or non-finite plan entry,
     *     a plan with no mass, or a pair whose path cannot be built (naming the pair)
     */
    public static MixtureFlow of(GaussianMixture source, GaussianMixture target, double[][] plan, ComponentFlow flow,
                                 Parameters flowParameters, double pruneThreshold) {
        if (source == null || target == null || plan == null || flow == null) {
            throw new IllegalArgumentException("source, target, plan and flow must not be null");
        }
        if (source.dimension() != target.dimension()) {
            throw new IllegalArgumentException("source has dimension " + source.dimension()
                    + " but target has dimension " + target.dimension());
        }
        if (!(pruneThreshold >= 0) || !Double.isFinite(pruneThreshold)) {
            throw new IllegalArgumentException("prune threshold must be a finite number >= 0, got " + pruneThreshold);
        }
        int k0 = source.size();
        int k1 = target.size();
        if (plan.length != k0) {
            throw new IllegalArgumentException("plan has " + plan.length + " rows but the source has " + k0
                    + " components");
        }
        List<int[]> kept = new ArrayList<>();
        double total = 0;
        double dropped = 0;
        for (int i = 0; i < k0; i++) {
            if (plan[i] == null || plan[i].length != k1) {
                throw new IllegalArgumentException("plan row " + i + " has " + (plan[i] == null ? 0 : plan[i].length)
                        + " entries but the target has " + k1 + " components");
            }
            for (int j = 0; j < k1; j++) {
                double p = plan[i][j];
                if (!(p >= 0) || !Double.isFinite(p)) {
                    throw new IllegalArgumentException("plan entry (" + i + ", " + j + ") is not a finite number >= 0: " + p);
                }
                total += p;
                if (p > pruneThreshold) {
                    kept.add(new int[] {i, j});
                } else {
                    dropped += p;
                }
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("plan has no entry above the prune threshold " + pruneThreshold
                    + " (total mass " + total + ")");
        }
        int n = kept.size();
        GaussianPath[] paths = new GaussianPath[n];
        double[] logW = new double[n];
        int[] si = new int[n];
        int[] ti = new int[n];
        Parameters params = flowParameters == null ? Parameters.empty() : flowParameters;
        // Pair set-up (one eigendecomposition each) dominates for large d: build in parallel.
        RuntimeException[] failure = new RuntimeException[n];
        IntStream.range(0, n).parallel().forEach(p -> {
            int i = kept.get(p)[0];
            int j = kept.get(p)[1];
            try {
                paths[p] = flow.path(source.component(i), target.component(j), params);
            } catch (IllegalArgumentException e) {
                failure[p] = new IllegalArgumentException("pair (" + i + ", " + j + "): " + e.getMessage(), e);
            }
        });
        for (RuntimeException e : failure) {
            if (e != null) {
                throw e;
            }
        }
        for (int p = 0; p < n; p++) {
            si[p] = kept.get(p)[0];
            ti[p] = kept.get(p)[1];
            logW[p] = Math.log(plan[si[p]][ti[p]]);
        }
        return new MixtureFlow(source.dimension(), paths, logW, si, ti, dropped);
    }

    /** Builds the flow from a coupling's plan with the default prune threshold. */
    public static MixtureFlow of(GaussianMixture source, GaussianMixture target, Coupling coupling, ComponentFlow flow,
                                 Parameters flowParameters) {
        return of(source, target, coupling.plan(), flow, flowParameters, DEFAULT_PRUNE_THRESHOLD);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** Number of pairs kept (plan entries above the prune threshold). */
    public int pairCount() {
        return paths.length;
    }

    /** Total plan mass of the skipped pairs. */
    public double droppedMass() {
        return droppedMass;
    }

    /** The Gaussian path of kept pair p. */
    public GaussianPath path(int p) {
        return paths[p];
    }

    /** Source component index of kept pair p. */
    public int sourceIndex(int p) {
        return sourceIndex[p];
    }

    /** Target component index of kept pair p. */
    public int targetIndex(int p) {
        return targetIndex[p];
    }

    /** Plan mass of kept pair p. */
    public double pairMass(int p) {
        return Math.exp(logWeights[p]);
    }

    /** The mixture rho_t = sum_ij pi_ij N(m_ij(t), Sigma_ij(t)) over the kept pairs, as plan masses and Gaussians. */
    public GaussianMixture densityAt(double t) {
        double[] w = new double[paths.length];
        double total = 0;
        for (int p = 0; p < paths.length; p++) {
            w[p] = Math.exp(logWeights[p]);
            total += w[p];
        }
        List<io.gmmflow.api.Gaussian> comps = new ArrayList<>(paths.length);
        for (int p = 0; p < paths.length; p++) {
            w[p] /= total;
            comps.add(paths[p].at(t));
        }
        return GaussianMixture.of(w, comps);
    }

    @Override
    public void evaluate(double t, double[] points, int from, int to, double[] out) {
        run(t, points, from, to, out, null);
    }

    /**
     * log rho_t(x_p) (the kept pairs' plan masses as weights) for p in [from, to), into {@code out[p]}.
     */
    public void logDensity(double t, double[] points, int from, int to, double[] out) {
        run(t, points, from, to, null, out);
    }

    private void run(double t, double[] points, int from, int to, double[] velocityOut, double[] logDensityOut) {
        int d = dimension;
        if (from < 0 || to < from || (long) to * d > points.length) {
            throw new IllegalArgumentException("point range [" + from + ", " + to + ") does not fit a points array of length "
                    + points.length + " in dimension " + d);
        }
        if (!Double.isFinite(t)) {
            throw new IllegalArgumentException("time is not finite: " + t);
        }
        int n = to - from;
        int chunk = chunkSize(n, d);
        int chunks = (n + chunk - 1) / chunk;
        // Parallel only when there is enough work to pay for the fork: per point and pair about d^2
        // multiply-adds plus a fixed ~30 (the log-sum-exp step, gather and scatter), which dominates at
        // d = 2 (2000 points x 4 pairs there take ~0.2 ms, ten times a fork).
        long work = (long) n * paths.length * ((long) d * d + 32);
        IntStream range = IntStream.range(0, chunks);
        if (chunks > 1 && work > PARALLEL_WORK) {
            range = range.parallel();
        }
        range.forEach(c -> {
            int lo = from + c * chunk;
            int hi = Math.min(to, lo + chunk);
            chunk(t, points, lo, hi, velocityOut, logDensityOut);
        });
    }

    /**
     * Points per chunk: about two chunks per core (for the N = 2000 of seed 000's Fig. 1, 500
     * points), at least {@link #CHUNK}, and at most what keeps one d x chunk scratch array within
     * 1 MB. Long chunks pay: a path's batched evaluation has per-call costs (the geodesic path forms
     * L^{-1} A(t)^{-1}, O(d^3), once per call; every call gathers the points into a d x m matrix), and
     * its inner loops run over the chunk's points. Measured at N = 2000: 500-point chunks against
     * 128-point ones, d = 10 twice as fast, d = 300 30% faster.
     */
    static int chunkSize(int n, int d) {
        int perCore = (n + 2 * CORES - 1) / (2 * CORES);
        return Math.max(CHUNK, Math.min(perCore, MAX_CHUNK_ENTRIES / d));
    }

    private void chunk(double t, double[] points, int lo, int hi, double[] velocityOut, double[] logDensityOut) {
        int d = dimension;
        int m = hi - lo;
        double[] local = new double[m * d];
        System.arraycopy(points, lo * d, local, 0, m * d);
        double[] logDens = new double[m];
        double[] vel = velocityOut == null ? null : new double[m * d];
        double[] runMax = new double[m];
        double[] runSum = new double[m];
        double[] acc = velocityOut == null ? null : new double[m * d];
        java.util.Arrays.fill(runMax, Double.NEGATIVE_INFINITY);
        for (int p = 0; p < paths.length; p++) {
            paths[p].evaluate(t, local, 0, m, logDens, vel);
            double lw = logWeights[p];
            for (int q = 0; q < m; q++) {
                double w = lw + logDens[q];
                if (w == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                if (w > runMax[q]) {
                    double scale = runMax[q] == Double.NEGATIVE_INFINITY ? 0.0 : Math.exp(runMax[q] - w);
                    runSum[q] = runSum[q] * scale + 1.0;
                    runMax[q] = w;
                    if (acc != null) {
                        int o = q * d;
                        for (int k = 0; k < d; k++) {
                            acc[o + k] = acc[o + k] * scale + vel[o + k];
                        }
                    }
                } else {
                    double e = Math.exp(w - runMax[q]);
                    runSum[q] += e;
                    if (acc != null && e > 0) {
                        int o = q * d;
                        for (int k = 0; k < d; k++) {
                            acc[o + k] += e * vel[o + k];
                        }
                    }
                }
            }
        }
        for (int q = 0; q < m; q++) {
            if (logDensityOut != null) {
                logDensityOut[lo + q] = runMax[q] + Math.log(runSum[q]);
            }
            if (velocityOut != null) {
                double inv = 1.0 / runSum[q];
                int o = q * d;
                int dst = (lo + q) * d;
                for (int k = 0; k < d; k++) {
                    velocityOut[dst + k] = acc[o + k] * inv;
                }
            }
        }
    }
}
