package io.gmmflow.linalg;

/**
 * The complementary error function and the normal distribution's tails, accurate to about 1e-15
 * relative over the whole real line, with logarithmic forms that never underflow.
 *
 * <p>The JDK has no erfc. The rational approximations are W. J. Cody's near-minimax ones ("Rational
 * Chebyshev approximations for the error function", Math. Comp. 23 (1969) 631-637; coefficients as
 * published in netlib specfun CALERF): erf on |x| <= 0.46875, erfc on (0.46875, 4] and the scaled
 * erfcx(x) = exp(x^2) erfc(x) beyond, rewritten here in Java. {@link #logErfc} goes through erfcx,
 * so log erfc(x) = log erfcx(x) - x^2 stays exact where erfc itself underflows (x > 26.5); that is
 * what lets the information-matrix integrands be evaluated in the log domain as sigma -> 0.
 *
 * <p>Cost: one rational function of degree <= 8 and at most one exp/log per call. Stateless,
 * thread-safe.
 */
public final class ErrorFunctions {

    private static final double THRESH = 0.46875;
    private static final double SQRPI = 0.56418958354775628695; // 1/sqrt(pi)
    private static final double LN2 = 0.69314718055994530942;
    private static final double INV_SQRT2 = 0.70710678118654752440;
    private static final double LOG_SQRT_2PI = 0.91893853320467274178;

    private static final double[] A = {3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
        3.20937758913846947e03, 1.85777706184603153e-1};
    private static final double[] B = {2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
        2.84423683343917062e03};
    private static final double[] C = {5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
        2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03,
        1.23033935479799725e03, 2.15311535474403846e-8};
    private static final double[] D = {1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
        1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03,
        1.23033935480374942e03};
    private static final double[] P = {3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
        1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2};
    private static final double[] Q = {2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1,
        6.05183413124413191e-2, 2.33520497626869185e-3};

    private ErrorFunctions() {
    }

    /** erf(x) for |x| <= 0.46875 (Cody's first interval). */
    private static double erfSmall(double x) {
        double ysq = x * x;
        double num = A[4] * ysq;
        double den = ysq;
        for (int i = 0; i < 3; i++) {
            num = (num + A[i]) * ysq;
            den = (den + B[i]) * ysq;
        }
        return x * (num + A[3]) / (den + B[3]);
    }

    /** erfcx(y) = exp(y^2) erfc(y) for y > 0.46875 (Cody's second and third intervals). */
    private static double erfcxPositive(double y) {
        if (y <= 4.0) {
            double num = C[8] * y;
            double den = y;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }
            return (num + C[7]) / (den + D[7]);
        }
        if (y >= 6.71e7) {
            // 1 - 1/(2y^2) rounds to 1: the asymptotic leading term is exact in double.
            return SQRPI / y;
        }
        double ysq = 1.0 / (y * y);
        double num = P[5] * ysq;
        double den = ysq;
        for (int i = 0; i < 4; i++) {
            num = (num + P[i]) * ysq;
            den = (den + Q[i]) * ysq;
        }
        double r = ysq * (num + P[4]) / (den + Q[4]);
        return (SQRPI - r) / y;
    }

    /** exp(-y^2) for y > 0 without the rounding error of forming y*y in one piece (Cody's split). */
    private static double expMinusSquare(double y) {
        double ysq = Math.floor(y * 16.0) / 16.0;
        double del = (y - ysq) * (y + ysq);
        return Math.exp(-ysq * ysq) * Math.exp(-del);
    }

    /** The error function erf(x). */
    public static double erf(double x) {
        double y = Math.abs(x);
        if (y <= THRESH) {
            return erfSmall(x);
        }
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        double c = y >= 26.543 ? 0.0 : expMinusSquare(y) * erfcxPositive(y);
        return x > 0 ? 1.0 - c : c - 1.0;
    }

    /** The complementary error function erfc(x) = 1 - erf(x), accurate in relative terms for x > 0. */
    public static double erfc(double x) {
        double y = Math.abs(x);
        if (y <= THRESH) {
            return 1.0 - erfSmall(x);
        }
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        double c = y >= 26.543 ? 0.0 : expMinusSquare(y) * erfcxPositive(y);
        return x > 0 ? c : 2.0 - c;
    }

    /** The scaled complementary error function erfcx(x) = exp(x^2) erfc(x) (overflows only for x < -26.6). */
    public static double erfcx(double x) {
        double y = Math.abs(x);
        if (y <= THRESH) {
            return Math.exp(x * x) * (1.0 - erfSmall(x));
        }
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x > 0) {
            return erfcxPositive(y);
        }
        if (x < -26.628) {
            return Double.POSITIVE_INFINITY;
        }
        double e = Math.exp(y * y);
        return 2.0 * e - erfcxPositive(y);
    }

    /** log erfc(x), finite for every finite x (erfc itself underflows beyond x = 26.5). */
    public static double logErfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x > THRESH) {
            return Math.log(erfcxPositive(x)) - x * x;
        }
        if (x >= -THRESH) {
            return Math.log1p(-erfSmall(x));
        }
        // erfc(x) = 2 - erfc(|x|) with erfc(|x|) < 0.51: log(2) + log1p(-erfc(|x|)/2).
        return LN2 + Math.log1p(-0.5 * erfc(-x));
    }

    /** Phi(z), the standard normal lower tail, accurate in relative terms for z < 0. */
    public static double normalCdf(double z) {
        return 0.5 * erfc(-z * INV_SQRT2);
    }

    /** log Phi(z), accurate in relative terms for every z (no underflow for z very negative). */
    public static double logNormalCdf(double z) {
        if (z > 0) {
            // Phi(z) = 1 - erfc(z/sqrt2)/2: log1p keeps the tiny upper tail's digits
            return Math.log1p(-0.5 * erfc(z * INV_SQRT2));
        }
        return logErfc(-z * INV_SQRT2) - LN2;
    }

    /** log phi(z) for the standard normal density. */
    public static double logNormalDensity(double z) {
        return -0.5 * z * z - LOG_SQRT_2PI;
    }
}
