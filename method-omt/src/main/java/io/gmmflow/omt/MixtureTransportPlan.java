package io.gmmflow.omt;

import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.linalg.GaussianFactor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;

/**
 * The OMT plan as a Gaussian mixture in R^{2d} (seed 003 Corollary 1, eq. 41-42):
 * pi = sum_ij omega_ij N([m_i; m_j], [[S_i, C_ij], [C_ij^T, S_j]]), with its maps.
 *
 * <ul>
 *   <li><b>Forward map</b> (eq. 43-44, 57): T(x) = E_pi[y | x] = sum_ij w_ij(x) (m_j + K_ij (x - m_i)),
 *       w_ij(x) = omega_ij N(x | m_i, S_i) / sum_rk omega_rk N(x | m_r, S_r). Because each pair map is
 *       affine, this is evaluated as T(x) = sum_i gamma_i(x) (mbar_i + Kbar_i (x - m_i)) with
 *       rho_i = sum_j omega_ij, gamma_i(x) proportional to rho_i N(x | m_i, S_i),
 *       mbar_i = sum_j (omega_ij / rho_i) m_j and Kbar_i = sum_j (omega_ij / rho_i) K_ij computed
 *       once: O(K0 d^2) per point instead of O(K0 K1 d^2). The weights use the plan's own row sums
 *       rho_i (equal to alpha0_i up to the solver's marginal error), so T is exactly the
 *       conditional mean of this plan.</li>
 *   <li><b>Backward map</b>: the same with the roles of source and target swapped (column sums kappa_j,
 *       K_b,ij).</li>
 *   <li><b>Random map</b>: a draw of y from the conditional pi(y | x), a GMM (eq. 43): a source
 *       component i ~ gamma(x), a partner j ~ omega_ij / rho_i, then
 *       y ~ N(m_j + K_ij (x - m_i), (eps1/2) K_ij). For the GMM-OT baseline (eps1 = 0) the last
 *       step is deterministic (Delon-Desolneux's random map).</li>
 * </ul>
 * Pairs with omega_ij <= pruneTolerance * min(rho_i, kappa_j) are dropped (their share of a row's or
 * column's conditional mass is below that tolerance; default 1e-12). The source components need
 * positive definite covariances for the forward map and the target components for the backward map
 * (the weights gamma_i need densities).
 *
 * <p>Costs: building the forward (or backward) aggregate takes one eigendecomposition with vectors
 * per kept pair (rows in parallel), done on first use; memory O(K0 d^2) (O(K0 d) when every
 * covariance is diagonal). Maps run in parallel over chunks of points; random draws are reproducible
 * for a seed whatever the number of threads. Thread-safe.
 */
public final class MixtureTransportPlan {

    private static final int CHUNK = 512;

    private final GaussianMixture source;
    private final GaussianMixture target;
    private final GaussianFactor[] fs;
    private final GaussianFactor[] ft;
    private final double[][] omega;
    private final double eps1;
    private final double[] rowSums;
    private final double[] columnSums;
    private final boolean[][] active;
    private final int d;
    private final boolean allDiagonal;
    private final AtomicReferenceArray<EntropicGaussianPair.MapFrame> forwardFrames;
    private final AtomicReferenceArray<EntropicGaussianPair.MapFrame> backwardFrames;
    private volatile Aggregate forwardAggregate;
    private volatile Aggregate backwardAggregate;

