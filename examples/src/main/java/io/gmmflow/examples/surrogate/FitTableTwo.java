package io.gmmflow.examples.surrogate;

import io.gmmflow.api.Gaussian;
import io.gmmflow.api.Parameters;
import io.gmmflow.surrogate.GapDiagnostics;
import io.gmmflow.surrogate.TableTwo;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Finds the parameters of {@link TableTwo.Construction} for each row of seed 000 Table II: Nelder-Mead
 * (hand-written, a few hundred lines of search are not worth a dependency) from a grid of starts, on
 * <pre>
 *   E = log(rho/rho*)^2 + log(|dS|/|dS|*)^2 + ((comm - comm*)/max(comm*, 0.05))^2
 *       + 0.3 [((gap - gap*)/max(gap*, 0.05))^2 + the same for the last two columns + W2 excess^2],
 * </pre>
 * kappa being exact by construction and the mean shift set to W2^2* - W2_cov. Prints one Java line per
 * row for {@link TableTwo}, then what the fitted pair gives. Deterministic (no randomness).
 * Run: {@code java -cp ... io.gmmflow.examples.surrogate.FitTableTwo}.
 */
public final class FitTableTwo {

    private static final Parameters NO_SPLIT = Parameters.of("splitWorkLimit", 0);

    private FitTableTwo() {
    }

    public static void main(String[] args) {
        for (TableTwo.Row row : TableTwo.rows()) {
            TableTwo.Printed p = row.printed();
            if (p.dimension() == 1) {
                System.out.println("// row 1 is the seed's own pair");
                continue;
            }
            double[] best = null;
            double bestValue = Double.POSITIVE_INFINITY;
            double logScale0 = Math.log(p.deltaSigmaNorm() / Math.max(p.rhoHat(), 1e-3) / p.kappa());
            for (double thetaStart : new double[] {0.05, 0.3, 0.8, 1.3}) {
                for (double firstSign : new double[] {-0.9, 0.5, 3}) {
                    for (double lastStart : new double[] {-0.5, 0.5, 5}) {
                        for (double scaleShift : new double[] {-2, 0, 2, 5}) {
                            double[] start = {logScale0 + scaleShift, Math.log1p(Math.min(firstSign * Math.max(1, p.rhoHat() / 3), 1e4)),
                                Math.log1p(0.1), Math.log1p(lastStart), thetaStart};
                            double[] x = nelderMead(u -> objective(u, p), start, 3000);
                            double v = objective(x, p);
                            if (v < bestValue) {
                                bestValue = v;
                                best = x;
                            }
                        }
                    }
                }
            }
            TableTwo.Construction c = withShift(construction(best, p), p);
            GapDiagnostics g = diagnose(c, p);
            System.out.printf(Locale.ROOT, "new Construction(%s, %s, %s, %s, %s, %s) // %s: E = %.3g%n",
                    c.scale(), c.gammaFirst(), c.gammaMiddle(), c.gammaLast(), c.theta(), c.meanShiftSquared(), p.name(),
                    bestValue);
            System.out.printf(Locale.ROOT,
                    "   ours rho %.4g kappa %.4g |dS| %.4g comm %.3g W2 %.4g C %.4g gap %.4g dW %.4g dC %.4g%n",
                    g.rhoHat(), g.kappa(), g.deltaSigmaNorm(), g.comm(), g.w2(), g.surrogate(), g.gap(),
                    g.w2ProxyDistance(), g.surrogateProxyDistance());
        }
    }

    static TableTwo.Construction construction(double[] u, TableTwo.Printed p) {
        double scale = Math.exp(u[0]);
        double first = Math.expm1(u[1]);
        double middle = p.dimension() > 2 ? Math.expm1(u[2]) : 0;
        double last = Math.expm1(u[3]);
        return new TableTwo.Construction(scale, first, middle, last, u[4], 0);
    }

    /** The construction with |dmu|^2 = max(0, W2^2* - W2_cov), so that our W2^2 is the printed one where it can be. */
    static TableTwo.Construction withShift(TableTwo.Construction c, TableTwo.Printed p) {
        Gaussian[] pair = c.pair(p.dimension(), p.kappa());
        GapDiagnostics g0 = GapDiagnostics.of(pair[0], pair[1], NO_SPLIT);
        double shift = Math.max(0, p.w2() - (g0.w2() - g0.meanDistanceSquared()));
        return new TableTwo.Construction(c.scale(), c.gammaFirst(), c.gammaMiddle(), c.gammaLast(), c.theta(), shift);
    }

