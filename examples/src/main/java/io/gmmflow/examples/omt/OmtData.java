package io.gmmflow.examples.omt;

import java.util.SplittableRandom;

/**
 * Seeded 2-D point clouds for the seed 003 examples, written after scikit-learn's
 * {@code make_moons} / {@code make_circles} and the "8 gaussians" and spiral of the flow
 * literature (the seed does not print its generators; these are stated here so that the figures
 * can be rerun).
 */
final class OmtData {

    private OmtData() {
    }

    /** The target tasks of seed 003 Fig. 1 that this example draws. */
    static final String[] TASKS = {"8gaussians", "moons", "circles", "spiral"};

    /** n points of {@code task}. */
    static double[][] sample(String task, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][2];
        for (int p = 0; p < n; p++) {
            switch (task) {
                case "8gaussians" -> {
                    // centers on the circle of radius 3 at multiples of 45 degrees, sd 0.3
                    int k = rng.nextInt(8);
                    double a = Math.PI * k / 4;
                    x[p][0] = 3 * Math.cos(a) + 0.3 * rng.nextGaussian();
                    x[p][1] = 3 * Math.sin(a) + 0.3 * rng.nextGaussian();
                }
                case "moons" -> {
                    // make_moons(noise=0.1), scaled by 2 and centred
                    double t = Math.PI * rng.nextDouble();
                    boolean outer = rng.nextBoolean();
                    double u = outer ? Math.cos(t) : 1 - Math.cos(t);
                    double v = outer ? Math.sin(t) : 0.5 - Math.sin(t);
                    x[p][0] = 2 * (u - 0.5 + 0.1 * rng.nextGaussian());
                    x[p][1] = 2 * (v - 0.25 + 0.1 * rng.nextGaussian());
                }
                case "circles" -> {
                    // make_circles(factor=0.5, noise=0.05), scaled by 3
                    double t = 2 * Math.PI * rng.nextDouble();
                    double r = rng.nextBoolean() ? 1 : 0.5;
                    x[p][0] = 3 * (r * Math.cos(t) + 0.05 * rng.nextGaussian());
                    x[p][1] = 3 * (r * Math.sin(t) + 0.05 * rng.nextGaussian());
                }
                case "spiral" -> {
                    // r = t / pi on t in [0.5 pi, 3.5 pi] with uniform arc-length-ish density, noise 0.1
                    double t = Math.PI * (0.5 + 3 * Math.sqrt(rng.nextDouble()));
                    double r = t / Math.PI;
                    x[p][0] = r * Math.cos(t) + 0.1 * rng.nextGaussian();
                    x[p][1] = r * Math.sin(t) + 0.1 * rng.nextGaussian();
                }
                case "normal" -> {
                    x[p][0] = rng.nextGaussian();
                    x[p][1] = rng.nextGaussian();
                }
                default -> throw new IllegalArgumentException("unknown task " + task);
            }
        }
        return x;
    }

    /** x + sigma N(0, I) for every point (a copy). */
    static double[][] perturb(double[][] x, double sigma, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] y = new double[x.length][];
        for (int p = 0; p < x.length; p++) {
            y[p] = x[p].clone();
            for (int k = 0; k < y[p].length; k++) {
                y[p][k] += sigma * rng.nextGaussian();
            }
        }
        return y;
    }
}
