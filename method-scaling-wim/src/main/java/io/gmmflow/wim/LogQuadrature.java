package io.gmmflow.wim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Quadrature of many integrands at once whose values span hundreds of orders of magnitude, given in
 * the log domain: each integrand supplies log|f_c(x)| and the sign of f_c(x), never f_c itself.
 *
 * <p>Why: the Wasserstein information matrix of a GMM (seed 004 eq. 3) has an integrand of size
 * exp(d^2 / (8 sigma^2)), which overflows a double for sigma/d below about 0.013, while its
 * off-diagonal entries are of order sigma^2. Each component c is integrated in units of
 * exp(shift_c), shift_c being the largest log|f_c| found by a first pass over the breakpoint
 * intervals, and the result is returned as a logarithm and a sign.
 *
 * <p>Two independent rules over the same breakpoints (the caller puts a breakpoint at each peak):
 * <ul>
 *   <li>{@link #gaussKronrod}: globally adaptive 21-point Gauss-Kronrod (QUADPACK QAG, key 2,
 *       Piessens et al. 1983) with a vector integrand: the interval whose error is the largest
 *       fraction of its component's tolerance is bisected until every component meets
 *       |error| <= max(rtol |I_c|, 1e-13 int |f_c|). Cost: 21 evaluations per interval.</li>
 *   <li>{@link #tanhSinh}: double-exponential (tanh-sinh) quadrature per breakpoint interval,
 *       halving the step until two levels agree to rtol (Takahasi and Mori 1974). Used as the
 *       second, independent rule that validates the first.</li>
 * </ul>
 * Stateless; a call allocates O(intervals x components). Thread-safe when the integrand is used by
 * one thread (integrands keep scratch arrays, so make one per thread).
 */
public final class LogQuadrature {

    /** Integrands given by their logarithms. One instance is used by one thread at a time. */
    public interface LogIntegrand {

        /** The number of integrands integrated together. */
        int size();

        /**
         * Writes log|f_c(x)| into {@code logAbs[c]} (negative infinity where f_c(x) = 0) and the sign
         * of f_c(x) (+1, -1 or 0) into {@code sign[c]}.
         */
        void evaluate(double x, double[] logAbs, double[] sign);
    }

    /**
     * The integrals, as logarithms and signs.
     *
     * @param logAbs        log|I_c| (negative infinity for I_c = 0)
     * @param sign          the sign of I_c
     * @param relativeError the estimated error of I_c divided by |I_c| (infinite for I_c = 0)
     * @param evaluations   integrand evaluations used
     * @param converged     whether every component met the tolerance
     */
    public record Result(double[] logAbs, double[] sign, double[] relativeError, long evaluations, boolean converged) {

        /** I_c as a double (may overflow to infinity or underflow to 0; use {@link #logAbs} then). */
        public double value(int c) {
            return sign[c] * Math.exp(logAbs[c]);
        }

        /** I_c / exp(logScale) as a double. */
        public double scaledValue(int c, double logScale) {
            return sign[c] * Math.exp(logAbs[c] - logScale);
        }
    }

    // QUADPACK qk21: Kronrod abscissae (xgk[1], xgk[3], ... are the 10-point Gauss nodes) and weights.
    private static final double[] XGK = {
        0.995657163025808080735527280689003, 0.973906528517171720077964012084452,
        0.930157491355708226001207180059508, 0.865063366688984510732096688423493,
        0.780817726586416897063717578345042, 0.679409568299024406234327365114874,
        0.562757134668604683339000099272694, 0.433395394129247190799265943165784,
        0.294392862701460198131126603103866, 0.148874338981631210884826001129720, 0.0};
    private static final double[] WGK = {
        0.011694638867371874278064396062192, 0.032558162307964727478818972459390,
        0.054755896574351996031381300244580, 0.075039674810919952767043140916190,
        0.093125454583697605535065465083366, 0.109387158802297641899210590325805,
        0.123491976262065851077958109831074, 0.134709217311473325928054001771707,
        0.142775938577060080797094273138717, 0.147739104901338491374841515972068,
        0.149445554002916905664936468389821};
    private static final double[] WG = {
        0.066671344308688137593568809893332, 0.149451349150580593145776339657697,
        0.219086362515982043995534934228163, 0.269266719309996355091226921569469,
        0.295524224714752870173892994651338};

    private static final double EPS = Math.ulp(1.0);
    /** Floor of the tolerance relative to int |f_c|, for integrands that cancel. */
    private static final double CANCELLATION_FLOOR = 1e-13;
    /** Largest log of a scaled value before the shift is raised and the run repeated. */
    private static final double LOG_HEADROOM = 600.0;
    private static final double TANH_SINH_TMAX = 4.0;
    /**
     * Absolute floor of the tanh-sinh level test in units of exp(shift_c) = max |f_c|: a piece of an
     * integral below 1e-18 max|f_c| is negligible unless the peak is narrower than 1e-6 (sigma/d
     * below 1e-3), far outside what the information matrices need.
     */
    private static final double TANH_SINH_FLOOR = 1e-18;

    private LogQuadrature() {
    }

    /** The 21 Kronrod abscissae on [-1, 1], in increasing order (for tests). */
    static double[] kronrodNodes() {
        double[] x = new double[21];
        for (int j = 0; j < 10; j++) {
            x[j] = -XGK[j];
            x[20 - j] = XGK[j];
        }
        return x;
    }

    /** The weights matching {@link #kronrodNodes()}; {@code gauss} selects the embedded 10-point Gauss rule. */
    static double[] kronrodWeights(boolean gauss) {
        double[] w = new double[21];
        for (int j = 0; j < 10; j++) {
            double v = gauss ? ((j % 2 == 1) ? WG[j / 2] : 0.0) : WGK[j];
            w[j] = v;
            w[20 - j] = v;
        }
        w[10] = gauss ? 0.0 : WGK[10];
        return w;
    }

    private static void checkBreakpoints(double[] breakpoints, double rtol) {
        if (breakpoints == null || breakpoints.length < 2) {
            throw new IllegalArgumentException("quadrature needs at least two breakpoints");
        }
        for (int i = 0; i < breakpoints.length; i++) {
            if (!Double.isFinite(breakpoints[i]) || (i > 0 && !(breakpoints[i] > breakpoints[i - 1]))) {
                throw new IllegalArgumentException("breakpoints must be finite and strictly increasing; breakpoint "
                        + i + " is " + breakpoints[i]);
            }
        }
        if (!(rtol > 0) || rtol >= 1) {
            throw new IllegalArgumentException("relative tolerance must be in (0, 1), got " + rtol);
        }
    }

    /** The largest log|f_c| over 11 equally spaced points of every interval (the initial shift). */
    private static double[] initialShift(LogIntegrand f, double[] bp, double[] la, double[] sg) {
        int c = f.size();
        double[] shift = new double[c];
        Arrays.fill(shift, Double.NEGATIVE_INFINITY);
        for (int i = 0; i + 1 < bp.length; i++) {
            for (int k = 0; k <= 10; k++) {
                double x = bp[i] + (bp[i + 1] - bp[i]) * k / 10.0;
                f.evaluate(x, la, sg);
                for (int j = 0; j < c; j++) {
                    if (sg[j] != 0 && la[j] > shift[j]) {
                        shift[j] = la[j];
                    }
                }
            }
        }
        for (int j = 0; j < c; j++) {
            if (shift[j] == Double.NEGATIVE_INFINITY) {
                shift[j] = 0.0;
            }
        }
        return shift;
    }

    /** Per-interval state of the adaptive rule. */
    private static final class Interval {
        final double a;
        final double b;
        final double[] res;
        final double[] err;
        final double[] abs;

        Interval(double a, double b, int c) {
            this.a = a;
            this.b = b;
            this.res = new double[c];
            this.err = new double[c];
            this.abs = new double[c];
        }
    }

    /** Scratch of one run: values at the 21 nodes and the largest log seen above the shift. */
    private static final class Work {
        final double[][] fv;
        final double[] la;
        final double[] sg;
        final double[] shift;
        final double[] maxLog;
        long evaluations;

        Work(int c, double[] shift) {
            this.fv = new double[21][c];
            this.la = new double[c];
            this.sg = new double[c];
            this.shift = shift;
            this.maxLog = new double[c];
            Arrays.fill(maxLog, Double.NEGATIVE_INFINITY);
        }

        /** f_c(x) / exp(shift_c) into {@code out}. */
        void scaled(LogIntegrand f, double x, double[] out) {
            f.evaluate(x, la, sg);
            evaluations++;
            for (int j = 0; j < out.length; j++) {
                double l = la[j];
                if (sg[j] == 0 || l == Double.NEGATIVE_INFINITY) {
                    out[j] = 0.0;
                    continue;
                }
                if (l > maxLog[j]) {
                    maxLog[j] = l;
                }
                out[j] = sg[j] * Math.exp(l - shift[j]);
            }
        }
    }

    private static void kronrod(LogIntegrand f, Interval iv, Work w) {
        int c = iv.res.length;
        double centr = 0.5 * (iv.a + iv.b);
        double hl = 0.5 * (iv.b - iv.a);
        double[][] fv = w.fv;
        for (int j = 0; j < 10; j++) {
            w.scaled(f, centr - hl * XGK[j], fv[j]);
            w.scaled(f, centr + hl * XGK[j], fv[20 - j]);
        }
        w.scaled(f, centr, fv[10]);
        for (int k = 0; k < c; k++) {
            double fc = fv[10][k];
            double resk = WGK[10] * fc;
            double resg = 0.0;
            double resabs = Math.abs(resk);
            for (int j = 0; j < 10; j++) {
                double s = fv[j][k] + fv[20 - j][k];
                resk += WGK[j] * s;
                resabs += WGK[j] * (Math.abs(fv[j][k]) + Math.abs(fv[20 - j][k]));
                if (j % 2 == 1) {
                    resg += WG[j / 2] * s;
                }
            }
            double reskh = 0.5 * resk;
            double resasc = WGK[10] * Math.abs(fc - reskh);
            for (int j = 0; j < 10; j++) {
                resasc += WGK[j] * (Math.abs(fv[j][k] - reskh) + Math.abs(fv[20 - j][k] - reskh));
            }
            double result = resk * hl;
            resabs *= Math.abs(hl);
            resasc *= Math.abs(hl);
            double abserr = Math.abs((resk - resg) * hl);
            if (resasc != 0.0 && abserr != 0.0) {
                abserr = resasc * Math.min(1.0, Math.pow(200.0 * abserr / resasc, 1.5));
            }
            if (resabs > Double.MIN_NORMAL / (50.0 * EPS)) {
                abserr = Math.max(50.0 * EPS * resabs, abserr);
            }
            iv.res[k] = result;
            iv.err[k] = abserr;
            iv.abs[k] = resabs;
        }
    }

    /**
     * Globally adaptive Gauss-Kronrod (21 points) over the given breakpoints.
     *
     * @param f            the integrands (log domain)
     * @param breakpoints  strictly increasing, finite; put one at every peak and kink
     * @param rtol         relative tolerance per component, in (0, 1)
     * @param maxIntervals the most intervals before giving up (then {@code converged} is false)
     * @throws IllegalArgumentException for bad breakpoints or tolerance
     */
    public static Result gaussKronrod(LogIntegrand f, double[] breakpoints, double rtol, int maxIntervals) {
        checkBreakpoints(breakpoints, rtol);
        return withShifts(f, breakpoints, w -> adaptive(f, breakpoints, rtol, maxIntervals, w));
    }

    private static Result adaptive(LogIntegrand f, double[] bp, double rtol, int maxIntervals, Work w) {
        int c = f.size();
        List<Interval> list = new ArrayList<>();
        for (int i = 0; i + 1 < bp.length; i++) {
            Interval iv = new Interval(bp[i], bp[i + 1], c);
            kronrod(f, iv, w);
            list.add(iv);
        }
        double[] total = new double[c];
        double[] error = new double[c];
        double[] tol = new double[c];
        boolean converged = false;
        while (true) {
            Arrays.fill(total, 0.0);
            Arrays.fill(error, 0.0);
            double[] absTotal = new double[c];
            for (Interval iv : list) {
                for (int k = 0; k < c; k++) {
                    total[k] += iv.res[k];
                    error[k] += iv.err[k];
                    absTotal[k] += iv.abs[k];
                }
            }
            boolean done = true;
            for (int k = 0; k < c; k++) {
                tol[k] = Math.max(rtol * Math.abs(total[k]), CANCELLATION_FLOOR * absTotal[k]);
                if (tol[k] == 0.0) {
                    tol[k] = Double.MIN_NORMAL;
                }
                if (error[k] > tol[k]) {
                    done = false;
                }
            }
            if (done) {
                converged = true;
                break;
            }
            if (list.size() >= maxIntervals) {
                break;
            }
            int worst = -1;
            double worstKey = 0.0;
            for (int i = 0; i < list.size(); i++) {
                Interval iv = list.get(i);
                double mid = 0.5 * (iv.a + iv.b);
                if (!(mid > iv.a && mid < iv.b)) {
                    continue; // too narrow to split: round-off limited
                }
                double key = 0.0;
                for (int k = 0; k < c; k++) {
                    double q = iv.err[k] / tol[k];
                    if (q > key) {
                        key = q;
                    }
                }
                if (key > worstKey) {
                    worstKey = key;
                    worst = i;
                }
            }
            if (worst < 0) {
                break;
            }
            Interval iv = list.get(worst);
            double mid = 0.5 * (iv.a + iv.b);
            Interval left = new Interval(iv.a, mid, c);
            Interval right = new Interval(mid, iv.b, c);
            kronrod(f, left, w);
            kronrod(f, right, w);
            list.set(worst, left);
            list.add(right);
        }
        return finish(total, error, w.shift, converged, w.evaluations);
    }

    private static Result finish(double[] total, double[] error, double[] shift, boolean converged, long evals) {
        int c = total.length;
        double[] logAbs = new double[c];
        double[] sign = new double[c];
        double[] rel = new double[c];
        for (int k = 0; k < c; k++) {
            logAbs[k] = Math.log(Math.abs(total[k])) + shift[k];
            sign[k] = Math.signum(total[k]);
            rel[k] = total[k] == 0.0 ? Double.POSITIVE_INFINITY : error[k] / Math.abs(total[k]);
        }
        return new Result(logAbs, sign, rel, evals, converged);
    }

    /**
     * Tanh-sinh quadrature on each breakpoint interval, halving the step until two successive levels
     * agree to {@code rtol} for every component (at most {@code maxLevel} halvings).
     *
     * @throws IllegalArgumentException for bad breakpoints or tolerance
     */
    public static Result tanhSinh(LogIntegrand f, double[] breakpoints, double rtol, int maxLevel) {
        checkBreakpoints(breakpoints, rtol);
        return withShifts(f, breakpoints, w -> tanhSinhPass(f, breakpoints, rtol, maxLevel, w));
    }

    /**
     * Runs one rule's pass with per-component log shifts, and again (at most three more times)
     * with a shift raised to the largest log-integrand seen whenever the pass found values more than
     * LOG_HEADROOM above its shift, so that the sums are taken near exp(0) and cannot overflow.
     */
    private static Result withShifts(LogIntegrand f, double[] breakpoints, java.util.function.Function<Work, Result> pass) {
        int c = f.size();
        double[] la = new double[c];
        double[] sg = new double[c];
        double[] shift = initialShift(f, breakpoints, la, sg);
        long evaluations = (long) (breakpoints.length - 1) * 11;
        for (int attempt = 0; ; attempt++) {
            Work w = new Work(c, shift);
            Result r = pass.apply(w);
            evaluations += w.evaluations;
            boolean raised = false;
            for (int j = 0; j < c; j++) {
                if (w.maxLog[j] > shift[j] + LOG_HEADROOM) {
                    shift[j] = w.maxLog[j];
                    raised = true;
                }
            }
            if (!raised || attempt == 3) {
                return new Result(r.logAbs, r.sign, r.relativeError, evaluations, r.converged && !raised);
            }
        }
    }

    private static Result tanhSinhPass(LogIntegrand f, double[] breakpoints, double rtol, int maxLevel, Work w) {
        int c = f.size();
        double[] total = new double[c];
        double[] error = new double[c];
        double[] fx = new double[c];
        boolean converged = true;
        for (int i = 0; i + 1 < breakpoints.length; i++) {
            double a = breakpoints[i];
            double b = breakpoints[i + 1];
            double r = 0.5 * (b - a);
            double[] sum = new double[c];
            double[] prev = new double[c];
            double h = 1.0;
            // level 0: t = j, all j; level k: the odd multiples of h = 2^-k.
            addNodes(f, w, a, b, r, 0.0, 1.0, sum, fx);
            double[] est = new double[c];
            for (int k = 0; k < c; k++) {
                est[k] = sum[k] * h;
            }
            boolean ok = false;
            for (int level = 1; level <= maxLevel; level++) {
                System.arraycopy(est, 0, prev, 0, c);
                h *= 0.5;
                addNodes(f, w, a, b, r, h, 2.0 * h, sum, fx);
                boolean agree = level >= 3;
                for (int k = 0; k < c; k++) {
                    est[k] = sum[k] * h;
                    if (Math.abs(est[k] - prev[k]) > Math.max(rtol * Math.abs(est[k]), TANH_SINH_FLOOR)) {
                        agree = false;
                    }
                }
                if (agree) {
                    ok = true;
                    break;
                }
            }
            converged &= ok;
            for (int k = 0; k < c; k++) {
                total[k] += est[k];
                error[k] += Math.abs(est[k] - prev[k]);
            }
        }
        return finish(total, error, w.shift, converged, w.evaluations);
    }

    /** Adds sum over t = start, start +- step, ... (|t| <= TMAX) of f(x(t)) x'(t) to {@code sum}. */
    private static void addNodes(LogIntegrand f, Work w, double a, double b, double r, double start, double step,
                                 double[] sum, double[] fx) {
        int c = sum.length;
        for (double t = start; t <= TANH_SINH_TMAX; t += step) {
            double u = 0.5 * Math.PI * Math.sinh(t);
            double ch = Math.cosh(u);
            double weight = r * 0.5 * Math.PI * Math.cosh(t) / (ch * ch);
            if (weight == 0.0) {
                break;
            }
            // distance from the nearer end, 1 - tanh(u) = 2 / (1 + e^{2u}), without cancellation
            double delta = 2.0 / (1.0 + Math.exp(2.0 * u));
            w.scaled(f, b - r * delta, fx);
            for (int k = 0; k < c; k++) {
                sum[k] += weight * fx[k];
            }
            if (t > 0) {
                w.scaled(f, a + r * delta, fx);
                for (int k = 0; k < c; k++) {
                    sum[k] += weight * fx[k];
                }
            }
        }
    }
}