    static GapDiagnostics diagnose(TableTwo.Construction c, TableTwo.Printed p) {
        Gaussian[] q = c.pair(p.dimension(), p.kappa());
        return GapDiagnostics.of(q[0], q[1], NO_SPLIT);
    }

    static double objective(double[] u, TableTwo.Printed p) {
        for (double v : u) {
            if (!Double.isFinite(v) || Math.abs(v) > 60) {
                return 1e300;
            }
        }
        TableTwo.Construction c;
        GapDiagnostics g;
        try {
            c = construction(u, p);
            Gaussian[] pair = c.pair(p.dimension(), p.kappa());
            g = GapDiagnostics.of(pair[0], pair[1], NO_SPLIT);
        } catch (IllegalArgumentException e) {
            return 1e300;
        }
        double e = sq(Math.log(g.rhoHat() / p.rhoHat())) + sq(Math.log(g.deltaSigmaNorm() / p.deltaSigmaNorm()))
                + sq((g.comm() - p.comm()) / Math.max(p.comm(), 0.05));
        double covW2 = g.w2() - g.meanDistanceSquared();
        double excess = Math.max(0, covW2 - p.w2()) / p.w2();
        double secondary = sq((g.gap() - p.gap()) / Math.max(p.gap(), 0.05))
                + sq((g.w2ProxyDistance() - p.w2ProxyDistance()) / Math.max(p.w2ProxyDistance(), 0.05))
                + sq((g.surrogateProxyDistance() - p.surrogateProxyDistance()) / Math.max(p.surrogateProxyDistance(), 0.05))
                + sq(excess);
        return e + 0.3 * secondary;
    }

    private static double sq(double x) {
        return x * x;
    }

    /** Nelder-Mead with the standard coefficients (1, 2, 0.5, 0.5) from a simplex of unit steps. */
    static double[] nelderMead(ToDoubleFunction<double[]> f, double[] start, int iterations) {
        int n = start.length;
        double[][] s = new double[n + 1][];
        double[] fs = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            s[i] = start.clone();
            if (i > 0) {
                s[i][i - 1] += 0.5;
            }
            fs[i] = f.applyAsDouble(s[i]);
        }
        for (int it = 0; it < iterations; it++) {
            // order
            for (int i = 1; i <= n; i++) {
                for (int j = i; j > 0 && fs[j] < fs[j - 1]; j--) {
                    double t = fs[j];
                    fs[j] = fs[j - 1];
                    fs[j - 1] = t;
                    double[] a = s[j];
                    s[j] = s[j - 1];
                    s[j - 1] = a;
                }
            }
            if (fs[n] - fs[0] < 1e-14 * (1 + Math.abs(fs[0]))) {
                break;
            }
            double[] centroid = new double[n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    centroid[k] += s[i][k] / n;
                }
            }
            double[] xr = step(centroid, s[n], -1);
            double fr = f.applyAsDouble(xr);
            if (fr < fs[0]) {
                double[] xe = step(centroid, s[n], -2);
                double fe = f.applyAsDouble(xe);
                if (fe < fr) {
                    s[n] = xe;
                    fs[n] = fe;
                } else {
                    s[n] = xr;
                    fs[n] = fr;
                }
            } else if (fr < fs[n - 1]) {
                s[n] = xr;
                fs[n] = fr;
            } else {
                double[] xc = step(centroid, s[n], 0.5);
                double fc = f.applyAsDouble(xc);
                if (fc < fs[n]) {
                    s[n] = xc;
                    fs[n] = fc;
                } else {
                    for (int i = 1; i <= n; i++) {
                        for (int k = 0; k < n; k++) {
                            s[i][k] = s[0][k] + 0.5 * (s[i][k] - s[0][k]);
                        }
                        fs[i] = f.applyAsDouble(s[i]);
                    }
                }
            }
        }
        int bestIndex = 0;
        for (int i = 1; i <= n; i++) {
            if (fs[i] < fs[bestIndex]) {
                bestIndex = i;
            }
        }
        return s[bestIndex];
    }

    /** centroid + coefficient * (worst - centroid). */
    private static double[] step(double[] centroid, double[] worst, double coefficient) {
        double[] x = new double[centroid.length];
        for (int k = 0; k < x.length; k++) {
            x[k] = centroid[k] + coefficient * (worst[k] - centroid[k]);
        }
        return x;
    }
}
