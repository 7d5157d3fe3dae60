package io.gmmflow.linalg;

import java.util.random.RandomGenerator;

/**
 * Seeded random matrices for tests, examples and benchmarks: Haar-distributed orthogonal matrices
 * and symmetric positive definite matrices with a prescribed spectrum (Q diag(s) Q^T), as in the
 * workload of seed 000 Fig. 1. Stateless and thread-safe (the generator is the caller's).
 */
public final class RandomMatrices {

    private RandomMatrices() {
    }

    /**
     * A Haar-random d x d orthogonal matrix (row-major): Gram-Schmidt with reorthogonalization on
     * a matrix of standard normal entries, i.e. the Q of its QR factorization with R_ii > 0.
     */
    public static double[] orthogonal(int d, RandomGenerator rng) {
        double[] q = new double[d * d];
        double[] col = new double[d];
        for (int k = 0; k < d; k++) {
            for (int i = 0; i < d; i++) {
                col[i] = rng.nextGaussian();
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int j = 0; j < k; j++) {
                    double dot = 0;
                    for (int i = 0; i < d; i++) {
                        dot += q[i * d + j] * col[i];
                    }
                    for (int i = 0; i < d; i++) {
                        col[i] -= dot * q[i * d + j];
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < d; i++) {
                norm += col[i] * col[i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < d; i++) {
                q[i * d + k] = col[i] / norm;
            }
        }
        return q;
    }

    /** Q diag(spectrum) Q^T with a Haar-random Q: symmetric with exactly that spectrum (to round-off). */
    public static double[] withSpectrum(double[] spectrum, RandomGenerator rng) {
        int d = spectrum.length;
        return Dense.synthesize(orthogonal(d, rng), spectrum, d);
    }

    /** d numbers from lo to hi equally spaced in log scale (numpy's geomspace); {lo} when d = 1. */
    public static double[] geomspace(double lo, double hi, int d) {
        double[] s = new double[d];
        if (d == 1) {
            s[0] = lo;
            return s;
        }
        double a = Math.log(lo);
        double b = Math.log(hi);
        for (int i = 0; i < d; i++) {
            s[i] = Math.exp(a + (b - a) * i / (d - 1));
        }
        s[0] = lo;
        s[d - 1] = hi;
        return s;
    }

    /** A random SPD matrix with eigenvalues geomspace(scale, scale * condition, d) in a random basis. */
    public static double[] spd(int d, double condition, double scale, RandomGenerator rng) {
        return withSpectrum(geomspace(scale, scale * condition, d), rng);
    }
}
