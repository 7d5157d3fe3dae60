package io.gmmflow.examples.exact;

import io.gmmflow.api.Gaussian;
import io.gmmflow.exact.BuresWassersteinCost;
import io.gmmflow.exact.GeodesicFlow;
import io.gmmflow.exact.GeodesicPath;
import io.gmmflow.linalg.Dense;
import io.gmmflow.linalg.RandomMatrices;
import io.gmmflow.linalg.Spectral;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Timings of method-exact's kernels, one JSON line each (a measurement main, not a test: the machine
 * is shared and noisy, so take the numbers as orders of magnitude):
 * <ul>
 *   <li>{@code "kernel":"evaluate"}: {@link GeodesicPath#evaluate} (log-density and velocity) per point,
 *       in chunks of 128 points as core's MixtureFlow calls it, against a direct route that forms
 *       Sigma(t) and B(t) at each call and evaluates the Gaussian's own log-density per point;</li>
 *   <li>{@code "kernel":"w2"}: the W2^2 cost by eigenvalues only against the textbook formula with two
 *       matrix square roots.</li>
 * </ul>
 */
public final class ExactKernelTimings {

    private ExactKernelTimings() {
    }

    public static void main(String[] args) {
        SplittableRandom rng = new SplittableRandom(1);
        for (int d : new int[] {2, 10, 50, 100, 300}) {
            Gaussian a = Gaussian.ofFlat(rng.doubles(d, -1, 1).toArray(), RandomMatrices.spd(d, 100, 1, rng));
            Gaussian b = Gaussian.ofFlat(rng.doubles(d, -1, 1).toArray(), RandomMatrices.spd(d, 100, 1, rng));
            GeodesicPath path = GeodesicFlow.geodesic(a, b);
            int chunk = 128;
            int n = Math.max(chunk * 4, (int) Math.min(200_000, 4e9 / ((double) d * d * 10)));
            n -= n % chunk;
            double[] pts = rng.doubles((long) n * d, -2, 2).toArray();
            double[] ld = new double[n];
            double[] v = new double[n * d];
            double fast = Double.POSITIVE_INFINITY;
            double naive = Double.POSITIVE_INFINITY;
            for (int rep = 0; rep < 4; rep++) {
                long t0 = System.nanoTime();
                for (int c = 0; c < n; c += chunk) {
                    path.evaluate(0.37, pts, c, c + chunk, ld, v);
                }
                fast = Math.min(fast, (System.nanoTime() - t0) / (double) n);
                int nn = Math.min(n, 20 * chunk);
                t0 = System.nanoTime();
                double[] x = new double[d];
                double sink = 0;
                for (int c = 0; c < nn; c += chunk) {
                    Gaussian g = path.at(0.37);
                    double[] bt = path.velocityMatrix(0.37);
                    double[] mt = path.mean(0.37);
                    for (int q = c; q < c + chunk; q++) {
                        System.arraycopy(pts, q * d, x, 0, d);
                        sink += g.logDensity(x);
                        double[] vq = Dense.multiplyVector(bt, Dense.subtract(x, mt), d, d);
                        sink += vq[0];
                    }
                }
                naive = Math.min(naive, (System.nanoTime() - t0) / (double) nn);
                if (sink == 42) {
                    System.out.print("");
                }
            }
            System.out.printf(Locale.ROOT, "{\"kernel\":\"evaluate\",\"d\":%d,\"points\":%d,\"nsPerPoint\":%.1f,"
                    + "\"directNsPerPoint\":%.1f,\"speedup\":%.1f}%n", d, n, fast, naive, naive / fast);
            BuresWassersteinCost cost = new BuresWassersteinCost();
            int reps = d >= 300 ? 5 : (d >= 100 ? 20 : 200);
            double eig = Double.POSITIVE_INFINITY;
            double roots = Double.POSITIVE_INFINITY;
            double check = 0;
            for (int rep = 0; rep < 3; rep++) {
                long t0 = System.nanoTime();
                for (int r = 0; r < reps; r++) {
                    check = cost.cost(a, b);
                }
                eig = Math.min(eig, (System.nanoTime() - t0) / 1e6 / reps);
                t0 = System.nanoTime();
                double ref = 0;
                for (int r = 0; r < reps; r++) {
                    double[] sa = Spectral.sqrt(a.covarianceRowMajor(), d);
                    double[] inner = Dense.symmetrize(Dense.multiply(sa, Dense.multiply(b.covarianceRowMajor(), sa, d, d, d),
                            d, d, d), d);
                    ref = Dense.squaredDistance(a.mean(), b.mean()) + a.trace() + b.trace()
                            - 2 * Dense.trace(Spectral.sqrt(inner, d), d);
                }
                roots = Math.min(roots, (System.nanoTime() - t0) / 1e6 / reps);
                check = Math.abs(check - ref) / ref;
            }
            System.out.printf(Locale.ROOT, "{\"kernel\":\"w2\",\"d\":%d,\"eigenvaluesMs\":%.4f,\"twoSquareRootsMs\":%.4f,"
                    + "\"speedup\":%.1f,\"relativeDifference\":%.2e}%n", d, eig, roots, roots / eig, check);
        }
    }
}
