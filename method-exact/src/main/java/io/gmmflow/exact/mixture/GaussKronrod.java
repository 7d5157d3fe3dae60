package io.gmmflow.exact.mixture;

import io.gmmflow.api.SolverStatus;
import java.util.PriorityQueue;
import java.util.function.DoubleUnaryOperator;

/**
 * Globally adaptive Gauss-Kronrod quadrature (the 7-point Gauss rule embedded in the 15-point
 * Kronrod rule, as QUADPACK's QAG): the interval with the largest error estimate |K15 - G7| is
 * halved until the summed estimate meets max(absTol, relTol |I|) or the interval budget runs out,
 * which is then reported as {@link SolverStatus#MAX_ITERATIONS} with the achieved estimate.
 * Hand-written because it is 80 lines and the quantile integrand needs adaptivity where a mixture's
 * quantile function climbs steeply between separated components. 15 evaluations per interval.
 * Stateless and thread-safe.
 */
final class GaussKronrod {

    private static final double[] XGK = {
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.0};
    private static final double[] WGK = {
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
    /** Gauss weights for the nodes XGK[1], XGK[3], XGK[5] and 0. */
    private static final double[] WG = {
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327};

    private GaussKronrod() {
    }

    /**
     * The result of an integration.
     *
     * @param value      the integral estimate (the Kronrod sums)
     * @param error      the summed error estimate
     * @param intervals  number of intervals at the end
     * @param status     CONVERGED when the tolerance was met
     */
    record Result(double value, double error, int intervals, SolverStatus status) {
    }

    private record Piece(double a, double b, double value, double error) {
    }

    private static Piece rule(DoubleUnaryOperator f, double a, double b) {
        double c = 0.5 * (a + b);
        double h = 0.5 * (b - a);
        double fc = f.applyAsDouble(c);
        double kronrod = WGK[7] * fc;
        double gauss = WG[3] * fc;
        for (int i = 0; i < 7; i++) {
            double dx = h * XGK[i];
            double s = f.applyAsDouble(c - dx) + f.applyAsDouble(c + dx);
            kronrod += WGK[i] * s;
            if (i % 2 == 1) {
                gauss += WG[i / 2] * s;
            }
        }
        return new Piece(a, b, kronrod * h, Math.abs((kronrod - gauss) * h));
    }

    /**
     * Integrates f over [a, b], starting from {@code initialPieces} equal intervals.
     *
     * @throws IllegalArgumentException when the integrand is not finite somewhere it was evaluated
     */
    static Result integrate(DoubleUnaryOperator f, double a, double b, int initialPieces, double absTol,
                            double relTol, int maxIntervals) {
        PriorityQueue<Piece> queue = new PriorityQueue<>((p, q) -> Double.compare(q.error(), p.error()));
        double value = 0;
        double error = 0;
        double width = (b - a) / initialPieces;
        for (int i = 0; i < initialPieces; i++) {
            double lo = a + i * width;
            double hi = i == initialPieces - 1 ? b : lo + width;
            Piece p = rule(f, lo, hi);
            queue.add(p);
            value += p.value();
            error += p.error();
        }
        while (error > Math.max(absTol, relTol * Math.abs(value)) && queue.size() < maxIntervals) {
            Piece worst = queue.poll();
            double mid = 0.5 * (worst.a() + worst.b());
            if (!(mid > worst.a() && mid < worst.b())) {
                queue.add(worst);   // cannot split further in double precision
                break;
            }
            Piece left = rule(f, worst.a(), mid);
            Piece right = rule(f, mid, worst.b());
            queue.add(left);
            queue.add(right);
            // Re-sum instead of updating incrementally, so that round-off does not accumulate.
            value = 0;
            error = 0;
            for (Piece p : queue) {
                value += p.value();
                error += p.error();
            }
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("integrand is not finite on [" + a + ", " + b + "]");
        }
        boolean ok = error <= Math.max(absTol, relTol * Math.abs(value));
        return new Result(value, error, queue.size(), ok ? SolverStatus.CONVERGED : SolverStatus.MAX_ITERATIONS);
    }
}
