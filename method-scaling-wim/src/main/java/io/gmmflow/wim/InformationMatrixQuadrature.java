package io.gmmflow.wim;

import io.gmmflow.linalg.ErrorFunctions;
import java.util.Arrays;

/**
 * Fisher and Wasserstein information matrices of a 1-D GMM in theta coordinates by quadrature
 * (seed 004 eq. 2 and 3), accurate as sigma -> 0, together with the blocks of the extended model with
 * free means (Theorem 6).
 *
 * <p>Integrands, all evaluated in the log domain at each node x:
 * <ul>
 *   <li>(G_W)_ij = int (F_i - F_{i+1})(F_j - F_{j+1}) / rho dx (eq. 3), which grows like
 *       exp(d^2/(8 sigma^2));</li>
 *   <li>M_ab = int rho_a rho_b / rho dx, from which G_F is assembled through the exact identity
 *       M_aa = 1/p_a - sum_{b != a} (p_b / p_a) M_ab, so that the exponentially small deviation from
 *       the Theorem 2 limit is computed without cancellation; G_W^{mu mu}_ab = p_a p_b M_ab;</li>
 *   <li>(G_F)_ij directly from eq. 2, int (rho_{i+1} - rho_i)(rho_{j+1} - rho_j) / rho, kept as an
 *       independent check (Theorem 7 relates the two);</li>
 *   <li>G_W^{theta mu}_ij = int p_j rho_j (F_i - F_{i+1}) / rho dx (the Wasserstein inner product of
 *       d/d theta_i and d/d mu_j, Theorem 6).</li>
 * </ul>
 * log rho is a log-sum-exp; F_i - F_{i+1} uses the lower tails left of mu_i, the upper tails right of
 * mu_{i+1} and 1 - Q_i - F_{i+1} between them, each tail from {@link ErrorFunctions#logNormalCdf}, so
 * nothing cancels and nothing underflows. Breakpoints: the means, the crossing points of adjacent
 * weighted densities and the minimum of rho between adjacent means (where the eq. 3 integrand peaks,
 * with width ~ 2 sigma^2/d), geometric ladders of breakpoints (widths times 4^j) around each mean and
 * each crossing, so that no feature hides between the nodes of an interval much wider than itself
 * (without them a 21-point rule on [mu_i, c_i] sees nothing of a peak 1e-5 wide and reports a zero
 * error), and mu_1 - 40 sigma_max, mu_N + 40 sigma_max, beyond which every integrand
 * is below exp(-800) of its bulk (its log is a concave-down quadratic with curvature >= 1/sigma_max^2).
 *
 * <p>Cost: about (2N + 4) x 21 x (a few) nodes, each O(N^2) (N normal tails and one exp per matrix
 * entry): about 1 ms for N = 3. Stateless and thread-safe.
 */
public final class InformationMatrixQuadrature {

    /** Default relative tolerance per matrix entry. */
    public static final double DEFAULT_RTOL = 1e-12;
    /** Default cap on Gauss-Kronrod intervals. */
    public static final int DEFAULT_MAX_INTERVALS = 4000;
    /** Tail cut-off in units of the largest sigma beyond the extreme means. */
    static final double TAIL_SIGMAS = 40.0;

    /** The rule used. */
    public enum Rule {
        /** Adaptive 21-point Gauss-Kronrod (the default). */
        GAUSS_KRONROD,
        /** Tanh-sinh on the same breakpoints (the independent check). */
        TANH_SINH
    }

    private InformationMatrixQuadrature() {
    }

    /** All matrices of {@code model} with the default rule and tolerance. */
    public static InformationMatrices compute(Gmm1d model) {
        return compute(model, Rule.GAUSS_KRONROD, DEFAULT_RTOL);
    }

