package io.gmmflow.surrogate;

import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianPath;
import io.gmmflow.linalg.Dense;
import io.gmmflow.linalg.GaussianFactor;
import io.gmmflow.linalg.PairKernels;
import io.gmmflow.linalg.SurrogateSpectrum;

/**
 * The linear Gaussian path of seed 000 eq. 2, m(t) = (1-t) mu0 + t mu1, Sigma(t) = (1-t) Sigma0 + t Sigma1,
 * with the field of Lemma 1 (eq. 5): v(t, x) = dmu + 1/2 dS Sigma(t)^{-1} (x - m(t)).
 *
 * <p>Closed form in t from one eigendecomposition made here (DESIGN.md section 2): with
 * Sigma0 = L L^T, G = L^{-1} dS L^{-T} = Q Lambda Q^T and W = L^{-T} Q, Sigma(t) = L Q (I + t Lambda) Q^T L^T,
 * so for y = W^T (x - m(t))
 * <pre>
 *   v = dmu + 1/2 (L Q) (lambda_k y_k / (1 + t lambda_k))_k,
 *   log N(x | m(t), Sigma(t)) = -1/2 (d log 2 pi + log det Sigma0 + sum_k log1p(t lambda_k) + sum_k y_k^2 / (1 + t lambda_k)).
 * </pre>
 * Per point: 2 d^2 multiply-adds for both outputs (d^2 for one), from one whitened vector; a batch
 * forms an m x d block so that both passes are matrix products (core-linalg's {@link Dense}: BLAS
 * dgemm on the native route); per call O(d) set-up and two m x d scratch arrays. Diagonal pairs (both covariances
 * diagonal or spherical, or d = 1) use the per-coordinate form v_k = dmu_k + 1/2 (b_k - a_k) / sigma_k(t) (x_k - m_k(t)): O(d) per point.
 *
 * <p>t may be any finite number at which Sigma(t) stays positive definite (every 1 + t lambda_k > 0),
 * which includes [0, 1]. Immutable and thread-safe: batched calls on disjoint ranges may run
 * concurrently (each call allocates its own scratch).
 */
final class LinearPath implements GaussianPath {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final int d;
    private final Gaussian source;
    private final Gaussian target;
    private final double[] mu0;
    private final double[] mu1;
    private final double[] dmu;
    /** Diagonal route: the variances a_k, b_k and b_k - a_k. */
    private final boolean diagonal;
    private final double[] va;
    private final double[] vb;
    private final double[] dv;
    /** General route: eigenvalues lambda_k, the basis L Q (row-major, column k for lambda_k) and W^T (row k = w_k). */
    private final double[] lambda;
    private final double[] lq;
    private final double[] wt;
    /** General route: W = L^{-T} Q (columns w_k) and (L Q)^T, row-major, for the point-major products. */
    private final double[] w;
    private final double[] lqT;
    private final double logDet0;
    private final double kineticAction;

    private LinearPath(Gaussian source, Gaussian target, GaussianFactor a, GaussianFactor b, boolean allowFastRoute) {
        this.d = a.dimension();
        this.source = source;
        this.target = target;
        this.mu0 = a.mean();
        this.mu1 = b.mean();
        this.dmu = new double[d];
        double mean2 = 0;
        for (int i = 0; i < d; i++) {
            dmu[i] = mu1[i] - mu0[i];
            mean2 += dmu[i] * dmu[i];
        }
        this.logDet0 = a.logDeterminant();
        this.diagonal = allowFastRoute && (d == 1 || (a.isDiagonal() && b.isDiagonal()));
        if (diagonal) {
            this.va = a.variances();
            this.vb = b.variances();
            this.dv = new double[d];
            for (int k = 0; k < d; k++) {
                dv[k] = vb[k] - va[k];
            }
            this.lambda = null;
            this.lq = null;
            this.wt = null;
            this.w = null;
            this.lqT = null;
            this.kineticAction = mean2 + SurrogateCost.diagonalCost(va, vb);
        } else {
            SurrogateSpectrum s = PairKernels.surrogateSpectrum(a, b);
            PairChecks.requireAboveMinusOne(SurrogateCost.minimum(s.lambda()));
            this.va = null;
            this.vb = null;
            this.dv = null;
            this.lambda = s.lambda().clone();
            this.lq = s.lq().clone();
            this.w = s.w().clone();
            this.wt = Dense.transpose(w, d, d);
            this.lqT = Dense.transpose(lq, d, d);
            // The cost through the same dispatch as SurrogateCost, so that kineticAction() and the
            // cost matrix agree to the last bit.
            this.kineticAction = mean2 + SurrogateCost.covarianceCost(a, b);
        }
    }

