package io.gmmflow.core.fit;

import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.SolverStatus;
import io.gmmflow.linalg.GaussianFactor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a Gaussian mixture to points by expectation-maximization, as scikit-learn's
 * {@code GaussianMixture} does (the peer that seed 003 used to fit its GMMs).
 *
 * <ul>
 *   <li><b>Starts:</b> k-means++ seeding (D^2 sampling) refined by Lloyd's k-means (at most 100
 *       iterations, until the squared center shift falls below 1e-4 times the mean coordinate
 *       variance, scikit-learn's rule); the hard labels give the first parameters. {@code restarts}
 *       independent starts; the best final log-likelihood wins.</li>
 *   <li><b>E-step</b> in the log domain: log r_pk = log w_k + log N(x_p | mu_k, Sigma_k) - log-sum-exp
 *       over k, with {@link GaussianFactor#logDensity} (O(d^2) per point and component, O(d) for
 *       diagonal and spherical); parallel over fixed chunks of points.</li>
 *   <li><b>M-step</b>: N_k = sum_p r_pk (+ 10 ulp, as scikit-learn, so an empty component stays
 *       defined), w_k = N_k / sum N, mu_k = sum r x / N_k, Sigma_k = sum r (x - mu)(x - mu)^T / N_k
 *       (a second pass around the new mean, no cancellation) + regCovar I; diagonal keeps the
 *       variances, spherical their mean; parallel over components.</li>
 *   <li><b>Stopping:</b> |change of the mean log-likelihood per point| < tolerance (CONVERGED) or
 *       maxIterations (MAX_ITERATIONS). A covariance that is not positive definite after the floor
 *       (possible only with regCovar = 0) ends that start as FAILED.</li>
 * </ul>
 * EM never decreases the likelihood when regCovar = 0; the floor perturbs the M-step by regCovar,
 * which is negligible for data whose variances are far above it.
 *
 * <p>Deterministic for a seed whatever the number of threads: chunks are fixed by n, per-chunk sums
 * are reduced in chunk order, per-component sums run sequentially over the points. Cost per EM
 * iteration: O(n K d^2) for full covariances (O(n K d) otherwise); memory n K doubles for the
 * responsibilities. Stateless and thread-safe.
 */
public final class GmmFitter {

    private static final Logger LOG = LoggerFactory.getLogger(GmmFitter.class);
    private static final int CHUNK = 2048;
    private static final int LLOYD_ITERATIONS = 100;
    private static final double EMPTY = 10 * Math.ulp(1.0);