    /**
     * The plan for weights {@code omega} (K0 x K1, non-negative) between the components of the two
     * mixtures, with pair plans at {@code eps1} (0: Bures couplings, the GMM-OT baseline).
     *
     * @throws IllegalArgumentException for mismatched shapes or dimensions, negative or non-finite
     *     weights, eps1 < 0 or NaN, or a plan with no mass
     */
    public MixtureTransportPlan(GaussianMixture source, GaussianMixture target, double[][] omega, double eps1,
                                double pruneTolerance) {
        if (source == null || target == null || omega == null) {
            throw new IllegalArgumentException("source, target and weights must not be null");
        }
        if (source.dimension() != target.dimension()) {
            throw new IllegalArgumentException("source has dimension " + source.dimension()
                    + " but target has dimension " + target.dimension());
        }
        if (!(eps1 >= 0) || !Double.isFinite(eps1)) {
            throw new IllegalArgumentException("eps1 must be a finite number >= 0, got " + eps1);
        }
        if (!(pruneTolerance >= 0) || !(pruneTolerance < 1)) {
            throw new IllegalArgumentException("pruneTolerance must be in [0, 1), got " + pruneTolerance);
        }
        int k0 = source.size();
        int k1 = target.size();
        if (omega.length != k0) {
            throw new IllegalArgumentException("weights have " + omega.length + " rows but the source has " + k0
                    + " components");
        }
        this.source = source;
        this.target = target;
        this.d = source.dimension();
        this.eps1 = eps1;
        this.omega = new double[k0][];
        this.rowSums = new double[k0];
        this.columnSums = new double[k1];
        double total = 0;
        for (int i = 0; i < k0; i++) {
            if (omega[i] == null || omega[i].length != k1) {
                throw new IllegalArgumentException("weight row " + i + " has "
                        + (omega[i] == null ? 0 : omega[i].length) + " entries but the target has " + k1 + " components");
            }
            this.omega[i] = omega[i].clone();
            for (int j = 0; j < k1; j++) {
                double w = omega[i][j];
                if (!(w >= 0) || !Double.isFinite(w)) {
                    throw new IllegalArgumentException("weight (" + i + ", " + j + ") is negative or not finite (" + w + ")");
                }
                rowSums[i] += w;
                columnSums[j] += w;
                total += w;
            }
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("the weights have no mass");
        }
        this.active = new boolean[k0][k1];
        for (int i = 0; i < k0; i++) {
            for (int j = 0; j < k1; j++) {
                active[i][j] = this.omega[i][j] > 0
                        && this.omega[i][j] > pruneTolerance * Math.min(rowSums[i], columnSums[j]);
            }
        }
        this.fs = EntropicCost.factors(source);
        this.ft = EntropicCost.factors(target);
        boolean diag = true;
        for (GaussianFactor f : fs) {
            diag &= f.isDiagonal();
        }
        for (GaussianFactor f : ft) {
            diag &= f.isDiagonal();
        }
        this.allDiagonal = diag;
        this.forwardFrames = new AtomicReferenceArray<>(k0 * k1);
        this.backwardFrames = new AtomicReferenceArray<>(k0 * k1);
    }

    /** The dimension d of each side (the plan lives in R^{2d}). */
    public int dimension() {
        return d;
    }

    /** eps1 of the pair plans (0 for the GMM-OT baseline). */
    public double eps1() {
        return eps1;
    }

    /** A copy of the weights Omega. */
    public double[][] weights() {
        double[][] w = new double[omega.length][];
        for (int i = 0; i < w.length; i++) {
            w[i] = omega[i].clone();
        }
        return w;
    }

    /** Whether pair (i, j) is kept. */
    public boolean isActive(int i, int j) {
        return active[i][j];
    }

    /** The number of kept pairs K <= K0 K1 (the components of the plan as a GMM). */
    public int activePairs() {
        int n = 0;
        for (boolean[] row : active) {
            for (boolean b : row) {
                n += b ? 1 : 0;
            }
        }
        return n;
    }

    /** The pair plan (i, j) (computed on each call). */
    public EntropicPairPlan pair(int i, int j) {
        return EntropicGaussianPair.plan(fs[i], ft[j], eps1);
    }