    /** The path between two checked Gaussians. */
    static LinearPath of(Gaussian source, Gaussian target) {
        GaussianFactor[] f = PairChecks.factors(source, target);
        return new LinearPath(source, target, f[0], f[1], true);
    }

    /** The path by the general (eigendecomposition) route even where a fast route applies: for tests. */
    static LinearPath general(Gaussian source, Gaussian target) {
        Gaussian a = Gaussian.ofFlat(source.mean(), source.covarianceRowMajor());
        Gaussian b = Gaussian.ofFlat(target.mean(), target.covarianceRowMajor());
        GaussianFactor[] f = PairChecks.factors(a, b);
        return new LinearPath(a, b, f[0], f[1], false);
    }

    @Override
    public int dimension() {
        return d;
    }

    private static void checkTime(double t) {
        if (!Double.isFinite(t)) {
            throw new IllegalArgumentException("time t is not finite (" + t + ")");
        }
    }

    private IllegalArgumentException notPositiveDefinite(double t) {
        return new IllegalArgumentException("t = " + t + " is outside the interval where Sigma(t) = (1-t) Sigma0 + t Sigma1 "
                + "is positive definite");
    }

    @Override
    public Gaussian at(double t) {
        checkTime(t);
        if (t == 0.0) {
            return source;
        }
        if (t == 1.0) {
            return target;
        }
        double[] m = mean(t);
        if (diagonal && source.covarianceType() != CovarianceType.FULL && target.covarianceType() != CovarianceType.FULL) {
            double[] v = new double[d];
            for (int k = 0; k < d; k++) {
                v[k] = (1 - t) * va[k] + t * vb[k];
                if (!(v[k] > 0)) {
                    throw notPositiveDefinite(t);
                }
            }
            if (source.covarianceType() == CovarianceType.SPHERICAL && target.covarianceType() == CovarianceType.SPHERICAL) {
                return Gaussian.spherical(m, v[0]);
            }
            return Gaussian.diagonal(m, v);
        }
        double[] s0 = source.covarianceRowMajor();
        double[] s1 = target.covarianceRowMajor();
        for (int i = 0; i < d * d; i++) {
            s0[i] = (1 - t) * s0[i] + t * s1[i];
        }
        try {
            return Gaussian.ofFlat(m, s0);
        } catch (IllegalArgumentException e) {
            throw notPositiveDefinite(t);
        }
    }

    @Override
    public double[] mean(double t) {
        checkTime(t);
        double[] m = new double[d];
        for (int i = 0; i < d; i++) {
            m[i] = (1 - t) * mu0[i] + t * mu1[i];
        }
        return m;
    }

    @Override
    public double[] meanVelocity(double t) {
        checkTime(t);
        return dmu.clone();
    }

    /** c_k = 1 / (1 + t lambda_k), checking that Sigma(t) is positive definite. */
    private double[] inverseScales(double t) {
        double[] c = new double[d];
        for (int k = 0; k < d; k++) {
            double s = 1 + t * lambda[k];
            if (!(s > 0)) {
                throw notPositiveDefinite(t);
            }
            c[k] = 1 / s;
        }
        return c;
    }

