package io.gmmflow.benchmarks.jmh;

import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.linalg.RandomMatrices;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded inputs shared by the JMH benchmarks: Fig. 1-style Gaussians and mixtures. Stateless. */
final class BenchmarkData {

    private BenchmarkData() {
    }

    /** A Gaussian with mean N(shift, I) and covariance Q diag(geomspace(1, 10, d)) Q^T (the Fig. 1 shape). */
    static Gaussian gaussian(int d, double shift, SplittableRandom rng) {
        double[] mean = new double[d];
        for (int i = 0; i < d; i++) {
            mean[i] = rng.nextGaussian() + shift;
        }
        return Gaussian.ofFlat(mean, RandomMatrices.spd(d, 10, 1, rng));
    }

    /** K equally weighted Fig. 1-style components in dimension d. */
    static GaussianMixture mixture(int k, int d, double shift, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Gaussian> comps = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            comps.add(gaussian(d, shift, rng));
        }
        return GaussianMixture.uniform(comps);
    }

    /** n points, flat row-major, drawn from {@code m}. */
    static double[] points(GaussianMixture m, int n, long seed) {
        double[][] x = m.sample(n, seed);
        int d = m.dimension();
        double[] flat = new double[n * d];
        for (int p = 0; p < n; p++) {
            System.arraycopy(x[p], 0, flat, p * d, d);
        }
        return flat;
    }
}
