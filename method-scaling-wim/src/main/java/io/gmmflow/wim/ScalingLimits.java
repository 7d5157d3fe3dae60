package io.gmmflow.wim;

import io.gmmflow.linalg.ErrorFunctions;

/**
 * The scaling limits of the Fisher and Wasserstein information matrices of a 1-D GMM as sigma -> 0
 * (seed 004, Theorems 2-7), with the next terms that say how fast the limits are approached.
 * Every formula here was derived again and checked against {@link InformationMatrixQuadrature};
 * where the seed's printed constant differs, the form that held numerically is the one implemented
 * (see THEOREMS.md of this module).
 *
 * <ul>
 *   <li>Theorem 2 (Fisher): G_F -> tridiagonal, (G_F)_ii = 1/p_i + 1/p_{i+1},
 *       (G_F)_{i,i+1} = -1/p_{i+1}. K = 1. The error is exponentially small, of order
 *       (sigma/d) exp(-d^2/(8 sigma^2)) ({@link #fisherNextTerm}).</li>
 *   <li>Theorem 3 (homogeneous, gap d): G_W / K -> diag(1/sqrt(p_i p_{i+1})),
 *       K(sigma) = sqrt(2 pi^3) sigma^3 / d exp(d^2 / (8 sigma^2)).</li>
 *   <li>Theorem 4 (sigma_i = s_i sigma, d_i / (s_i + s_{i+1}) = d for all i): G_W / K_in ->
 *       diag(g(s_{i+1}/s_i) (s_{i+1}/p_{i+1})^{s_{i+1}/S} (s_i/p_i)^{s_i/S} s_i), S = s_i + s_{i+1},
 *       K_in = sqrt(2 pi) sigma^3 / d exp(d^2 / (2 sigma^2)), g(k) = int_0^inf dy / (1 + y^{(k+1)/k})
 *       = (pi k/(k+1)) / sin(pi k/(k+1)). Here sigma = sigma_1 (s_1 = 1).</li>
 *   <li>Theorem 5 (second order, homogeneous): G_ii sqrt(p_i p_{i+1}) / K = 1 + c sigma^2/d^2 + O(sigma^4)
 *       with c = pi^2/2 + (1/2) log^2(p_i/p_{i+1}). The seed prints
 *       c = pi^2/2 + (4/pi) g'(1) log(p_i/p_{i+1}) + (2/pi) log^2(p_i/p_{i+1}); its linear term cannot be
 *       right (G_ii is symmetric under p_i <-> p_{i+1} by reflecting x) and numerics confirm 1/2.</li>
 *   <li>Theorem 6 (free means): theta-theta block ~ K diag(1/sqrt(p_i p_{i+1})), theta-mu block ->
 *       (mu_{i+1} - mu_i)/2 at (i, i) and (i, i+1), mu-mu block -> diag(p).</li>
 *   <li>Theorem 7: G_F = Sigma G_W^{mu mu} Sigma^T exactly, Sigma_{i,i} = -1/p_i,
 *       Sigma_{i,i+1} = 1/p_{i+1}.</li>
 * </ul>
 * All methods are static, O(N) or O(N^2), thread-safe.
 */
public final class ScalingLimits {

    private static final double LOG_SQRT_2PI = 0.91893853320467274178;
    /** Relative tolerance for "all sigmas and gaps equal" and for the matching condition (33). */
    public static final double MATCH_TOLERANCE = 1e-9;

    private ScalingLimits() {
    }

    /** Which scaling theorem applies to a model. */
    public enum Kind {
        /** Assumption 1 holds: Theorem 3 with its K(sigma). */
        HOMOGENEOUS,
        /** The matching condition (33) holds: Theorem 4 with K_in(sigma). */
        MATCHED,
        /**
         * Neither: the diagonal entries grow at different exponential rates; K is that of the fastest,
         * and the limit keeps only those entries (the others tend to 0).
         */
        UNMATCHED
    }

