package io.gmmflow.exact;

import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianPath;
import io.gmmflow.linalg.Dense;
import io.gmmflow.linalg.GaussianFactor;
import io.gmmflow.linalg.SymmetricEigen;
import java.util.Arrays;

/**
 * The Bures-Wasserstein geodesic (displacement interpolation) between two Gaussians and its
 * velocity field, seed 000 Method B (eq. 26-28), in closed form at every t in [0, 1]:
 * <ul>
 *   <li>map (eq. 26): T(x) = mu1 + M (x - mu0), M = L^{-T} (L^T Sigma1 L)^{1/2} L^{-1} with
 *       Sigma0 = L L^T (the unique SPD solution of M Sigma0 M = Sigma1, DESIGN.md section 2);</li>
 *   <li>path (eq. 27): m(t) = (1-t) mu0 + t mu1, Sigma(t) = A(t) Sigma0 A(t), A(t) = (1-t) I + t M;</li>
 *   <li>field (eq. 28): v(t, x) = dmu + (M - I) A(t)^{-1} (x - m(t)); with M = P diag(d_k) P^T this
 *       is dmu + P diag((d_k - 1) / a_k(t)) P^T (x - m(t)), a_k(t) = (1-t) + t d_k;</li>
 *   <li>log det Sigma(t) = log det Sigma0 + 2 sum_k log a_k(t); the Mahalanobis term is |y|^2 with
 *       y = L^{-1} A(t)^{-1} (x - m(t)) = (L^{-1} P) diag(1/a_k(t)) P^T (x - m(t));</li>
 *   <li>kinetic action int_0^1 E|v|^2 dt = W2^2 (Theorem 3, eq. 29).</li>
 * </ul>
 *
 * <p>Cost: building a path takes two symmetric eigendecompositions (of L^T Sigma1 L, for the
 * square root, and of M, for the time-diagonal form) and a few triangular solves, about 20 d^3
 * flops, once per pair; afterwards nothing is factored again at any t. {@link #evaluate} with both
 * outputs costs 6 d^2 flops per point for a range of fewer than d/2 points (z = P^T r, then P and
 * L^{-1} P against diag(...) z), and for longer ranges d^3 per call (W(t) = L^{-1} A(t)^{-1}) plus
 * 4 d^2 per point (y = W r, v = dmu + (M - I) L y, with (M - I) L fixed per pair). The points of a
 * call form an m x d block (point-major, minus m(t)) so that each pass is one matrix product through
 * core-linalg's {@link Dense#multiplyInto(double[], int, double[], double[], int, int, int, int)}:
 * BLAS dgemm on the native route (several times the pure-Java kernels from d = 10 on; the velocity
 * is written straight into the caller's array), core-linalg's blocked Java product otherwise.
 * Scratch: a few d x m arrays per call, nothing per point. Diagonal pairs (both covariances diagonal
 * or spherical, or d = 1) take an O(d) route: M = diag(sqrt(b_k / a_k)). A pair with identical
 * covariances is a pure translation (M = I exactly).
 *
 * <p>Both covariances must be positive definite. Immutable and thread-safe: concurrent calls of
 * {@link #evaluate} on disjoint output ranges are safe (the only mutable field is a volatile memo of
 * the last W(t), replaced whole, never modified).
 */
public final class GeodesicPath implements GaussianPath {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final Gaussian source;
    private final Gaussian target;
    private final int d;
    /** Diagonal route: M and everything else are per coordinate. */
    private final boolean diagonal;
    private final double[] mean0;
    private final double[] dmu;
    /** Eigenvalues d_k of M (diagonal route: sqrt(b_k / a_k) per coordinate). */
    private final double[] dk;
    /** Full route: eigenvectors of M as columns, row-major. */
    private final double[] p;
    /** Full route: P^T row-major (rows are eigenvectors), for contiguous dot products. */
    private final double[] pt;
    /** Full route: G = L^{-1} P, row-major. */
    private final double[] g;
    /** Full route: K = (M - I) L, row-major: v = dmu + K y. */
    private final double[] k;
    /** Full route: K^T and G^T, row-major, for the point-major products (row q of a block is point q). */
    private final double[] kT;
    private final double[] gT;
    /** Full route: M row-major. Diagonal route: null. */
    private final double[] map;
    /** Diagonal route: source and target standard deviations. */
    private final double[] sd0;
    private final double[] sd1;
    private final double logDet0;
    private final double w2Squared;
    /** The batch route's W(t) for the last t it was formed at (see {@code timeOperator}). */
    private volatile TimeOperator lastOperator;

