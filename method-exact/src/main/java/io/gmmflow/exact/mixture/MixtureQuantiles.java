package io.gmmflow.exact.mixture;

import io.gmmflow.linalg.ErrorFunctions;

import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.SolverStatus;
import java.util.List;

/**
 * The CDF and quantile function of a one-dimensional Gaussian mixture, and the 2-Wasserstein
 * distance between two of them: in 1-D, W2^2(mu0, mu1) = int_0^1 |Q0(u) - Q1(u)|^2 du with Q the
 * quantile functions (seed 002 Fig. 1 compares it with the mixture metric d; DESIGN.md section 4).
 *
 * <p><b>Quantiles.</b> F(x) = sum_k w_k Phi((x - m_k) / s_k) is inverted by a safeguarded Newton
 * iteration inside a bracket that is always valid: for u = Phi(z), F(min_k(m_k + s_k z)) <= u <=
 * F(max_k(m_k + s_k z)), because F is a convex combination of the component CDFs. In the upper
 * half the survival function 1 - F = sum_k w_k Phi(-(x - m_k) / s_k) is inverted instead, so both
 * tails keep relative accuracy (no 1 - F cancellation). About 5-10 iterations of O(K) work.
 *
 * <p><b>W2.</b> The substitution u = Phi(z) turns the integral into
 * int |Q0(Phi(z)) - Q1(Phi(z))|^2 phi(z) dz over the real line, whose integrand is smooth with a
 * Gaussian tail (Q_k(Phi(z)) grows at most linearly in z), integrated over |z| <= 12 (the rest
 * weighs less than phi(12) ~ 1e-32 relative) by adaptive Gauss-Kronrod to 1e-12 relative. Where a
 * quantile function climbs steeply between separated components the adaptive rule refines. Two
 * single Gaussians give Q_k(Phi(z)) = m_k + s_k z exactly, hence the closed form.
 *
 * <p>Components must have positive variance (a point mass makes F jump). Immutable and thread-safe.
 */
public final class MixtureQuantiles {

    /** Integration range in normal scores z (u = Phi(z)). */
    static final double Z_MAX = 12;

    private final double[] w;
    private final double[] m;
    private final double[] s;

    /**
     * Prepares a one-dimensional mixture.
     *
     * @throws IllegalArgumentException if the mixture is not one-dimensional or a component of
     *     positive weight has zero variance
     */
    public MixtureQuantiles(GaussianMixture mixture) {
        if (mixture == null) {
            throw new IllegalArgumentException("mixture is null");
        }
        if (mixture.dimension() != 1) {
            throw new IllegalArgumentException("quantile functions need a one-dimensional mixture; this one has dimension "
                    + mixture.dimension());
        }
        int count = 0;
        for (int i = 0; i < mixture.size(); i++) {
            if (mixture.weight(i) > 0) {
                count++;
            }
        }
        w = new double[count];
        m = new double[count];
        s = new double[count];
        int k = 0;
        for (int i = 0; i < mixture.size(); i++) {
            if (mixture.weight(i) > 0) {
                double var = mixture.component(i).covariance(0, 0);
                if (!(var > 0)) {
                    throw new IllegalArgumentException("component " + i + " has variance " + var
                            + "; quantile inversion needs positive variances");
                }
                w[k] = mixture.weight(i);
                m[k] = mixture.component(i).mean(0);
                s[k] = Math.sqrt(var);
                k++;
            }
        }
    }

    /** F(x) = P(X <= x). */
    public double cdf(double x) {
        double f = 0;
        for (int k = 0; k < w.length; k++) {
            f += w[k] * ErrorFunctions.normalCdf((x - m[k]) / s[k]);
        }
        return f;
    }

    /** 1 - F(x) = P(X > x), accurate in the upper tail. */
    public double survival(double x) {
        double f = 0;
        for (int k = 0; k < w.length; k++) {
            f += w[k] * ErrorFunctions.normalCdf(-(x - m[k]) / s[k]);
        }
        return f;
    }

    /** The density f(x). */
    public double density(double x) {
        double f = 0;
        for (int k = 0; k < w.length; k++) {
            f += w[k] * normalDensity((x - m[k]) / s[k]) / s[k];
        }
        return f;
    }