    /**
     * The scaling of a model's Wasserstein information matrix.
     *
     * @param kind                  which theorem applies
     * @param logScale              log K(sigma)
     * @param limit                 the limit matrix of G_W / K (diagonal)
     * @param logDiagonalAsymptote  the leading asymptote of log (G_W)_ii for every i, valid for any model
     */
    public record WassersteinScaling(Kind kind, double logScale, double[][] limit, double[] logDiagonalAsymptote) {
    }

    /** g(k) = int_0^inf dy / (1 + y^{(k+1)/k}) = (pi k/(k+1)) / sin(pi k/(k+1)) (Proposition 2); g(1) = pi/2. */
    public static double g(double k) {
        if (!(k > 0) || !Double.isFinite(k)) {
            throw new IllegalArgumentException("g(k) needs a finite k > 0, got " + k);
        }
        double u = Math.PI * k / (k + 1.0);
        return u / Math.sin(u);
    }

    /** g'(k); g'(1) = pi/4. */
    public static double gPrime(double k) {
        double u = Math.PI * k / (k + 1.0);
        double du = Math.PI / ((k + 1.0) * (k + 1.0));
        double s = Math.sin(u);
        return (s - u * Math.cos(u)) / (s * s) * du;
    }

    /** log K(sigma) of Theorem 3: log(sqrt(2 pi^3) sigma^3 / d) + d^2 / (8 sigma^2). */
    public static double logHomogeneousScale(double sigma, double d) {
        checkPositive("sigma", sigma);
        checkPositive("gap d", d);
        return 0.5 * Math.log(2.0 * Math.PI * Math.PI * Math.PI) + 3.0 * Math.log(sigma) - Math.log(d)
                + d * d / (8.0 * sigma * sigma);
    }

    /** log K_in(sigma) of Theorem 4: log(sqrt(2 pi) sigma^3 / d) + d^2 / (2 sigma^2). */
    public static double logInhomogeneousScale(double sigma, double d) {
        checkPositive("sigma", sigma);
        checkPositive("d", d);
        return LOG_SQRT_2PI + 3.0 * Math.log(sigma) - Math.log(d) + d * d / (2.0 * sigma * sigma);
    }

