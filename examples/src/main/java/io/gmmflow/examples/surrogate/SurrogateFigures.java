package io.gmmflow.examples.surrogate;

import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianPath;
import io.gmmflow.api.Parameters;
import io.gmmflow.linalg.RandomMatrices;
import io.gmmflow.surrogate.GapDiagnostics;
import io.gmmflow.surrogate.LinearFlow;
import io.gmmflow.surrogate.Regime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Two measurements behind the method-surrogate report, printed as JSON lines:
 * <ol>
 *   <li>the regime map on 20000 random pairs (d = 2..6, kappa up to 1e3, target = a random SPD matrix
 *       scaled by [0.3, 3]): for each regime, how many pairs and the median, 99th percentile and maximum
 *       of the relative covariance gap (C - W2^2) / W2_cov^2;</li>
 *   <li>throughput of the linear path's {@code evaluate} (log-density and velocity) for 1e5 points at
 *       d = 2, 10, 50 (full covariances) and d = 50 diagonal: nanoseconds per point, best of 5.</li>
 * </ol>
 * Seeded; run: {@code java -cp ... io.gmmflow.examples.surrogate.SurrogateFigures}.
 */
public final class SurrogateFigures {

    private SurrogateFigures() {
    }

    public static void main(String[] args) {
        SplittableRandom rng = new SplittableRandom(2024);
        Map<Regime, List<Double>> gaps = new EnumMap<>(Regime.class);
        Parameters noSplit = Parameters.of("splitWorkLimit", 0);
        for (int trial = 0; trial < 20000; trial++) {
            int d = 2 + trial % 5;
            double scale = rng.nextDouble(0.5, 2);
            Gaussian a = Gaussian.ofFlat(new double[d], RandomMatrices.spd(d, Math.exp(rng.nextDouble(0, 7)), scale, rng));
            Gaussian b = Gaussian.ofFlat(new double[d],
                    RandomMatrices.spd(d, Math.exp(rng.nextDouble(0, 4)), scale * Math.exp(rng.nextDouble(-1.2, 1.1)), rng));
            GapDiagnostics g = GapDiagnostics.of(a, b, noSplit);
            double rel = g.gap() / (g.w2() - g.meanDistanceSquared());
            gaps.computeIfAbsent(g.recommendation().regime(), k -> new ArrayList<>()).add(rel);
        }
        for (Map.Entry<Regime, List<Double>> e : gaps.entrySet()) {
            List<Double> v = e.getValue();
            Collections.sort(v);
            System.out.printf(Locale.ROOT, "{\"regime\":\"%s\",\"advice\":\"%s\",\"pairs\":%d,\"medianRelativeGap\":%.4g,"
                    + "\"p99RelativeGap\":%.4g,\"maxRelativeGap\":%.4g}%n", e.getKey(), e.getKey().method(), v.size(),
                    v.get(v.size() / 2), v.get((int) (0.99 * (v.size() - 1))), v.get(v.size() - 1));
        }
        LinearFlow flow = new LinearFlow();
        int n = 100_000;
        for (int[] spec : new int[][] {{2, 0}, {10, 0}, {50, 0}, {50, 1}}) {
            int d = spec[0];
            boolean diag = spec[1] == 1;
            Gaussian a = diag ? Gaussian.diagonal(new double[d], rng.doubles(d, 0.5, 2).toArray())
                    : Gaussian.ofFlat(new double[d], RandomMatrices.spd(d, 10, 1, rng));
            Gaussian b = diag ? Gaussian.diagonal(rng.doubles(d, -1, 1).toArray(), rng.doubles(d, 0.5, 2).toArray())
                    : Gaussian.ofFlat(rng.doubles(d, -1, 1).toArray(), RandomMatrices.spd(d, 10, 1, rng));
            GaussianPath path = flow.path(a, b);
            double[] pts = rng.doubles((long) n * d, -2, 2).toArray();
            double[] ld = new double[n];
            double[] v = new double[n * d];
            double best = Double.POSITIVE_INFINITY;
            double sink = 0;
            for (int rep = 0; rep < 5; rep++) {
                long t0 = System.nanoTime();
                path.evaluate(0.37, pts, 0, n, ld, v);
                best = Math.min(best, (System.nanoTime() - t0) / (double) n);
                sink += ld[rep] + v[rep];
            }
            System.out.printf(Locale.ROOT, "{\"evaluate\":\"linear\",\"d\":%d,\"covariance\":\"%s\",\"points\":%d,"
                    + "\"nanosPerPoint\":%.1f,\"check\":%.3g}%n", d, diag ? "diag" : "full", n, best, sink);
        }
    }
}