    /** sigma_k(t) = (1-t) a_k + t b_k for the diagonal route, checked positive. */
    private double[] variancesAt(double t) {
        double[] s = new double[d];
        for (int k = 0; k < d; k++) {
            s[k] = (1 - t) * va[k] + t * vb[k];
            if (!(s[k] > 0)) {
                throw notPositiveDefinite(t);
            }
        }
        return s;
    }

    @Override
    public double[] velocityMatrix(double t) {
        checkTime(t);
        double[] b = new double[d * d];
        if (diagonal) {
            double[] s = variancesAt(t);
            for (int k = 0; k < d; k++) {
                b[k * d + k] = 0.5 * dv[k] / s[k];
            }
            return b;
        }
        double[] c = inverseScales(t);
        double[] h = new double[d];
        for (int k = 0; k < d; k++) {
            h[k] = 0.5 * lambda[k] * c[k];
        }
        // B = (L Q) diag(h) W^T
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                double f = lq[i * d + k] * h[k];
                if (f == 0.0) {
                    continue;
                }
                int rk = k * d;
                int ri = i * d;
                for (int j = 0; j < d; j++) {
                    b[ri + j] += f * wt[rk + j];
                }
            }
        }
        return b;
    }

    @Override
    public double logDeterminant(double t) {
        checkTime(t);
        if (diagonal) {
            double[] s = variancesAt(t);
            double ld = 0;
            for (double v : s) {
                ld += Math.log(v);
            }
            return ld;
        }
        inverseScales(t);
        double ld = logDet0;
        for (int k = 0; k < d; k++) {
            ld += Math.log1p(t * lambda[k]);
        }
        return ld;
    }

    @Override
    public void evaluate(double t, double[] points, int from, int to, double[] logDensity, double[] velocity) {
        checkTime(t);
        if (points == null) {
            throw new IllegalArgumentException("points array is null");
        }
        if (from < 0 || from > to || (long) to * d > points.length) {
            throw new IllegalArgumentException("point range [" + from + ", " + to + ") does not fit a points array of length "
                    + points.length + " in dimension " + d);
        }
        if (logDensity != null && logDensity.length < to) {
            throw new IllegalArgumentException("log-density output has length " + logDensity.length + ", needs " + to);
        }
        if (velocity != null && (long) velocity.length < (long) to * d) {
            throw new IllegalArgumentException("velocity output has length " + velocity.length + ", needs " + (long) to * d);
        }
        double[] m = mean(t);
        if (diagonal) {
            evaluateDiagonal(t, m, points, from, to, logDensity, velocity);
        } else {
            evaluateGeneral(t, m, points, from, to, logDensity, velocity);
        }
    }

    private void evaluateDiagonal(double t, double[] m, double[] points, int from, int to, double[] logDensity,
            double[] velocity) {
        double[] s = variancesAt(t);
        double[] inv = new double[d];
        double[] slope = new double[d];
        double ld = 0;
        for (int k = 0; k < d; k++) {
            inv[k] = 1 / s[k];
            slope[k] = 0.5 * dv[k] * inv[k];
            ld += Math.log(s[k]);
        }
        double constant = -0.5 * (d * LOG_2PI + ld);
        for (int p = from; p < to; p++) {
            int off = p * d;
            double q = 0;
            for (int k = 0; k < d; k++) {
                double r = points[off + k] - m[k];
                q += r * r * inv[k];
                if (velocity != null) {
                    velocity[off + k] = dmu[k] + slope[k] * r;
                }
            }
            if (logDensity != null) {
                logDensity[p] = constant - 0.5 * q;
            }
        }
    }

    /**
     * The general route for the points [from, to), all at once: the m x d block R of the points
     * minus m(t) (point-major), then Y = R W (row q: y_k = w_k . r_q), the Mahalanobis sum and
     * log-density from Y, Z = Y diag(h) and V = Z (L Q)^T written straight into the caller's
     * velocity array; both passes are matrix products through core-linalg's
     * {@link Dense#multiplyInto(double[], int, double[], double[], int, int, int, int)} (BLAS dgemm on
     * the native route, its blocked Java product otherwise).
     */
    private void evaluateGeneral(double t, double[] m, double[] points, int from, int to, double[] logDensity,
            double[] velocity) {
        double[] c = inverseScales(t);
        double[] h = new double[d];
        double ld = logDet0;
        for (int k = 0; k < d; k++) {
            h[k] = 0.5 * lambda[k] * c[k];
            ld += Math.log1p(t * lambda[k]);
        }
        double constant = -0.5 * (d * LOG_2PI + ld);
        int n = to - from;
        if (n == 0) {
            return;
        }
        if (d == 2) {
            evaluateTwo(m, c, h, constant, points, from, to, logDensity, velocity);
            return;
        }
        double[] r = new double[n * d];
        int base = from * d;
        for (int q = 0; q < n; q++) {
            int o = q * d;
            for (int i = 0; i < d; i++) {
                r[o + i] = points[base + o + i] - m[i];
            }
        }
        double[] y = new double[n * d];
        Dense.multiplyInto(r, 0, w, y, 0, n, d, d);                 // row q: y_k = w_k . r_q
        if (logDensity != null) {
            for (int q = 0; q < n; q++) {
                int o = q * d;
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double v = y[o + k];
                    s += c[k] * v * v;
                }
                logDensity[from + q] = constant - 0.5 * s;
            }
        }
        if (velocity != null) {
            for (int q = 0; q < n; q++) {
                int o = q * d;
                for (int k = 0; k < d; k++) {
                    y[o + k] *= h[k];                                 // Z = Y diag(h), in place
                }
            }
            Dense.multiplyInto(y, 0, lqT, velocity, base, n, d, d);  // row q: (L Q) z_q
            for (int q = 0; q < n; q++) {
                int o = base + q * d;
                for (int i = 0; i < d; i++) {
                    velocity[o + i] += dmu[i];
                }
            }
        }
    }

    /**
     * d = 2: the general route written out per point (y = W^T r, v = dmu + (L Q) diag(h) y: eight
     * multiply-adds), with no gather, scatter or scratch, which cost more than the arithmetic at d = 2.
     */
    private void evaluateTwo(double[] m, double[] c, double[] h, double constant, double[] points, int from, int to,
            double[] logDensity, double[] velocity) {
        double w00 = wt[0];
        double w01 = wt[1];
        double w10 = wt[2];
        double w11 = wt[3];
        double l00 = lq[0] * h[0];
        double l01 = lq[1] * h[1];
        double l10 = lq[2] * h[0];
        double l11 = lq[3] * h[1];
        double c0 = c[0];
        double c1 = c[1];
        double m0 = m[0];
        double m1 = m[1];
        double v0 = dmu[0];
        double v1 = dmu[1];
        for (int p = from; p < to; p++) {
            double r0 = points[2 * p] - m0;
            double r1 = points[2 * p + 1] - m1;
            double y0 = w00 * r0 + w01 * r1;
            double y1 = w10 * r0 + w11 * r1;
            if (logDensity != null) {
                logDensity[p] = constant - 0.5 * (c0 * y0 * y0 + c1 * y1 * y1);
            }
            if (velocity != null) {
                velocity[2 * p] = v0 + (l00 * y0 + l01 * y1);
                velocity[2 * p + 1] = v1 + (l10 * y0 + l11 * y1);
            }
        }
    }

    @Override
    public double kineticAction() {
        return kineticAction;
    }

    @Override
    public String toString() {
        return "LinearPath[d=" + d + ", " + (diagonal ? "diagonal" : "general") + ", C=" + kineticAction + "]";
    }
}