    /**
     * All matrices of {@code model}.
     *
     * @param model the mixture (validated on construction)
     * @param rule  the quadrature rule
     * @param rtol  relative tolerance per entry, in [1e-14, 1e-3]
     * @throws IllegalArgumentException for a null model or a tolerance out of range
     */
    public static InformationMatrices compute(Gmm1d model, Rule rule, double rtol) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        if (!(rtol >= 1e-14 && rtol <= 1e-3)) {
            throw new IllegalArgumentException("relative tolerance must be in [1e-14, 1e-3], got " + rtol);
        }
        Integrand f = new Integrand(model);
        double[] bp = breakpoints(model);
        LogQuadrature.Result r = rule == Rule.TANH_SINH
                ? LogQuadrature.tanhSinh(f, bp, rtol, 12)
                : LogQuadrature.gaussKronrod(f, bp, rtol, DEFAULT_MAX_INTERVALS);
        return f.assemble(model, r);
    }

    /**
     * The breakpoints: tails, means, crossings of adjacent weighted densities and minima of rho
     * between adjacent means.
     */
    static double[] breakpoints(Gmm1d model) {
        double[] mu = model.means();
        double[] s = model.sigmas();
        double[] p = model.weights();
        int n = mu.length;
        double sMax = Arrays.stream(s).max().orElseThrow();
        double left = mu[0] - TAIL_SIGMAS * sMax;
        double right = mu[n - 1] + TAIL_SIGMAS * sMax;
        java.util.List<Double> pts = new java.util.ArrayList<>();
        pts.add(left);
        pts.add(right);
        for (int i = 0; i < n; i++) {
            pts.add(mu[i]);
            // the CDF steps have width sigma_i: a geometric ladder of breakpoints keeps every feature
            // inside an interval only a few times wider than itself
            double lo = i == 0 ? left : mu[i - 1];
            double hi = i == n - 1 ? right : mu[i + 1];
            ladder(pts, mu[i], s[i], lo, hi);
            if (i + 1 < n) {
                double gap = mu[i + 1] - mu[i];
                double c = ScalingLimits.crossing(gap, s[i], s[i + 1], p[i], p[i + 1]);
                if (!Double.isNaN(c)) {
                    // the eq. 3 integrand peaks here like 1/cosh(slope (x - c)/2)
                    double slope = c / (s[i] * s[i]) + (gap - c) / (s[i + 1] * s[i + 1]);
                    pts.add(mu[i] + c);
                    ladder(pts, mu[i] + c, 2.0 / slope, mu[i], mu[i + 1]);
                }
                double m = argminLogDensity(model, mu[i], mu[i + 1]);
                if (!Double.isNaN(m)) {
                    pts.add(m);
                }
            }
        }
        double[] sorted = pts.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int k = sorted.length;
        double scale = Math.max(Math.abs(sorted[0]), Math.abs(sorted[k - 1]));
        double[] out = new double[k];
        int m = 0;
        for (double x : sorted) {
            if (m == 0 || x - out[m - 1] > 1e-13 * scale) {
                out[m++] = x;
            }
        }
        return Arrays.copyOf(out, m);
    }

    /** Adds centre +- width * 4^j, j = 0, 1, ..., while strictly inside (lo, hi). */
    private static void ladder(java.util.List<Double> pts, double centre, double width, double lo, double hi) {
        for (double w = width; w < hi - lo; w *= 4.0) {
            if (centre - w > lo) {
                pts.add(centre - w);
            }
            if (centre + w < hi) {
                pts.add(centre + w);
            }
        }
    }

    /** The interior minimum of log rho on (a, b) by a 64-cell scan and golden-section refinement, or NaN. */
    static double argminLogDensity(Gmm1d model, double a, double b) {
        int cells = 64;
        int best = 0;
        double bestV = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= cells; i++) {
            double v = model.logDensity(a + (b - a) * i / cells);
            if (v < bestV) {
                bestV = v;
                best = i;
            }
        }
        if (best == 0 || best == cells) {
            return Double.NaN;
        }
        double lo = a + (b - a) * (best - 1) / cells;
        double hi = a + (b - a) * (best + 1) / cells;
        double gr = 0.5 * (Math.sqrt(5.0) - 1.0);
        double x1 = hi - gr * (hi - lo);
        double x2 = lo + gr * (hi - lo);
        double f1 = model.logDensity(x1);
        double f2 = model.logDensity(x2);
        for (int it = 0; it < 200 && hi - lo > 1e-15 * Math.max(1.0, Math.abs(lo)); it++) {
            if (f1 < f2) {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - gr * (hi - lo);
                f1 = model.logDensity(x1);
            } else {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + gr * (hi - lo);
                f2 = model.logDensity(x2);
            }
        }
        return 0.5 * (lo + hi);
    }

    /** log(1 - e^t) for t <= 0 (Maechler's split). */
    static double log1mexp(double t) {
        return t > -0.6931471805599453 ? Math.log(-Math.expm1(t)) : Math.log1p(-Math.exp(t));
    }

    /** The vector integrand; holds scratch arrays, so one instance per computation. */
    private static final class Integrand implements LogQuadrature.LogIntegrand {
        final int n;
        final int m;
        final double[] mu;
        final double[] sig;
        final double[] logP;
        final double[] logSig;
        // offsets of the blocks inside the component vector
        final int offW;
        final int offM;
        final int offB;
        final int offF;
        final int size;
        // scratch
        final double[] lphi;
        final double[] lw;
        final double[] logL;
        final double[] logU;
        final double[] logD;
        final double[] sD;
        final double[] logE;
        final double[] sE;

        Integrand(Gmm1d model) {
            mu = model.means();
            sig = model.sigmas();
            double[] p = model.weights();
            n = mu.length;
            m = n - 1;
            logP = new double[n];
            logSig = new double[n];
            for (int i = 0; i < n; i++) {
                logP[i] = Math.log(p[i]);
                logSig[i] = Math.log(sig[i]);
            }
            int upperM = m * (m + 1) / 2;
            offW = 0;
            offM = upperM;
            offB = offM + n * (n + 1) / 2;
            offF = offB + m * n;
            size = offF + upperM;
            lphi = new double[n];
            lw = new double[n];
            logL = new double[n];
            logU = new double[n];
            logD = new double[m];
            sD = new double[m];
            logE = new double[m];
            sE = new double[m];
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public void evaluate(double x, double[] la, double[] sg) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                double z = (x - mu[k]) / sig[k];
                lphi[k] = ErrorFunctions.logNormalDensity(z) - logSig[k];
                lw[k] = logP[k] + lphi[k];
                if (lw[k] > max) {
                    max = lw[k];
                }
                if (z <= 0) {
                    logL[k] = ErrorFunctions.logNormalCdf(z);
                    logU[k] = log1mexp(logL[k]);
                } else {
                    logU[k] = ErrorFunctions.logNormalCdf(-z);
                    logL[k] = log1mexp(logU[k]);
                }
            }
            double s = 0.0;
            for (int k = 0; k < n; k++) {
                s += Math.exp(lw[k] - max);
            }
            double logRho = max + Math.log(s);
            for (int i = 0; i < m; i++) {
                // D_i = F_i - F_{i+1}
                if (x <= mu[i]) {
                    logDiff(logL[i], logL[i + 1], logD, sD, i);
                } else if (x >= mu[i + 1]) {
                    logDiff(logU[i + 1], logU[i], logD, sD, i);
                } else {
                    double v = Math.exp(logU[i]) + Math.exp(logL[i + 1]);
                    if (v < 1.0) {
                        logD[i] = Math.log1p(-v);
                        sD[i] = 1.0;
                    } else {
                        logD[i] = Double.NEGATIVE_INFINITY;
                        sD[i] = 0.0;
                    }
                }
                // E_i = rho_{i+1} - rho_i
                logDiff(lphi[i + 1], lphi[i], logE, sE, i);
            }
            int c = offW;
            for (int i = 0; i < m; i++) {
                for (int j = i; j < m; j++) {
                    la[c] = logD[i] + logD[j] - logRho;
                    sg[c++] = sD[i] * sD[j];
                }
            }
            c = offM;
            for (int a = 0; a < n; a++) {
                for (int b = a; b < n; b++) {
                    la[c] = lphi[a] + lphi[b] - logRho;
                    sg[c++] = 1.0;
                }
            }
            c = offB;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    la[c] = lw[j] + logD[i] - logRho;
                    sg[c++] = sD[i];
                }
            }
            c = offF;
            for (int i = 0; i < m; i++) {
                for (int j = i; j < m; j++) {
                    la[c] = logE[i] + logE[j] - logRho;
                    sg[c++] = sE[i] * sE[j];
                }
            }
            for (int k = 0; k < size; k++) {
                if (Double.isNaN(la[k])) { // -inf + inf cannot occur; guard anyway: a NaN would poison the sum
                    la[k] = Double.NEGATIVE_INFINITY;
                    sg[k] = 0.0;
                }
            }
        }

        private static void logDiff(double a, double b, double[] out, double[] sign, int i) {
            if (a > b) {
                out[i] = a + log1mexp(b - a);
                sign[i] = 1.0;
            } else if (a < b) {
                out[i] = b + log1mexp(a - b);
                sign[i] = -1.0;
            } else {
                out[i] = Double.NEGATIVE_INFINITY;
                sign[i] = 0.0;
            }
        }

        InformationMatrices assemble(Gmm1d model, LogQuadrature.Result r) {
            double[] p = model.weights();
            double[][] logW = new double[m][m];
            double[][] signW = new double[m][m];
            double[][] errW = new double[m][m];
            int c = offW;
            for (int i = 0; i < m; i++) {
                for (int j = i; j < m; j++) {
                    logW[i][j] = logW[j][i] = r.logAbs()[c];
                    signW[i][j] = signW[j][i] = r.sign()[c];
                    errW[i][j] = errW[j][i] = r.relativeError()[c];
                    c++;
                }
            }
            double[][] mm = new double[n][n];
            c = offM;
            for (int a = 0; a < n; a++) {
                for (int b = a; b < n; b++) {
                    mm[a][b] = mm[b][a] = r.value(c++);
                }
            }
            double[][] mOff = new double[n][n];
            double[][] muMu = new double[n][n];
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (a != b) {
                        mOff[a][b] = mm[a][b];
                    }
                    muMu[a][b] = p[a] * p[b] * mm[a][b];
                }
            }
            double[][] fisher = ScalingLimits.fisherFromOffDiagonal(mOff, p, false);
            double[][] fisherDeviation = ScalingLimits.fisherFromOffDiagonal(mOff, p, true);
            double[][] thetaMu = new double[m][n];
            c = offB;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    thetaMu[i][j] = r.value(c++);
                }
            }
            double[][] fisherDirect = new double[m][m];
            c = offF;
            for (int i = 0; i < m; i++) {
                for (int j = i; j < m; j++) {
                    fisherDirect[i][j] = fisherDirect[j][i] = r.value(c++);
                }
            }
            double maxErr = 0.0;
            for (int k = 0; k < size; k++) {
                if (r.sign()[k] != 0) {
                    maxErr = Math.max(maxErr, r.relativeError()[k]);
                }
            }
            return new InformationMatrices(model, ScalingLimits.wasserstein(model), logW, signW, errW, fisher,
                    fisherDeviation, fisherDirect, mm, muMu, thetaMu, r.converged(), maxErr, r.evaluations());
        }
    }
}