    private static void checkPositive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + v);
        }
    }

    /** Theorem 2: the limit of G_F, tridiagonal (N-1) x (N-1). */
    public static double[][] fisherLimit(double[] p) {
        int m = p.length - 1;
        double[][] g = new double[m][m];
        for (int i = 0; i < m; i++) {
            g[i][i] = 1.0 / p[i] + 1.0 / p[i + 1];
            if (i + 1 < m) {
                g[i][i + 1] = -1.0 / p[i + 1];
                g[i + 1][i] = -1.0 / p[i + 1];
            }
        }
        return g;
    }

    /** Theorem 3: the limit diag(1/sqrt(p_i p_{i+1})) of G_W / K. */
    public static double[][] homogeneousWassersteinLimit(double[] p) {
        int m = p.length - 1;
        double[][] g = new double[m][m];
        for (int i = 0; i < m; i++) {
            g[i][i] = 1.0 / Math.sqrt(p[i] * p[i + 1]);
        }
        return g;
    }

    /**
     * Theorem 4's coefficient for entry i: g(k) (s_{i+1}/p_{i+1})^{s_{i+1}/S} (s_i/p_i)^{s_i/S} s_i,
     * k = s_{i+1}/s_i, S = s_i + s_{i+1}.
     */
    public static double inhomogeneousCoefficient(double si, double sj, double pi, double pj) {
        double s = si + sj;
        return g(sj / si) * Math.pow(sj / pj, sj / s) * Math.pow(si / pi, si / s) * si;
    }

    /**
     * Theorem 5 as it held numerically: c_i in G_ii sqrt(p_i p_{i+1})/K = 1 + c_i sigma^2/d^2 + O(sigma^4),
     * c_i = pi^2/2 + (1/2) log^2(p_i / p_{i+1}).
     */
    public static double secondOrderCoefficient(double pi, double pj) {
        double l = Math.log(pi / pj);
        return 0.5 * Math.PI * Math.PI + 0.5 * l * l;
    }

    /** Theorem 5 as printed in the seed: pi^2/2 + (4/pi) g'(1) log(p_i/p_{i+1}) + (2/pi) log^2(p_i/p_{i+1}). */
    public static double secondOrderCoefficientAsPrinted(double pi, double pj) {
        double l = Math.log(pi / pj);
        return 0.5 * Math.PI * Math.PI + 4.0 / Math.PI * gPrime(1.0) * l + 2.0 / Math.PI * l * l;
    }

    /**
     * The full asymptotic series of G_ii sqrt(p_i p_{i+1}) / K(sigma) for the homogeneous model, up to
     * sigma^{2 order}: sum_n eps^n / n! E[(Z + r)^{2n}], eps = 2 sigma^2/d^2, r = log(p_i/p_{i+1})/2,
     * Z with density 1/(pi cosh z) (moments (pi/2)^{2k} |E_{2k}|, Euler numbers). Derived by writing
     * 1/(p_i rho_i + p_{i+1} rho_{i+1}) around the crossing point; the remainder beyond the series is
     * exponentially small, of order exp(-d^2/(8 sigma^2)), so for sigma/d <= 0.05 and order >= 8 this is
     * the exact value to round-off (an independent check of the quadrature).
     */
    public static double homogeneousDiagonalSeries(double pi, double pj, double sigmaOverD, int order) {
        double eps = 2.0 * sigmaOverD * sigmaOverD;
        double r = 0.5 * Math.log(pi / pj);
        double[] euler = absEulerNumbers(order);
        double sum = 0.0;
        double epsPow = 1.0;
        double fact = 1.0;
        for (int n = 0; n <= order; n++) {
            if (n > 0) {
                epsPow *= eps;
                fact *= n;
            }
            // E[(Z + r)^{2n}] = sum_k C(2n, 2k) r^{2n-2k} (pi/2)^{2k} |E_{2k}|
            double moment = 0.0;
            double binom = 1.0; // C(2n, 2k)
            for (int k = 0; k <= n; k++) {
                if (k > 0) {
                    int a = 2 * k;
                    binom = binom * (2 * n - a + 2) * (2 * n - a + 1) / ((double) a * (a - 1));
                }
                moment += binom * Math.pow(r, 2 * n - 2 * k) * Math.pow(0.5 * Math.PI, 2 * k) * euler[k];
            }
            sum += epsPow / fact * moment;
        }
        return sum;
    }

    /** |E_0|, |E_2|, ..., |E_{2m}| from sum_k C(2n, 2k) E_{2k} = 0. */
    static double[] absEulerNumbers(int m) {
        double[] e = new double[m + 1];
        e[0] = 1.0;
        for (int n = 1; n <= m; n++) {
            double s = 0.0;
            double binom = 1.0;
            for (int k = 0; k < n; k++) {
                if (k > 0) {
                    int a = 2 * k;
                    binom = binom * (2 * n - a + 2) * (2 * n - a + 1) / ((double) a * (a - 1));
                }
                s += binom * ((k % 2 == 0) ? e[k] : -e[k]);
            }
            // signed E_{2n} = -s; |E_{2n}| = (-1)^n E_{2n}
            double signed = -s;
            e[n] = (n % 2 == 0) ? signed : -signed;
        }
        return e;
    }

    /**
     * The scaling K and limit of G_W / K for any model: Theorem 3 when it is homogeneous, Theorem 4 when
     * the matching condition holds, and otherwise K of the fastest-growing entries (the others -> 0).
     */
    public static WassersteinScaling wasserstein(Gmm1d model) {
        double[] mu = model.means();
        double[] s = model.sigmas();
        double[] p = model.weights();
        int m = mu.length - 1;
        double[] logAsym = new double[m];
        double[] tau = new double[m];
        double tauMax = 0.0;
        for (int i = 0; i < m; i++) {
            logAsym[i] = logDiagonalAsymptote(mu[i + 1] - mu[i], s[i], s[i + 1], p[i], p[i + 1]);
            tau[i] = (mu[i + 1] - mu[i]) / (s[i] + s[i + 1]);
            tauMax = Math.max(tauMax, tau[i]);
        }
        double[][] limit = new double[m][m];
        if (model.isHomogeneous(MATCH_TOLERANCE)) {
            double d = mu[1] - mu[0];
            return new WassersteinScaling(Kind.HOMOGENEOUS, logHomogeneousScale(s[0], d),
                    homogeneousWassersteinLimit(p), logAsym);
        }
        boolean matched = true;
        for (int i = 0; i < m; i++) {
            if (Math.abs(tau[i] - tauMax) > MATCH_TOLERANCE * tauMax) {
                matched = false;
            }
        }
        double sigma = s[0];
        double logK = logInhomogeneousScale(sigma, tauMax * sigma);
        for (int i = 0; i < m; i++) {
            if (Math.abs(tau[i] - tauMax) <= MATCH_TOLERANCE * tauMax) {
                limit[i][i] = inhomogeneousCoefficient(s[i] / sigma, s[i + 1] / sigma, p[i], p[i + 1]);
            }
        }
        return new WassersteinScaling(matched ? Kind.MATCHED : Kind.UNMATCHED, logK, limit, logAsym);
    }

    /**
     * Leading asymptote of log (G_W)_ii for components N(0, a^2), N(gap, b^2) with weights pa, pb:
     * log( sqrt(2 pi) a^2 (a+b)/gap exp(tau^2/2) g(b/a) (b pa/(a pb))^{b/(a+b)} / pa ), tau = gap/(a+b)
     * (Proposition 2 with the matching condition (11) solved to first order).
     */
    public static double logDiagonalAsymptote(double gap, double a, double b, double pa, double pb) {
        double tau = gap / (a + b);
        return LOG_SQRT_2PI + 2.0 * Math.log(a) + Math.log(a + b) - Math.log(gap) + 0.5 * tau * tau
                + Math.log(g(b / a)) + b / (a + b) * Math.log(b * pa / (a * pb)) - Math.log(pa);
    }

    /**
     * The second-order asymptote of log (G_W)_ii for any pair of adjacent components: with
     * f = log(pa rho_a), g = log(pb rho_b), h = (f+g)/2, k = (f-g)/2 expanded about the exact crossing c
     * (k(c) = 0), int dx / (e^f + e^g) = e^{-h(c)} (J0 - h2 J2 - k2 J2t) + O(sigma^4) relative, where
     * J0 = pi / (2 k1 cos(pi h1 / (2 k1))) and J2, J2t are its derivatives. Reduces to Theorem 5 (as it
     * held) for equal sigmas; its sigma^2 term is the next term of Theorem 4.
     *
     * @return log of the second-order asymptote, or NaN when the crossing is not between the means
     */
    public static double logDiagonalSecondOrder(double gap, double a, double b, double pa, double pb) {
        // f(x) = log pa - log a - LOG_SQRT_2PI - x^2/(2a^2); g(x) = log pb - log b - LOG_SQRT_2PI - (x-gap)^2/(2b^2)
        double fa = Math.log(pa) - Math.log(a) - LOG_SQRT_2PI;
        double fb = Math.log(pb) - Math.log(b) - LOG_SQRT_2PI;
        double c = crossing(gap, a, b, pa, pb);
        if (Double.isNaN(c)) {
            return Double.NaN;
        }
        double f0 = fa - c * c / (2 * a * a);
        double g0 = fb - (c - gap) * (c - gap) / (2 * b * b);
        double f1 = -c / (a * a);
        double g1 = (gap - c) / (b * b);
        double f2 = -1.0 / (2 * a * a);
        double g2 = -1.0 / (2 * b * b);
        double h0 = 0.5 * (f0 + g0);
        double h1 = 0.5 * (f1 + g1);
        double h2 = 0.5 * (f2 + g2);
        double k1 = 0.5 * (f1 - g1);
        double k2 = 0.5 * (f2 - g2);
        if (k1 < 0) { // u -> -u makes k1 > 0; h1 flips, second-order coefficients stay
            k1 = -k1;
            h1 = -h1;
        }
        double phi = Math.PI * h1 / (2 * k1);
        double sec = 1.0 / Math.cos(phi);
        double tan = Math.tan(phi);
        double j0 = Math.PI / (2 * k1) * sec;
        double q = Math.PI / (2 * k1);
        double j2 = q * q * q * sec * (tan * tan + sec * sec);
        double j2t = -(Math.PI * Math.PI / (2 * k1 * k1 * k1)) * sec * tan
                - (Math.PI * Math.PI / (4 * k1 * k1)) * (sec * tan * tan + sec * sec * sec) * (phi / k1);
        double value = j0 - h2 * j2 - k2 * j2t;
        return -h0 + Math.log(value);
    }

    /**
     * The crossing point in (0, gap) of pa N(0, a^2) and pb N(gap, b^2) (where the weighted densities
     * are equal), or NaN when there is none inside.
     */
    public static double crossing(double gap, double a, double b, double pa, double pb) {
        // log pa - log a - x^2/(2a^2) = log pb - log b - (x-gap)^2/(2b^2)
        double cst = Math.log(pa / a) - Math.log(pb / b);
        double qa = 1.0 / (2 * b * b) - 1.0 / (2 * a * a);
        double qb = -gap / (b * b);
        double qc = gap * gap / (2 * b * b) + cst;
        double root;
        if (Math.abs(qa) <= 1e-14 * (1.0 / (a * a) + 1.0 / (b * b))) {
            root = -qc / qb;
        } else {
            double disc = qb * qb - 4 * qa * qc;
            if (disc < 0) {
                return Double.NaN;
            }
            double sq = Math.sqrt(disc);
            // stable quadratic roots
            double t = -0.5 * (qb + Math.copySign(sq, qb));
            double r1 = t / qa;
            double r2 = qc / t;
            boolean in1 = r1 > 0 && r1 < gap;
            boolean in2 = r2 > 0 && r2 < gap;
            if (in1 && in2) {
                root = Math.abs(r1 - gap * a / (a + b)) < Math.abs(r2 - gap * a / (a + b)) ? r1 : r2;
            } else if (in1) {
                root = r1;
            } else if (in2) {
                root = r2;
            } else {
                return Double.NaN;
            }
        }
        return root > 0 && root < gap ? root : Double.NaN;
    }

    /**
     * The predicted next term of Theorem 2, G_F - lim G_F, to leading order: with
     * M_ab = int rho_a rho_b / rho, exactly M_aa = 1/p_a - sum_{b != a} (p_b/p_a) M_ab, and for adjacent
     * a, b = a+1, M_ab ~ rho_a(c) / p_b * pi / (s sin(pi beta / s)) (c the crossing, alpha, beta the
     * slopes of the two log densities there, s = alpha + beta); non-adjacent M_ab are smaller by
     * another factor exp(-d^2/(8 sigma^2)) and dropped. For equal sigmas
     * M_{a,a+1} ~ sqrt(pi/2) (sigma/d) exp(-d^2/(8 sigma^2)) / sqrt(p_a p_{a+1}).
     */
    public static double[][] fisherNextTerm(Gmm1d model) {
        double[] mu = model.means();
        double[] s = model.sigmas();
        double[] p = model.weights();
        int n = mu.length;
        double[][] mm = new double[n][n];
        for (int a = 0; a + 1 < n; a++) {
            double gap = mu[a + 1] - mu[a];
            double c = crossing(gap, s[a], s[a + 1], p[a], p[a + 1]);
            if (Double.isNaN(c)) {
                continue;
            }
            double alpha = c / (s[a] * s[a]);
            double beta = (gap - c) / (s[a + 1] * s[a + 1]);
            double sum = alpha + beta;
            double logRhoA = -Math.log(s[a]) + ErrorFunctions.logNormalDensity(c / s[a]);
            double v = Math.exp(logRhoA) / p[a + 1] * Math.PI / (sum * Math.sin(Math.PI * beta / sum));
            mm[a][a + 1] = v;
            mm[a + 1][a] = v;
        }
        return fisherFromOffDiagonal(mm, p, true);
    }

    /**
     * G_F from the off-diagonal M_ab = int rho_a rho_b / rho and the identity
     * M_aa = 1/p_a - sum_{b != a} (p_b/p_a) M_ab; with {@code deviationOnly} the 1/p terms (the
     * Theorem 2 limit) are left out, so the result is G_F - lim G_F without cancellation.
     */
    static double[][] fisherFromOffDiagonal(double[][] mOff, double[] p, boolean deviationOnly) {
        int n = p.length;
        double[] diag = new double[n];
        for (int a = 0; a < n; a++) {
            double corr = 0.0;
            for (int b = 0; b < n; b++) {
                if (b != a) {
                    corr += p[b] / p[a] * mOff[a][b];
                }
            }
            diag[a] = (deviationOnly ? 0.0 : 1.0 / p[a]) - corr;
        }
        int m = n - 1;
        double[][] g = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                g[i][j] = mval(mOff, diag, i + 1, j + 1) - mval(mOff, diag, i + 1, j) - mval(mOff, diag, i, j + 1)
                        + mval(mOff, diag, i, j);
            }
        }
        return g;
    }

    private static double mval(double[][] mOff, double[] diag, int a, int b) {
        return a == b ? diag[a] : mOff[a][b];
    }

    /** Theorem 6: the theta-mu block limit, (N-1) x N, (mu_{i+1} - mu_i)/2 at (i, i) and (i, i+1). */
    public static double[][] extendedThetaMuLimit(double[] means) {
        int n = means.length;
        double[][] b = new double[n - 1][n];
        for (int i = 0; i < n - 1; i++) {
            b[i][i] = 0.5 * (means[i + 1] - means[i]);
            b[i][i + 1] = 0.5 * (means[i + 1] - means[i]);
        }
        return b;
    }

    /**
     * Theorem 6's theta-mu block to the next order: (c_i - mu_i) at (i, i) and (mu_{i+1} - c_i) at (i, i+1),
     * c_i the crossing of p_i rho_i and p_{i+1} rho_{i+1} (equal sigmas: mu_i + d/2 + sigma^2/d log(p_i/p_{i+1})).
     */
    public static double[][] extendedThetaMuSecondOrder(Gmm1d model) {
        double[] mu = model.means();
        double[] s = model.sigmas();
        double[] p = model.weights();
        int n = mu.length;
        double[][] b = new double[n - 1][n];
        for (int i = 0; i < n - 1; i++) {
            double gap = mu[i + 1] - mu[i];
            double c = crossing(gap, s[i], s[i + 1], p[i], p[i + 1]);
            if (Double.isNaN(c)) {
                c = 0.5 * gap;
            }
            b[i][i] = c;
            b[i][i + 1] = gap - c;
        }
        return b;
    }

    /** Theorem 6: the mu-mu block limit diag(p). */
    public static double[][] extendedMuMuLimit(double[] p) {
        int n = p.length;
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = p[i];
        }
        return m;
    }

    /** Theorem 7's Sigma, (N-1) x N: -1/p_i at (i, i), 1/p_{i+1} at (i, i+1). */
    public static double[][] theorem7Sigma(double[] p) {
        int n = p.length;
        double[][] s = new double[n - 1][n];
        for (int i = 0; i < n - 1; i++) {
            s[i][i] = -1.0 / p[i];
            s[i][i + 1] = 1.0 / p[i + 1];
        }
        return s;
    }

    /** Sigma G Sigma^T for Theorem 7. */
    public static double[][] sandwich(double[][] sigma, double[][] g) {
        int m = sigma.length;
        int n = g.length;
        double[][] tmp = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < n; k++) {
                double v = 0;
                for (int j = 0; j < n; j++) {
                    v += sigma[i][j] * g[j][k];
                }
                tmp[i][k] = v;
            }
        }
        double[][] out = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int l = 0; l < m; l++) {
                double v = 0;
                for (int k = 0; k < n; k++) {
                    v += tmp[i][k] * sigma[l][k];
                }
                out[i][l] = v;
            }
        }
        return out;
    }
}