    /**
     * Fits a mixture to {@code points} (one point per row).
     *
     * @throws IllegalArgumentException for no points, rows of different lengths, non-finite
     *     coordinates, more components than points, or data whose k-means start already has a
     *     degenerate cluster that the covariance floor does not lift (regCovar = 0)
     */
    public GmmFit fit(double[][] points, FitSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings must not be null");
        }
        Data data = Data.of(points);
        if (settings.components() > data.n) {
            throw new IllegalArgumentException("cannot fit " + settings.components() + " components to "
                    + data.n + " points");
        }
        SplittableRandom root = new SplittableRandom(settings.seed());
        GmmFit best = null;
        GmmFit lastFailed = null;
        for (int r = 0; r < settings.restarts(); r++) {
            GmmFit fit = fitOnce(data, settings, root.split(), r);
            LOG.debug("EM start {}: status {}, {} iterations, log-likelihood {}", r, fit.status(), fit.iterations(),
                    fit.logLikelihood());
            if (fit.status() == SolverStatus.FAILED) {
                lastFailed = fit;
            } else if (best == null || fit.logLikelihood() > best.logLikelihood()) {
                best = fit;
            }
        }
        return best != null ? best : lastFailed;
    }

    /**
     * EM started from {@code initial} instead of k-means++ (scikit-learn's {@code weights_init},
     * {@code means_init}, {@code precisions_init}): one start, the components keep their order, so a
     * refit on perturbed data stays comparable component by component (seed 003 Appendix B.4).
     * {@code settings.components()} and {@code restarts()} are ignored; the covariance type is the
     * one of {@code settings}.
     *
     * @throws IllegalArgumentException for bad points (as {@link #fit}), an initial mixture of another
     *     dimension, or more components than points
     */
    public GmmFit fitFrom(double[][] points, GaussianMixture initial, FitSettings settings) {
        if (settings == null || initial == null) {
            throw new IllegalArgumentException("settings and the initial mixture must not be null");
        }
        Data data = Data.of(points);
        if (initial.dimension() != data.d) {
            throw new IllegalArgumentException("the initial mixture has dimension " + initial.dimension()
                    + " but the points have " + data.d + " coordinates");
        }
        if (initial.size() > data.n) {
            throw new IllegalArgumentException("cannot fit " + initial.size() + " components to " + data.n + " points");
        }
        FitSettings s = new FitSettings(initial.size(), settings.covarianceType(), settings.regCovar(),
                settings.maxIterations(), settings.tolerance(), 1, settings.seed());
        return em(data, s, initial, new double[initial.size() * data.n], 0);
    }

    /** The points as a flat row-major array, validated. */
    private record Data(double[] x, int n, int d) {
        static Data of(double[][] points) {
            if (points == null || points.length == 0) {
                throw new IllegalArgumentException("no points to fit");
            }
            if (points[0] == null || points[0].length == 0) {
                throw new IllegalArgumentException("point 0 has no coordinates");
            }
            int d = points[0].length;
            int n = points.length;
            double[] x = new double[n * d];
            for (int p = 0; p < n; p++) {
                double[] row = points[p];
                if (row == null || row.length != d) {
                    throw new IllegalArgumentException("point " + p + " has " + (row == null ? 0 : row.length)
                            + " coordinates but point 0 has " + d);
                }
                for (int k = 0; k < d; k++) {
                    if (!Double.isFinite(row[k])) {
                        throw new IllegalArgumentException("point " + p + ", coordinate " + k + " is not finite ("
                                + row[k] + ")");
                    }
                    x[p * d + k] = row[k];
                }
            }
            return new Data(x, n, d);
        }

        int chunks() {
            return (n + CHUNK - 1) / CHUNK;
        }
    }

    private GmmFit fitOnce(Data data, FitSettings s, SplittableRandom rng, int restart) {
        int n = data.n;
        int k = s.components();
        double[] resp = new double[k * n];
        int[] labels = kMeans(data, k, rng);
        for (int p = 0; p < n; p++) {
            resp[labels[p] * n + p] = 1;
        }
        GaussianMixture current;
        try {
            current = mStep(data, resp, s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the k-means start gives no valid mixture (" + e.getMessage()
                    + "); increase regCovar (now " + s.regCovar() + ") or fit fewer components", e);
        }
        return em(data, s, current, resp, restart);
    }

    /** EM iterations from {@code current}; resp (K n doubles) is scratch. */
    private GmmFit em(Data data, FitSettings s, GaussianMixture start, double[] resp, int restart) {
        int n = data.n;
        GaussianMixture current = start;
        List<Double> ll = new ArrayList<>();
        SolverStatus status = SolverStatus.MAX_ITERATIONS;
        int iterations = 0;
        while (true) {
            double l = eStep(data, current, resp);
            ll.add(l);
            int m = ll.size();
            if (m >= 2 && Math.abs(ll.get(m - 1) - ll.get(m - 2)) / n < s.tolerance()) {
                status = SolverStatus.CONVERGED;
                break;
            }
            if (iterations == s.maxIterations()) {
                break;
            }
            try {
                current = mStep(data, resp, s);
            } catch (IllegalArgumentException e) {
                LOG.debug("EM start {}: M-step failed: {}", restart, e.getMessage());
                status = SolverStatus.FAILED;
                break;
            }
            iterations++;
        }
        double[] history = ll.stream().mapToDouble(Double::doubleValue).toArray();
        return new GmmFit(current, history, iterations, status, restart, n, s);
    }

    /** Total log-likelihood; fills resp (component-major, resp[k*n + p]) with the responsibilities. */
    static double eStep(Data data, GaussianMixture mixture, double[] resp) {
        int n = data.n;
        int d = data.d;
        int k = mixture.size();
        GaussianFactor[] f = new GaussianFactor[k];
        double[] logw = new double[k];
        for (int c = 0; c < k; c++) {
            f[c] = GaussianFactor.of(mixture.component(c));
            logw[c] = Math.log(mixture.weight(c));
        }
        double[] partial = new double[data.chunks()];
        IntStream.range(0, data.chunks()).parallel().forEach(ch -> {
            int from = ch * CHUNK;
            int m = Math.min(n, from + CHUNK) - from;
            double[] buf = Arrays.copyOfRange(data.x, from * d, (from + m) * d);
            double[][] lp = new double[k][m];
            for (int c = 0; c < k; c++) {
                f[c].logDensity(buf, 0, m, lp[c]);
            }
            double sum = 0;
            for (int p = 0; p < m; p++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    lp[c][p] += logw[c];
                    max = Math.max(max, lp[c][p]);
                }
                double z = 0;
                for (int c = 0; c < k; c++) {
                    z += Math.exp(lp[c][p] - max);
                }
                double lse = max + Math.log(z);
                sum += lse;
                for (int c = 0; c < k; c++) {
                    resp[c * n + from + p] = Math.exp(lp[c][p] - lse);
                }
            }
            partial[ch] = sum;
        });
        double total = 0;
        for (double v : partial) {
            total += v;
        }
        return total;
    }

    /** The M-step: weights, means and floored covariances from the responsibilities. */
    static GaussianMixture mStep(Data data, double[] resp, FitSettings s) {
        int n = data.n;
        int d = data.d;
        int k = s.components();
        double[] x = data.x;
        double[] nk = new double[k];
        Gaussian[] comps = new Gaussian[k];
        IllegalArgumentException[] failure = new IllegalArgumentException[k];
        IntStream.range(0, k).parallel().forEach(c -> {
            int off = c * n;
            double sum = 0;
            double[] mean = new double[d];
            for (int p = 0; p < n; p++) {
                double r = resp[off + p];
                if (r == 0) {
                    continue;
                }
                sum += r;
                int xp = p * d;
                for (int i = 0; i < d; i++) {
                    mean[i] += r * x[xp + i];
                }
            }
            sum += EMPTY;
            nk[c] = sum;
            for (int i = 0; i < d; i++) {
                mean[i] /= sum;
            }
            double[] diff = new double[d];
            try {
                if (s.covarianceType() == CovarianceType.FULL) {
                    double[] cov = new double[d * d];
                    for (int p = 0; p < n; p++) {
                        double r = resp[off + p];
                        if (r == 0) {
                            continue;
                        }
                        int xp = p * d;
                        for (int i = 0; i < d; i++) {
                            diff[i] = x[xp + i] - mean[i];
                        }
                        for (int i = 0; i < d; i++) {
                            double ri = r * diff[i];
                            int row = i * d;
                            for (int j = i; j < d; j++) {
                                cov[row + j] += ri * diff[j];
                            }
                        }
                    }
                    for (int i = 0; i < d; i++) {
                        for (int j = i; j < d; j++) {
                            double v = cov[i * d + j] / sum;
                            cov[i * d + j] = v;
                            cov[j * d + i] = v;
                        }
                        cov[i * d + i] += s.regCovar();
                    }
                    comps[c] = Gaussian.ofFlat(mean, cov);
                } else {
                    double[] var = new double[d];
                    for (int p = 0; p < n; p++) {
                        double r = resp[off + p];
                        if (r == 0) {
                            continue;
                        }
                        int xp = p * d;
                        for (int i = 0; i < d; i++) {
                            double t = x[xp + i] - mean[i];
                            var[i] += r * t * t;
                        }
                    }
                    if (s.covarianceType() == CovarianceType.DIAGONAL) {
                        for (int i = 0; i < d; i++) {
                            var[i] = var[i] / sum + s.regCovar();
                        }
                        comps[c] = Gaussian.diagonal(mean, var);
                    } else {
                        double v = 0;
                        for (int i = 0; i < d; i++) {
                            v += var[i];
                        }
                        comps[c] = Gaussian.spherical(mean, v / (sum * d) + s.regCovar());
                    }
                }
            } catch (IllegalArgumentException e) {
                failure[c] = new IllegalArgumentException("component " + c + ": " + e.getMessage(), e);
            }
        });
        for (IllegalArgumentException e : failure) {
            if (e != null) {
                throw e;
            }
        }
        double total = 0;
        for (double v : nk) {
            total += v;
        }
        double[] w = new double[k];
        for (int c = 0; c < k; c++) {
            w[c] = nk[c] / total;
        }
        return GaussianMixture.of(w, Arrays.asList(comps));
    }

    /** k-means++ seeding then Lloyd iterations; returns the final labels. */
    static int[] kMeans(Data data, int k, SplittableRandom rng) {
        int n = data.n;
        int d = data.d;
        double[] x = data.x;
        int chunks = data.chunks();
        double[] centers = new double[k * d];
        double[] dist = new double[n];
        int first = rng.nextInt(n);
        System.arraycopy(x, first * d, centers, 0, d);
        double[] chunkSums = new double[chunks];
        updateDistances(data, centers, 0, dist, chunkSums, true);
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (double v : chunkSums) {
                total += v;
            }
            int pick;
            if (!(total > 0)) {
                pick = rng.nextInt(n);
            } else {
                double u = rng.nextDouble() * total;
                int ch = 0;
                while (ch < chunks - 1 && u >= chunkSums[ch]) {
                    u -= chunkSums[ch];
                    ch++;
                }
                int from = ch * CHUNK;
                int to = Math.min(n, from + CHUNK);
                pick = to - 1;
                for (int p = from; p < to; p++) {
                    if (dist[p] > 0) {
                        pick = p;
                        if (u < dist[p]) {
                            break;
                        }
                        u -= dist[p];
                    }
                }
            }
            System.arraycopy(x, pick * d, centers, c * d, d);
            updateDistances(data, centers, c, dist, chunkSums, false);
        }
        // Lloyd's iterations, stopping on scikit-learn's rule: squared center shift <= 1e-4 * mean variance
        double tol = 1e-4 * meanVariance(data);
        int[] labels = new int[n];
        for (int it = 0; it < LLOYD_ITERATIONS; it++) {
            double[] next = lloydStep(data, centers, k, labels);
            double shift = 0;
            for (int i = 0; i < centers.length; i++) {
                double t = next[i] - centers[i];
                shift += t * t;
            }
            centers = next;
            if (shift <= tol) {
                break;
            }
        }
        assign(data, centers, k, labels);
        return labels;
    }

    private static void updateDistances(Data data, double[] centers, int c, double[] dist, double[] chunkSums,
                                        boolean initialize) {
        int n = data.n;
        int d = data.d;
        double[] x = data.x;
        IntStream.range(0, data.chunks()).parallel().forEach(ch -> {
            int from = ch * CHUNK;
            int to = Math.min(n, from + CHUNK);
            double sum = 0;
            for (int p = from; p < to; p++) {
                double s = 0;
                for (int i = 0; i < d; i++) {
                    double t = x[p * d + i] - centers[c * d + i];
                    s += t * t;
                }
                dist[p] = initialize ? s : Math.min(dist[p], s);
                sum += dist[p];
            }
            chunkSums[ch] = sum;
        });
    }

    private static void assign(Data data, double[] centers, int k, int[] labels) {
        int n = data.n;
        int d = data.d;
        double[] x = data.x;
        IntStream.range(0, data.chunks()).parallel().forEach(ch -> {
            int from = ch * CHUNK;
            int to = Math.min(n, from + CHUNK);
            for (int p = from; p < to; p++) {
                int best = 0;
                double bestD = Double.POSITIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double s = 0;
                    for (int i = 0; i < d; i++) {
                        double t = x[p * d + i] - centers[c * d + i];
                        s += t * t;
                    }
                    if (s < bestD) {
                        bestD = s;
                        best = c;
                    }
                }
                labels[p] = best;
            }
        });
    }

    /** One Lloyd step: assign, then new centers (an empty cluster keeps its center). */
    private static double[] lloydStep(Data data, double[] centers, int k, int[] labels) {
        int n = data.n;
        int d = data.d;
        double[] x = data.x;
        assign(data, centers, k, labels);
        int chunks = data.chunks();
        double[][] sums = new double[chunks][k * d];
        int[][] counts = new int[chunks][k];
        IntStream.range(0, chunks).parallel().forEach(ch -> {
            int from = ch * CHUNK;
            int to = Math.min(n, from + CHUNK);
            for (int p = from; p < to; p++) {
                int c = labels[p];
                counts[ch][c]++;
                for (int i = 0; i < d; i++) {
                    sums[ch][c * d + i] += x[p * d + i];
                }
            }
        });
        double[] next = new double[k * d];
        int[] count = new int[k];
        for (int ch = 0; ch < chunks; ch++) {
            for (int i = 0; i < k * d; i++) {
                next[i] += sums[ch][i];
            }
            for (int c = 0; c < k; c++) {
                count[c] += counts[ch][c];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                next[c * d + i] = count[c] > 0 ? next[c * d + i] / count[c] : centers[c * d + i];
            }
        }
        return next;
    }

    private static double meanVariance(Data data) {
        int n = data.n;
        int d = data.d;
        double total = 0;
        for (int i = 0; i < d; i++) {
            double mean = 0;
            for (int p = 0; p < n; p++) {
                mean += data.x[p * d + i];
            }
            mean /= n;
            double v = 0;
            for (int p = 0; p < n; p++) {
                double t = data.x[p * d + i] - mean;
                v += t * t;
            }
            total += v / n;
        }
        return total / d;
    }
}