    /**
     * The plan as a Gaussian mixture in R^{2d} over the kept pairs, weights renormalized over them
     * (eq. 42). At eps1 = 0 the components have singular covariances.
     */
    public GaussianMixture asGaussianMixture() {
        List<Gaussian> comps = new ArrayList<>();
        List<Double> ws = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < omega.length; i++) {
            for (int j = 0; j < omega[i].length; j++) {
                if (active[i][j]) {
                    comps.add(pair(i, j).joint());
                    ws.add(omega[i][j]);
                    total += omega[i][j];
                }
            }
        }
        double[] w = new double[ws.size()];
        for (int k = 0; k < w.length; k++) {
            w[k] = ws.get(k) / total;
        }
        return GaussianMixture.of(w, comps);
    }

    /** The forward map T(x) = E[y | x] of every row of {@code points} (eq. 44). */
    public double[][] forward(double[][] points) {
        return map(points, forward(), fs, source.dimension(), "source");
    }

    /** The backward map E[x | y] of every row of {@code points}. */
    public double[][] backward(double[][] points) {
        return map(points, backward(), ft, target.dimension(), "target");
    }

    /** One draw of y ~ pi(y | x) for every row x of {@code points}, reproducible for {@code seed}. */
    public double[][] randomForward(double[][] points, long seed) {
        return random(points, seed, true);
    }

    /** One draw of x ~ pi(x | y) for every row y of {@code points}, reproducible for {@code seed}. */
    public double[][] randomBackward(double[][] points, long seed) {
        return random(points, seed, false);
    }

    /** n draws (x, y) from the plan, one row of 2d numbers per draw, reproducible for a seed. */
    public double[][] sample(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("number of samples must be >= 0, got " + n);
        }
        int k0 = omega.length;
        int k1 = omega[0].length;
        double[] cdf = new double[k0 * k1];
        double acc = 0;
        for (int i = 0; i < k0; i++) {
            for (int j = 0; j < k1; j++) {
                acc += active[i][j] ? omega[i][j] : 0;
                cdf[i * k1 + j] = acc;
            }
        }
        double total = acc;
        double[][] out = new double[n][2 * d];
        SplittableRandom root = new SplittableRandom(seed);
        int chunks = (n + CHUNK - 1) / CHUNK;
        SplittableRandom[] rngs = new SplittableRandom[chunks];
        for (int c = 0; c < chunks; c++) {
            rngs[c] = root.split();
        }
        IntStream.range(0, chunks).parallel().forEach(c -> {
            SplittableRandom rng = rngs[c];
            double[] z = new double[d];
            double[] diff = new double[d];
            double[] tmp = new double[d];
            for (int s = c * CHUNK; s < Math.min(n, (c + 1) * CHUNK); s++) {
                int p = search(cdf, rng.nextDouble() * total);
                int i = p / k1;
                int j = p % k1;
                drawComponent(fs[i], rng, z, out[s], 0);
                pairForward(i, j, out[s], 0, out[s], d, diff, tmp);
                addNoise(forwardFrame(i, j), rng, out[s], d, z);
            }
        });
        return out;
    }

    private double[][] random(double[][] points, long seed, boolean forwardDirection) {
        GaussianFactor[] from = forwardDirection ? fs : ft;
        double[] fromWeights = forwardDirection ? rowSums : columnSums;
        double[] flat = flatten(points, forwardDirection ? "source" : "target");
        int n = points.length;
        double[][] out = new double[n][d];
        SplittableRandom root = new SplittableRandom(seed);
        int chunks = (n + CHUNK - 1) / CHUNK;
        SplittableRandom[] rngs = new SplittableRandom[chunks];
        for (int c = 0; c < chunks; c++) {
            rngs[c] = root.split();
        }
        int k0 = omega.length;
        int k1 = omega[0].length;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            SplittableRandom rng = rngs[c];
            int from0 = c * CHUNK;
            int to = Math.min(n, from0 + CHUNK);
            double[][] gamma = responsibilities(from, fromWeights, flat, from0, to);
            double[] z = new double[d];
            double[] diff = new double[d];
            double[] tmp = new double[d];
            for (int p = from0; p < to; p++) {
                double[] g = gamma[p - from0];
                int a = pick(g, rng.nextDouble());
                // the partner, in proportion to the kept weights of that row (column)
                double rowTotal = 0;
                int len = forwardDirection ? k1 : k0;
                for (int q = 0; q < len; q++) {
                    rowTotal += forwardDirection ? (active[a][q] ? omega[a][q] : 0) : (active[q][a] ? omega[q][a] : 0);
                }
                double u = rng.nextDouble() * rowTotal;
                int b = -1;
                double acc = 0;
                for (int q = 0; q < len; q++) {
                    double w = forwardDirection ? (active[a][q] ? omega[a][q] : 0) : (active[q][a] ? omega[q][a] : 0);
                    if (w > 0) {
                        b = q;
                        acc += w;
                        if (u < acc) {
                            break;
                        }
                    }
                }
                if (forwardDirection) {
                    pairForward(a, b, flat, p * d, out[p], 0, diff, tmp);
                    addNoise(forwardFrame(a, b), rng, out[p], 0, z);
                } else {
                    pairBackward(b, a, flat, p * d, out[p], 0, diff, tmp);
                    addNoise(backwardFrame(b, a), rng, out[p], 0, z);
                }
            }
        });
        return out;
    }

    private void addNoise(EntropicGaussianPair.MapFrame frame, SplittableRandom rng, double[] out, int oo, double[] z) {
        if (eps1 == 0) {
            return;
        }
        for (int k = 0; k < d; k++) {
            z[k] = rng.nextGaussian();
        }
        frame.addRoot(z, Math.sqrt(0.5 * eps1), out, oo);
    }

    private void pairForward(int i, int j, double[] x, int xo, double[] out, int oo, double[] diff, double[] tmp) {
        double[] a = fs[i].meanView();
        double[] b = ft[j].meanView();
        for (int k = 0; k < d; k++) {
            diff[k] = x[xo + k] - a[k];
        }
        forwardFrame(i, j).apply(diff, 0, out, oo, tmp);
        for (int k = 0; k < d; k++) {
            out[oo + k] += b[k];
        }
    }

    private void pairBackward(int i, int j, double[] y, int yo, double[] out, int oo, double[] diff, double[] tmp) {
        double[] a = fs[i].meanView();
        double[] b = ft[j].meanView();
        for (int k = 0; k < d; k++) {
            diff[k] = y[yo + k] - b[k];
        }
        backwardFrame(i, j).apply(diff, 0, out, oo, tmp);
        for (int k = 0; k < d; k++) {
            out[oo + k] += a[k];
        }
    }

    private EntropicGaussianPair.MapFrame forwardFrame(int i, int j) {
        int idx = i * omega[0].length + j;
        EntropicGaussianPair.MapFrame f = forwardFrames.get(idx);
        if (f == null) {
            f = EntropicGaussianPair.frame(fs[i], ft[j], eps1);
            forwardFrames.compareAndSet(idx, null, f);
        }
        return f;
    }

    private EntropicGaussianPair.MapFrame backwardFrame(int i, int j) {
        int idx = i * omega[0].length + j;
        EntropicGaussianPair.MapFrame f = backwardFrames.get(idx);
        if (f == null) {
            f = EntropicGaussianPair.frame(ft[j], fs[i], eps1);
            backwardFrames.compareAndSet(idx, null, f);
        }
        return f;
    }

    private static void drawComponent(GaussianFactor g, SplittableRandom rng, double[] z, double[] out, int oo) {
        int d = g.dimension();
        double[] m = g.meanView();
        double[] l = g.factorView();
        for (int k = 0; k < d; k++) {
            z[k] = rng.nextGaussian();
        }
        if (g.isDiagonal()) {
            for (int k = 0; k < d; k++) {
                out[oo + k] = m[k] + l[k] * z[k];
            }
            return;
        }
        for (int r = 0; r < d; r++) {
            double s = m[r];
            for (int k = 0; k <= r; k++) {
                s += l[r * d + k] * z[k];
            }
            out[oo + r] = s;
        }
    }

    /** The conditional-mean aggregate of one direction: per "from" component, mbar and Kbar. */
    private record Aggregate(double[][] meanBar, double[][] kBar, boolean diagonal) {
    }

    private Aggregate forward() {
        Aggregate a = forwardAggregate;
        if (a == null) {
            synchronized (this) {
                if (forwardAggregate == null) {
                    forwardAggregate = aggregate(true);
                }
                a = forwardAggregate;
            }
        }
        return a;
    }

    private Aggregate backward() {
        Aggregate a = backwardAggregate;
        if (a == null) {
            synchronized (this) {
                if (backwardAggregate == null) {
                    backwardAggregate = aggregate(false);
                }
                a = backwardAggregate;
            }
        }
        return a;
    }

    private Aggregate aggregate(boolean forwardDirection) {
        int k0 = omega.length;
        int k1 = omega[0].length;
        int nFrom = forwardDirection ? k0 : k1;
        int nTo = forwardDirection ? k1 : k0;
        GaussianFactor[] from = forwardDirection ? fs : ft;
        GaussianFactor[] to = forwardDirection ? ft : fs;
        double[] sums = forwardDirection ? rowSums : columnSums;
        for (int a = 0; a < nFrom; a++) {
            if (sums[a] > 0 && !from[a].isPositiveDefinite()) {
                throw new IllegalArgumentException((forwardDirection ? "source" : "target") + " component " + a
                        + " has a singular covariance: the " + (forwardDirection ? "forward" : "backward")
                        + " map needs its density");
            }
        }
        double[][] meanBar = new double[nFrom][d];
        double[][] kBar = new double[nFrom][allDiagonal ? d : d * d];
        IntStream.range(0, nFrom).parallel().forEach(a -> {
            double kept = 0;
            for (int b = 0; b < nTo; b++) {
                if (forwardDirection ? active[a][b] : active[b][a]) {
                    kept += forwardDirection ? omega[a][b] : omega[b][a];
                }
            }
            if (!(kept > 0)) {
                return;
            }
            double[] full = allDiagonal ? null : kBar[a];
            for (int b = 0; b < nTo; b++) {
                if (!(forwardDirection ? active[a][b] : active[b][a])) {
                    continue;
                }
                double w = (forwardDirection ? omega[a][b] : omega[b][a]) / kept;
                double[] mb = to[b].meanView();
                for (int k = 0; k < d; k++) {
                    meanBar[a][k] += w * mb[k];
                }
                EntropicGaussianPair.MapFrame f = EntropicGaussianPair.frame(from[a], to[b], eps1);
                if (allDiagonal) {
                    for (int k = 0; k < d; k++) {
                        kBar[a][k] += w * f.w[k] * f.w[k] * f.h[k];
                    }
                } else {
                    f.accumulate(w, full);
                }
            }
        });
        return new Aggregate(meanBar, kBar, allDiagonal);
    }

    private double[][] map(double[][] points, Aggregate agg, GaussianFactor[] from, int dim, String side) {
        double[] flat = flatten(points, side);
        int n = points.length;
        double[][] out = new double[n][d];
        double[] weights = from == fs ? rowSums : columnSums;
        int chunks = (n + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from0 = c * CHUNK;
            int to = Math.min(n, from0 + CHUNK);
            double[][] gamma = responsibilities(from, weights, flat, from0, to);
            double[] diff = new double[d];
            for (int p = from0; p < to; p++) {
                double[] g = gamma[p - from0];
                double[] y = out[p];
                for (int a = 0; a < g.length; a++) {
                    double ga = g[a];
                    // a share below 1e-17 changes no printed digit of the result
                    if (ga < 1e-17) {
                        continue;
                    }
                    double[] mu = from[a].meanView();
                    for (int k = 0; k < d; k++) {
                        diff[k] = flat[p * d + k] - mu[k];
                    }
                    double[] mb = agg.meanBar[a];
                    double[] kb = agg.kBar[a];
                    if (agg.diagonal) {
                        for (int k = 0; k < d; k++) {
                            y[k] += ga * (mb[k] + kb[k] * diff[k]);
                        }
                    } else {
                        for (int r = 0; r < d; r++) {
                            double s = mb[r];
                            int rr = r * d;
                            for (int k = 0; k < d; k++) {
                                s += kb[rr + k] * diff[k];
                            }
                            y[r] += ga * s;
                        }
                    }
                }
            }
        });
        return out;
    }

    /**
     * gamma[p - from][a] proportional to weights[a] N(x_p | component a), normalized per point by
     * log-sum-exp (no underflow far from every component).
     */
    private double[][] responsibilities(GaussianFactor[] comps, double[] weights, double[] flat, int from, int to) {
        int m = to - from;
        int k = comps.length;
        double[] chunk = new double[m * d];
        System.arraycopy(flat, from * d, chunk, 0, m * d);
        double[][] logp = new double[k][m];
        for (int a = 0; a < k; a++) {
            if (weights[a] > 0) {
                if (!comps[a].isPositiveDefinite()) {
                    throw new IllegalArgumentException("component " + a + " has a singular covariance: the map needs its density");
                }
                comps[a].logDensity(chunk, 0, m, logp[a]);
            }
        }
        double[][] gamma = new double[m][k];
        for (int p = 0; p < m; p++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < k; a++) {
                double v = weights[a] > 0 ? Math.log(weights[a]) + logp[a][p] : Double.NEGATIVE_INFINITY;
                gamma[p][a] = v;
                max = Math.max(max, v);
            }
            double s = 0;
            for (int a = 0; a < k; a++) {
                double e = Math.exp(gamma[p][a] - max);
                gamma[p][a] = e;
                s += e;
            }
            for (int a = 0; a < k; a++) {
                gamma[p][a] /= s;
            }
        }
        return gamma;
    }

    private double[] flatten(double[][] points, String side) {
        if (points == null) {
            throw new IllegalArgumentException("points must not be null");
        }
        double[] flat = new double[points.length * d];
        for (int p = 0; p < points.length; p++) {
            if (points[p] == null || points[p].length != d) {
                throw new IllegalArgumentException("point " + p + " has dimension "
                        + (points[p] == null ? 0 : points[p].length) + " but the " + side + " has dimension " + d);
            }
            for (int k = 0; k < d; k++) {
                double v = points[p][k];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("point " + p + ", coordinate " + k + " is not finite (" + v + ")");
                }
                flat[p * d + k] = v;
            }
        }
        return flat;
    }

    private static int pick(double[] probabilities, double u) {
        double acc = 0;
        int last = -1;
        for (int a = 0; a < probabilities.length; a++) {
            if (probabilities[a] > 0) {
                acc += probabilities[a];
                last = a;
                if (u < acc) {
                    return a;
                }
            }
        }
        return last;
    }

    private static int search(double[] cdf, double u) {
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