    GeodesicPath(Gaussian source, Gaussian target) {
        if (source == null || target == null) {
            throw new IllegalArgumentException("source and target Gaussians must not be null");
        }
        if (source.dimension() != target.dimension()) {
            throw new IllegalArgumentException("source has dimension " + source.dimension()
                    + " but target has dimension " + target.dimension());
        }
        if (!source.isPositiveDefinite()) {
            throw new IllegalArgumentException("source covariance is not positive definite: the geodesic field needs "
                    + "a density at t = 0");
        }
        if (!target.isPositiveDefinite()) {
            throw new IllegalArgumentException("target covariance is not positive definite: the geodesic field needs "
                    + "a density at t = 1");
        }
        this.source = source;
        this.target = target;
        this.d = source.dimension();
        GaussianFactor a = GaussianFactor.of(source);
        GaussianFactor b = GaussianFactor.of(target);
        this.mean0 = a.mean();
        this.dmu = Dense.subtract(b.meanView(), a.meanView());
        double dm2 = 0;
        for (double v : dmu) {
            dm2 += v * v;
        }
        this.logDet0 = a.logDeterminant();
        this.diagonal = d == 1 || (a.isDiagonal() && b.isDiagonal());
        if (diagonal) {
            this.sd0 = new double[d];
            this.sd1 = new double[d];
            this.dk = new double[d];
            double bures = 0;
            double[] va = a.variances();
            double[] vb = b.variances();
            for (int i = 0; i < d; i++) {
                sd0[i] = Math.sqrt(va[i]);
                sd1[i] = Math.sqrt(vb[i]);
                dk[i] = sd1[i] / sd0[i];
                double diff = sd1[i] - sd0[i];
                bures += diff * diff;   // (sqrt a - sqrt b)^2: no cancellation, unlike tr A + tr B - 2 sum sqrt(ab)
            }
            this.w2Squared = dm2 + bures;
            this.p = null;
            this.pt = null;
            this.g = null;
            this.k = null;
            this.kT = null;
            this.gT = null;
            this.map = null;
            return;
        }
        this.sd0 = null;
        this.sd1 = null;
        double[] lower = a.lower();
        double[] m;
        double bures;
        if (Arrays.equals(a.covarianceRowMajor(), b.covarianceRowMajor())) {
            // A translation: M = I exactly, and W2^2 = |dmu|^2 with no round-off from a square root.
            m = Dense.identity(d);
            bures = 0;
        } else {
            double[] n = a.congruenceTranspose(b.covarianceRowMajor());      // L^T Sigma1 L
            SymmetricEigen.Decomposition en = SymmetricEigen.decompose(n, d);
            double[] roots = new double[d];
            double traceRoot = 0;
            for (int i = 0; i < d; i++) {
                roots[i] = Math.sqrt(Math.max(en.value(i), 0));  // clamp round-off negatives (DESIGN.md section 2)
                traceRoot += roots[i];
            }
            bures = Math.max(a.trace() + b.trace() - 2 * traceRoot, 0);
            double[] r = en.synthesize(roots);                                // (L^T Sigma1 L)^{1/2}
            double[] x = a.solveUpperMatrix(r, d);                            // L^{-T} R
            m = Dense.symmetrize(a.solveUpperMatrix(Dense.transpose(x, d, d), d), d);  // L^{-T} R L^{-1}
        }
        this.w2Squared = dm2 + bures;
        this.map = m;
        SymmetricEigen.Decomposition em = SymmetricEigen.decompose(m, d);
        this.dk = em.values().clone();
        for (int i = 0; i < d; i++) {
            if (!(dk[i] > 0)) {
                // M is SPD in exact arithmetic when both covariances are; a non-positive eigenvalue
                // means the target is numerically singular relative to the source.
                throw new IllegalArgumentException("the Bures map is numerically singular (eigenvalue " + i + " is "
                        + dk[i] + "); the target covariance is too close to singular for the geodesic field");
            }
        }
        this.p = em.vectors().clone();
        this.pt = Dense.transpose(p, d, d);
        this.g = solveLower(lower, p, d);
        double[] mMinusI = m.clone();
        for (int i = 0; i < d; i++) {
            mMinusI[i * d + i] -= 1.0;
        }
        this.k = Dense.multiply(mMinusI, lower, d, d, d);
        this.kT = Dense.transpose(k, d, d);
        this.gT = Dense.transpose(g, d, d);
    }

