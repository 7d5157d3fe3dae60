package io.gmmflow.benchmarks.pipeline;

import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.core.io.AtomicFiles;
import io.gmmflow.core.io.GmmJson;
import io.gmmflow.core.io.PointsCsv;
import io.gmmflow.linalg.RandomMatrices;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The workload of seed 000 Fig. 1 (Section VII.B) as issue 9 fixes it: K0 = K1 = 2 components
 * with weights 1/2; source means drawn from N(0, I_d), target means from N(0, I_d) + 3 (every
 * coordinate shifted by 3); every covariance Q diag(geomspace(1, 10, d)) Q^T with its own
 * Haar-random orthogonal Q; and N = 2000 evaluation points drawn from the source mixture, at which
 * u(t, x) is evaluated for t = 0, 0.1, ..., 1.
 *
 * <p>Seeded: one {@link SplittableRandom} per (seed, d), drawn in a fixed order (source means and
 * covariances, then the target's), so that a workload is reproducible bit for bit. {@link #write}
 * stores it as GMM JSON (doubles printed so that they parse back exactly) plus the points as CSV,
 * the files the Python baseline reads, so both sides work on the same matrices. Immutable.
 *
 * @param d      the dimension
 * @param seed   the seed it was drawn with
 * @param source the source mixture
 * @param target the target mixture
 * @param points the N evaluation points, flat row-major (point p at [p d, p d + d))
 */
public record Fig1Workload(int d, long seed, GaussianMixture source, GaussianMixture target, double[] points) {

    /** Components per mixture. */
    public static final int COMPONENTS = 2;

    /** Evaluation points N. */
    public static final int POINTS = 2000;

    /** Number of evaluation times t = 0, 0.1, ..., 1. */
    public static final int TIMES = 11;

    /** Shift of the target means in every coordinate. */
    public static final double SHIFT = 3.0;

    /** Largest eigenvalue of each covariance (the smallest is 1). */
    public static final double CONDITION = 10.0;

    /** Copies the points array. */
    public Fig1Workload {
        points = points.clone();
    }

    @Override
    public double[] points() {
        return points.clone();
    }

    /** The points without a copy (for the timed loops, which do not modify them). */
    double[] pointsView() {
        return points;
    }

    /** The evaluation time t_k = k / 10, k = 0..10. */
    public static double time(int k) {
        return k / 10.0;
    }

    /**
     * Draws the workload for dimension d.
     *
     * @throws IllegalArgumentException if d < 1
     */
    public static Fig1Workload generate(int d, long seed) {
        if (d < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + d);
        }
        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + d);
        GaussianMixture source = mixture(d, 0.0, rng);
        GaussianMixture target = mixture(d, SHIFT, rng);
        double[][] x = source.sample(POINTS, rng.nextLong());
        double[] flat = new double[POINTS * d];
        for (int p = 0; p < POINTS; p++) {
            System.arraycopy(x[p], 0, flat, p * d, d);
        }
        return new Fig1Workload(d, seed, source, target, flat);
    }

    private static GaussianMixture mixture(int d, double shift, SplittableRandom rng) {
        double[] spectrum = RandomMatrices.geomspace(1.0, CONDITION, d);
        List<Gaussian> comps = new ArrayList<>(COMPONENTS);
        for (int k = 0; k < COMPONENTS; k++) {
            double[] mean = new double[d];
            for (int i = 0; i < d; i++) {
                mean[i] = rng.nextGaussian() + shift;
            }
            comps.add(Gaussian.ofFlat(mean, RandomMatrices.withSpectrum(spectrum, rng)));
        }
        return GaussianMixture.uniform(comps);
    }

    /**
     * Writes {@code source.json}, {@code target.json} (GMM JSON) and {@code points.csv} into
     * {@code dir} (created if needed), each atomically.
     */
    public void write(Path dir) {
        AtomicFiles.createDirectories(dir);
        GmmJson.write(source, dir.resolve("source.json"));
        GmmJson.write(target, dir.resolve("target.json"));
        AtomicFiles.writeString(dir.resolve("points.csv"), PointsCsv.writeFlat(points, d));
    }
}