    /**
     * Q(Phi(z)): the x with F(x) = Phi(z), for a normal score z (any finite z).
     *
     * @throws IllegalArgumentException if z is not finite
     */
    public double quantileAtScore(double z) {
        if (!Double.isFinite(z)) {
            throw new IllegalArgumentException("normal score z must be finite, got " + z);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double guess = 0;
        for (int k = 0; k < w.length; k++) {
            double x = m[k] + s[k] * z;
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
            guess += w[k] * x;
        }
        if (lo == hi) {
            return lo;
        }
        boolean lower = z <= 0;
        double target = lower ? ErrorFunctions.normalCdf(z) : ErrorFunctions.normalCdf(-z);
        return solve(target, lower, lo, hi, Math.min(Math.max(guess, lo), hi));
    }

    /**
     * Q(u) = inf {x : F(x) >= u} for u in (0, 1).
     *
     * @throws IllegalArgumentException if u is not in (0, 1)
     */
    public double quantile(double u) {
        if (!(u > 0 && u < 1)) {
            throw new IllegalArgumentException("probability u must be in (0, 1), got " + u);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < w.length; k++) {
            // Phi(+-38.5) is 1 or 0 to within the smallest double, so these bracket every u in (0, 1).
            lo = Math.min(lo, m[k] - 38.5 * s[k]);
            hi = Math.max(hi, m[k] + 38.5 * s[k]);
        }
        boolean lower = u <= 0.5;
        double target = lower ? u : 1 - u;   // exact for u >= 0.5 (Sterbenz)
        return solve(target, lower, lo, hi, 0.5 * (lo + hi));
    }

    /** Solves h(x) = 0 with h = F - target (lower) or target - S (upper), increasing, h(lo) <= 0 <= h(hi). */
    private double solve(double target, boolean lower, double lo, double hi, double x) {
        for (int iter = 0; iter < 200; iter++) {
            double h = lower ? cdf(x) - target : target - survival(x);
            if (h == 0) {
                return x;
            }
            if (h < 0) {
                lo = x;
            } else {
                hi = x;
            }
            double slope = density(x);
            double next = x - h / slope;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);    // Newton left the bracket (or the density underflowed): bisect
            }
            if (Math.abs(next - x) <= 2 * Math.ulp(x) || hi - lo <= 2 * Math.ulp(Math.max(Math.abs(lo), Math.abs(hi)))) {
                return next;
            }
            x = next;
        }
        return x;
    }

    /** The result of {@link #w2Squared(GaussianMixture, GaussianMixture)} with its quadrature diagnostics. */
    public record W2Result(double w2Squared, double errorEstimate, int intervals, SolverStatus status) {

        /** W2 itself. */
        public double w2() {
            return Math.sqrt(w2Squared);
        }
    }

    /**
     * W2^2 between two one-dimensional mixtures by their quantile functions (see the class header).
     *
     * @throws IllegalArgumentException if a mixture is not one-dimensional or has a zero-variance component
     */
    public static W2Result w2Squared(GaussianMixture a, GaussianMixture b) {
        MixtureQuantiles qa = new MixtureQuantiles(a);
        MixtureQuantiles qb = new MixtureQuantiles(b);
        double scale = Math.max(qa.secondMomentAbout(0), qb.secondMomentAbout(0));
        GaussKronrod.Result r = GaussKronrod.integrate(z -> {
            double diff = qa.quantileAtScore(z) - qb.quantileAtScore(z);
            return diff * diff * normalDensity(z);
        }, -Z_MAX, Z_MAX, 24, 1e-15 * Math.max(scale, Double.MIN_NORMAL), 1e-12, 4000);
        return new W2Result(Math.max(r.value(), 0), r.error(), r.intervals(), r.status());
    }

    private double secondMomentAbout(double c) {
        double v = 0;
        for (int k = 0; k < w.length; k++) {
            double dm = m[k] - c;
            v += w[k] * (s[k] * s[k] + dm * dm);
        }
        return v;
    }

    /**
     * A density curve given parametrically by normal scores: points x_i and density values f(x_i).
     *
     * @param x       abscissae, increasing
     * @param density density at each abscissa
     */
    public record Curve(double[] x, double[] density) {
    }

    /**
     * The one-dimensional Wasserstein barycenter (and, for two inputs with weights (1 - t, t), the
     * displacement interpolation) of mixtures: its quantile function is Q = sum_k lambda_k Q_k, so
     * at x(z) = sum_k lambda_k Q_k(Phi(z)) its density is 1 / sum_k lambda_k / f_k(Q_k(Phi(z))).
     * Evaluated at {@code points} normal scores equally spaced in [-zMax, zMax]. This is the
     * "standard OMT" curve of seed 002 Figs. 3, 9 and 10, which is generally not a mixture.
     *
     * @throws IllegalArgumentException for mismatched lengths, weights that are negative or do not sum to 1,
     *     or mixtures that are not one-dimensional
     */
    public static Curve quantileAverage(List<GaussianMixture> mixtures, double[] lambdas, int points, double zMax) {
        if (mixtures == null || lambdas == null || mixtures.isEmpty() || mixtures.size() != lambdas.length) {
            throw new IllegalArgumentException("need one weight per mixture; got " + (mixtures == null ? 0 : mixtures.size())
                    + " mixtures and " + (lambdas == null ? 0 : lambdas.length) + " weights");
        }
        GaussianBarycenter.checkWeights(lambdas, "lambda");
        if (points < 2 || !(zMax > 0)) {
            throw new IllegalArgumentException("need at least 2 points and zMax > 0, got " + points + " and " + zMax);
        }
        MixtureQuantiles[] q = new MixtureQuantiles[mixtures.size()];
        for (int k = 0; k < q.length; k++) {
            q[k] = new MixtureQuantiles(mixtures.get(k));
        }
        double[] x = new double[points];
        double[] f = new double[points];
        for (int i = 0; i < points; i++) {
            double z = -zMax + 2 * zMax * i / (points - 1);
            double xi = 0;
            double inverse = 0;
            for (int k = 0; k < q.length; k++) {
                if (lambdas[k] == 0) {
                    continue;
                }
                double qk = q[k].quantileAtScore(z);
                xi += lambdas[k] * qk;
                inverse += lambdas[k] / q[k].density(qk);
            }
            x[i] = xi;
            f[i] = 1 / inverse;
        }
        return new Curve(x, f);
    }

    /** The standard normal density phi(z). */
    private static double normalDensity(double z) {
        return Math.exp(ErrorFunctions.logNormalDensity(z));
    }
}