    /** L^{-1} B for lower-triangular L and a d x d matrix B (forward substitution on all columns). */
    private static double[] solveLower(double[] l, double[] b, int d) {
        double[] x = b.clone();
        for (int i = 0; i < d; i++) {
            int ri = i * d;
            for (int q = 0; q < i; q++) {
                double liq = l[ri + q];
                if (liq == 0.0) {
                    continue;
                }
                int rq = q * d;
                for (int j = 0; j < d; j++) {
                    x[ri + j] -= liq * x[rq + j];
                }
            }
            double inv = 1.0 / l[ri + i];
            for (int j = 0; j < d; j++) {
                x[ri + j] *= inv;
            }
        }
        return x;
    }

    private static void checkTime(double t) {
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("t must be in [0, 1], got " + t);
        }
    }

    @Override
    public int dimension() {
        return d;
    }

    /** The source Gaussian (t = 0). */
    public Gaussian source() {
        return source;
    }

    /** The target Gaussian (t = 1). */
    public Gaussian target() {
        return target;
    }

    /** W2^2 between source and target, from the eigenvalues of L^T Sigma1 L (DESIGN.md section 2). */
    public double w2Squared() {
        return w2Squared;
    }

    /** The matrix M of the optimal map (eq. 26), row-major d*d, a new array. */
    public double[] map() {
        if (diagonal) {
            double[] m = new double[d * d];
            for (int i = 0; i < d; i++) {
                m[i * d + i] = dk[i];
            }
            return m;
        }
        return map.clone();
    }

    /** The eigenvalues d_k of M (ascending for full covariances, per coordinate for diagonal pairs). */
    public double[] mapEigenvalues() {
        return dk.clone();
    }

    /** Whether the O(d) diagonal route is used. */
    public boolean isDiagonal() {
        return diagonal;
    }

    /**
     * The optimal map T(x) = mu1 + M (x - mu0) (eq. 26) on the points [from, to) of the flat
     * row-major array {@code points}, into {@code out} at the same offsets. O(d^2) per point.
     */
    public void transport(double[] points, int from, int to, double[] out) {
        checkRange(points, from, to, out, "output");
        double[] mean1 = target.mean();
        double[] r = new double[d];
        for (int q = from; q < to; q++) {
            int off = q * d;
            if (diagonal) {
                for (int i = 0; i < d; i++) {
                    out[off + i] = mean1[i] + dk[i] * (points[off + i] - mean0[i]);
                }
                continue;
            }
            for (int i = 0; i < d; i++) {
                r[i] = points[off + i] - mean0[i];
            }
            for (int i = 0; i < d; i++) {
                int ri = i * d;
                double s = mean1[i];
                for (int j = 0; j < d; j++) {
                    s += map[ri + j] * r[j];
                }
                out[off + i] = s;
            }
        }
    }

    /** T(x) at one point. */
    public double[] transport(double[] x) {
        if (x == null || x.length != d) {
            throw new IllegalArgumentException("point has length " + (x == null ? 0 : x.length) + ", expected " + d);
        }
        double[] out = new double[d];
        transport(x, 0, 1, out);
        return out;
    }

    @Override
    public Gaussian at(double t) {
        checkTime(t);
        if (t == 0) {
            return source;
        }
        if (t == 1) {
            return target;
        }
        double[] mt = mean(t);
        if (diagonal) {
            double[] var = new double[d];
            for (int i = 0; i < d; i++) {
                double s = (1 - t) * sd0[i] + t * sd1[i];
                var[i] = s * s;
            }
            if (source.covarianceType() == CovarianceType.SPHERICAL && target.covarianceType() == CovarianceType.SPHERICAL) {
                return Gaussian.spherical(mt, var[0]);
            }
            if (d == 1 && source.covarianceType() == CovarianceType.FULL) {
                return Gaussian.ofFlat(mt, var);
            }
            return Gaussian.diagonal(mt, var);
        }
        return Gaussian.ofFlat(mt, covariance(t));
    }

    /** Sigma(t) = A(t) Sigma0 A(t), row-major d*d (eq. 27); 2 d^3 flops. */
    public double[] covariance(double t) {
        checkTime(t);
        if (diagonal) {
            double[] c = new double[d * d];
            for (int i = 0; i < d; i++) {
                double s = (1 - t) * sd0[i] + t * sd1[i];
                c[i * d + i] = s * s;
            }
            return c;
        }
        double[] am = new double[d * d];
        for (int i = 0; i < d * d; i++) {
            am[i] = t * map[i];
        }
        for (int i = 0; i < d; i++) {
            am[i * d + i] += 1 - t;
        }
        double[] sigma0 = source.covarianceRowMajor();
        double[] c = Dense.multiply(am, Dense.multiply(sigma0, am, d, d, d), d, d, d);
        return Dense.symmetrize(c, d);
    }

    @Override
    public double[] mean(double t) {
        checkTime(t);
        double[] m = new double[d];
        for (int i = 0; i < d; i++) {
            m[i] = mean0[i] + t * dmu[i];
        }
        return m;
    }

    @Override
    public double[] meanVelocity(double t) {
        checkTime(t);
        return dmu.clone();
    }

    @Override
    public double[] velocityMatrix(double t) {
        checkTime(t);
        double[] c = new double[d];
        for (int i = 0; i < d; i++) {
            c[i] = (dk[i] - 1) / ((1 - t) + t * dk[i]);
        }
        if (diagonal) {
            double[] b = new double[d * d];
            for (int i = 0; i < d; i++) {
                b[i * d + i] = c[i];
            }
            return b;
        }
        return Dense.synthesize(p, c, d);
    }

    @Override
    public double logDeterminant(double t) {
        checkTime(t);
        double s = 0;
        if (diagonal) {
            for (int i = 0; i < d; i++) {
                s += Math.log((1 - t) * sd0[i] + t * sd1[i]);
            }
            return 2 * s;
        }
        for (int i = 0; i < d; i++) {
            s += Math.log((1 - t) + t * dk[i]);
        }
        return logDet0 + 2 * s;
    }

    private void checkRange(double[] points, int from, int to, double[] out, String what) {
        if (points == null) {
            throw new IllegalArgumentException("points array is null");
        }
        if (from < 0 || to < from || (long) to * d > points.length) {
            throw new IllegalArgumentException("point range [" + from + ", " + to + ") does not fit a points array of "
                    + points.length + " numbers in dimension " + d);
        }
        if (out != null && (long) to * d > out.length) {
            throw new IllegalArgumentException(what + " array of length " + out.length + " is too short for point "
                    + (to - 1) + " in dimension " + d);
        }
    }

    @Override
    public void evaluate(double t, double[] points, int from, int to, double[] logDensity, double[] velocity) {
        checkTime(t);
        checkRange(points, from, to, velocity, "velocity");
        if (logDensity != null && to > logDensity.length) {
            throw new IllegalArgumentException("log-density array of length " + logDensity.length
                    + " is too short for point " + (to - 1));
        }
        if (to == from || (logDensity == null && velocity == null)) {
            return;
        }
        double[] mt = new double[d];
        double[] inva = new double[d];
        double ldsum = 0;
        for (int i = 0; i < d; i++) {
            mt[i] = mean0[i] + t * dmu[i];
            double ak = (1 - t) + t * dk[i];
            inva[i] = 1.0 / ak;
            ldsum += Math.log(ak);
        }
        if (diagonal) {
            evaluateDiagonal(t, points, from, to, logDensity, velocity, mt);
        } else if (d == 2) {
            evaluateTwo(t, points, from, to, logDensity, velocity, mt, inva, ldsum);
        } else if (2 * (to - from) >= d) {
            // W(t) costs d^3 per call and saves 2 d^2 per point over the eigenbasis route
            evaluateBatch(t, points, from, to, logDensity, velocity, mt, inva, ldsum);
        } else {
            evaluateEigen(points, from, to, logDensity, velocity, mt, inva, ldsum);
        }
    }

    private void evaluateDiagonal(double t, double[] points, int from, int to, double[] logDensity,
                                  double[] velocity, double[] mt) {
        double[] sdt = new double[d];
        double[] c = new double[d];
        double ld = 0;
        for (int i = 0; i < d; i++) {
            sdt[i] = (1 - t) * sd0[i] + t * sd1[i];
            c[i] = (sd1[i] - sd0[i]) / sdt[i];   // (d_k - 1) / a_k(t) with a_k = sdt / sd0
            ld += Math.log(sdt[i]);
        }
        double constant = -0.5 * (d * LOG_2PI + 2 * ld);
        for (int q = from; q < to; q++) {
            int off = q * d;
            double quad = 0;
            for (int i = 0; i < d; i++) {
                double r = points[off + i] - mt[i];
                double y = r / sdt[i];
                quad += y * y;
                if (velocity != null) {
                    velocity[off + i] = dmu[i] + c[i] * r;
                }
            }
            if (logDensity != null) {
                logDensity[q] = constant - 0.5 * quad;
            }
        }
    }

    /**
     * d = 2: the batch route's y = W(t) r and v = dmu + K y written out per point (eight
     * multiply-adds), with no gather, scatter or scratch: at d = 2 those passes cost more than the
     * arithmetic (Fig. 1, d = 2: the path evaluations of the u(t, x) stage 2x faster).
     */
    private void evaluateTwo(double t, double[] points, int from, int to, double[] logDensity, double[] velocity,
                             double[] mt, double[] inva, double ldsum) {
        double[] wT = timeOperator(t, inva);   // W(t)^T
        double w00 = wT[0];
        double w01 = wT[2];
        double w10 = wT[1];
        double w11 = wT[3];
        double k00 = k[0];
        double k01 = k[1];
        double k10 = k[2];
        double k11 = k[3];
        double m0 = mt[0];
        double m1 = mt[1];
        double v0 = dmu[0];
        double v1 = dmu[1];
        double constant = -0.5 * (2 * LOG_2PI + logDet0 + 2 * ldsum);
        for (int q = from; q < to; q++) {
            double r0 = points[2 * q] - m0;
            double r1 = points[2 * q + 1] - m1;
            double y0 = w00 * r0 + w01 * r1;
            double y1 = w10 * r0 + w11 * r1;
            if (logDensity != null) {
                logDensity[q] = constant - 0.5 * (y0 * y0 + y1 * y1);
            }
            if (velocity != null) {
                velocity[2 * q] = v0 + (k00 * y0 + k01 * y1);
                velocity[2 * q + 1] = v1 + (k10 * y0 + k11 * y1);
            }
        }
    }

    /**
     * Few points: three d^2 passes per point through the eigenbasis of M, nothing formed per call:
     * z = P^T r, v = dmu + P diag(c) z, y = G diag(1/a) z, for all points of the range at once.
     */
    private void evaluateEigen(double[] points, int from, int to, double[] logDensity, double[] velocity,
                               double[] mt, double[] inva, double ldsum) {
        int m = to - from;
        double constant = -0.5 * (d * LOG_2PI + logDet0 + 2 * ldsum);
        double[] r = gather(points, from, m, mt);
        double[] z = new double[m * d];
        Dense.multiplyInto(r, 0, p, z, 0, m, d, d);                                // row q: P^T r_q
        double[] w = new double[m * d];
        if (velocity != null) {
            for (int q = 0; q < m; q++) {
                int o = q * d;
                for (int kk = 0; kk < d; kk++) {
                    w[o + kk] = (dk[kk] - 1) * inva[kk] * z[o + kk];
                }
            }
            Dense.multiplyInto(w, 0, pt, velocity, from * d, m, d, d);             // row q: P diag(c) P^T r_q
            addMeanVelocity(velocity, from, m);
        }
        if (logDensity != null) {
            for (int q = 0; q < m; q++) {
                int o = q * d;
                for (int kk = 0; kk < d; kk++) {
                    w[o + kk] = inva[kk] * z[o + kk];
                }
            }
            double[] y = new double[m * d];
            Dense.multiplyInto(w, 0, gT, y, 0, m, d, d);                           // row q: L^{-1} P diag(1/a) P^T r_q
            squaredNorms(y, from, m, constant, logDensity);
        }
    }

    /**
     * Many points: W(t) = G diag(1/a) P^T = L^{-1} A(t)^{-1} once per call (d^3), then y = W r and
     * v = dmu + K y with K = (M - I) L, since A^{-1} r = L y: two d^2 passes per point.
     */
    private void evaluateBatch(double t, double[] points, int from, int to, double[] logDensity, double[] velocity,
                               double[] mt, double[] inva, double ldsum) {
        int m = to - from;
        double[] wT = timeOperator(t, inva);
        double constant = -0.5 * (d * LOG_2PI + logDet0 + 2 * ldsum);
        double[] r = gather(points, from, m, mt);
        double[] y = new double[m * d];
        Dense.multiplyInto(r, 0, wT, y, 0, m, d, d);                               // row q: y_q = W(t) r_q
        if (logDensity != null) {
            squaredNorms(y, from, m, constant, logDensity);
        }
        if (velocity != null) {
            Dense.multiplyInto(y, 0, kT, velocity, from * d, m, d, d);             // row q: (M - I) L y_q
            addMeanVelocity(velocity, from, m);
        }
    }

    /**
     * W(t) = G diag(1/a(t)) P^T = L^{-1} A(t)^{-1} (d^3), memoized for the last t: a mixture
     * evaluation calls every path once per chunk of points at the same t, and at d = 300 forming
     * W(t) for each of its 5 chunks was a quarter of the velocity stage's flops. The memo is an
     * immutable (t, W) pair behind a volatile field, so concurrent calls at the same or different
     * times are safe (at worst two threads form the same W(t) once each) and the path stays
     * observably immutable.
     */
    private double[] timeOperator(double t, double[] inva) {
        TimeOperator op = lastOperator;
        if (op != null && op.t == t) {
            return op.w;
        }
        // W(t)^T = P diag(1/a) G^T, the right factor of the point-major product R W^T
        double[] pa = new double[d * d];
        for (int i = 0; i < d; i++) {
            int row = i * d;
            for (int kk = 0; kk < d; kk++) {
                pa[row + kk] = p[row + kk] * inva[kk];
            }
        }
        double[] wT = new double[d * d];
        Dense.multiplyInto(pa, 0, gT, wT, 0, d, d, d);
        lastOperator = new TimeOperator(t, wT);
        return wT;
    }

    /** W(t)^T at one time; its array is never written after construction. */
    private record TimeOperator(double t, double[] w) {
    }

    /** The m x d block R with row q = x_{from+q} - m(t) (point-major, like the input). */
    private double[] gather(double[] points, int from, int m, double[] mt) {
        double[] r = new double[m * d];
        int off = from * d;
        for (int q = 0; q < m; q++) {
            int o = q * d;
            for (int j = 0; j < d; j++) {
                r[o + j] = points[off + o + j] - mt[j];
            }
        }
        return r;
    }

    /** velocity_{from+q} += dmu. */
    private void addMeanVelocity(double[] velocity, int from, int m) {
        for (int q = 0; q < m; q++) {
            int off = (from + q) * d;
            for (int i = 0; i < d; i++) {
                velocity[off + i] += dmu[i];
            }
        }
    }

    /** logDensity[from + q] = constant - |row q of y|^2 / 2. */
    private void squaredNorms(double[] y, int from, int m, double constant, double[] logDensity) {
        for (int q = 0; q < m; q++) {
            int o = q * d;
            double s = 0;
            for (int i = 0; i < d; i++) {
                double v = y[o + i];
                s += v * v;
            }
            logDensity[from + q] = constant - 0.5 * s;
        }
    }

    @Override
    public double kineticAction() {
        return w2Squared;
    }

    @Override
    public String toString() {
        return "GeodesicPath[d=" + d + ", w2Squared=" + w2Squared + (diagonal ? ", diagonal" : "") + "]";
    }
}
