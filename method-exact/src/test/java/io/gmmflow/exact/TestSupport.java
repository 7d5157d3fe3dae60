package io.gmmflow.exact;

import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.linalg.Dense;
import io.gmmflow.linalg.RandomMatrices;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded test data and independent reference routes: the matrix square root by the Denman-Beavers
 * iteration (plain Gauss-Jordan inverses, no eigensolver), so that the eigenvalue-based kernels
 * under test are checked against a different algorithm.
 */
public final class TestSupport {

    private TestSupport() {
    }

    /** A Gaussian with a random full covariance of condition number {@code cond} and scale in [0.2, 3]. */
    public static Gaussian randomFull(int d, double cond, SplittableRandom rng) {
        double[] mean = rng.doubles(d, -2, 2).toArray();
        return Gaussian.ofFlat(mean, RandomMatrices.spd(d, cond, rng.nextDouble(0.2, 3), rng));
    }

    /** A mixture of k random full Gaussians with random weights. */
    public static GaussianMixture randomMixture(int k, int d, double cond, double spread, SplittableRandom rng) {
        List<Gaussian> comps = new ArrayList<>();
        double[] w = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            Gaussian g = randomFull(d, cond, rng);
            double[] m = g.mean();
            for (int j = 0; j < d; j++) {
                m[j] *= spread;
            }
            comps.add(Gaussian.ofFlat(m, g.covarianceRowMajor()));
            w[i] = rng.nextDouble(0.2, 1);
            sum += w[i];
        }
        double acc = 0;
        for (int i = 0; i < k - 1; i++) {
            w[i] /= sum;
            acc += w[i];
        }
        w[k - 1] = 1 - acc;
        return GaussianMixture.of(w, comps);
    }

    /** A 1-D mixture from means, variances and weights. */
    public static GaussianMixture mixture1d(double[] weights, double[] means, double[] variances) {
        List<Gaussian> comps = new ArrayList<>();
        for (int i = 0; i < means.length; i++) {
            comps.add(Gaussian.of(new double[] {means[i]}, new double[][] {{variances[i]}}));
        }
        return GaussianMixture.of(weights, comps);
    }

    /** The inverse of a d x d matrix by Gauss-Jordan elimination with partial pivoting. */
    public static double[] inverse(double[] a, int d) {
        double[] m = a.clone();
        double[] inv = Dense.identity(d);
        for (int c = 0; c < d; c++) {
            int piv = c;
            for (int r = c + 1; r < d; r++) {
                if (Math.abs(m[r * d + c]) > Math.abs(m[piv * d + c])) {
                    piv = r;
                }
            }
            if (piv != c) {
                swapRows(m, d, c, piv);
                swapRows(inv, d, c, piv);
            }
            double p = m[c * d + c];
            for (int j = 0; j < d; j++) {
                m[c * d + j] /= p;
                inv[c * d + j] /= p;
            }
            for (int r = 0; r < d; r++) {
                if (r == c) {
                    continue;
                }
                double f = m[r * d + c];
                if (f == 0) {
                    continue;
                }
                for (int j = 0; j < d; j++) {
                    m[r * d + j] -= f * m[c * d + j];
                    inv[r * d + j] -= f * inv[c * d + j];
                }
            }
        }
        return inv;
    }

    private static void swapRows(double[] m, int d, int a, int b) {
        for (int j = 0; j < d; j++) {
            double t = m[a * d + j];
            m[a * d + j] = m[b * d + j];
            m[b * d + j] = t;
        }
    }

    /**
     * The principal square root of an SPD matrix by the (product form) Denman-Beavers iteration
     * with determinant scaling: quadratic convergence, no eigendecomposition.
     */
    public static double[] sqrtDenmanBeavers(double[] a, int d) {
        double[] y = a.clone();
        double[] z = Dense.identity(d);
        for (int it = 0; it < 100; it++) {
            double[] yi = inverse(y, d);
            double[] zi = inverse(z, d);
            // Scaling mu = |det(Y Z)|^{-1/(2d)} speeds up the early iterations.
            double mu = Math.exp(-(logAbsDet(y, d) + logAbsDet(z, d)) / (2.0 * d));
            if (it > 6) {
                mu = 1;
            }
            double[] yn = new double[d * d];
            double[] zn = new double[d * d];
            for (int i = 0; i < d * d; i++) {
                yn[i] = 0.5 * (mu * y[i] + zi[i] / mu);
                zn[i] = 0.5 * (mu * z[i] + yi[i] / mu);
            }
            double change = Dense.frobeniusNorm(Dense.subtract(yn, y)) / Dense.frobeniusNorm(yn);
            y = yn;
            z = zn;
            if (change < 1e-15 && it > 6) {
                break;
            }
        }
        return Dense.symmetrize(y, d);
    }

    private static double logAbsDet(double[] a, int d) {
        double[] m = a.clone();
        double s = 0;
        for (int c = 0; c < d; c++) {
            int piv = c;
            for (int r = c + 1; r < d; r++) {
                if (Math.abs(m[r * d + c]) > Math.abs(m[piv * d + c])) {
                    piv = r;
                }
            }
            swapRows(m, d, c, piv);
            double p = m[c * d + c];
            s += Math.log(Math.abs(p));
            for (int r = c + 1; r < d; r++) {
                double f = m[r * d + c] / p;
                for (int j = c; j < d; j++) {
                    m[r * d + j] -= f * m[c * d + j];
                }
            }
        }
        return s;
    }

    /** W2^2 by the textbook formula of seed 000 eq. 10, with Denman-Beavers square roots. */
    public static double w2BySquareRoots(Gaussian a, Gaussian b) {
        int d = a.dimension();
        double[] sa = sqrtDenmanBeavers(a.covarianceRowMajor(), d);
        double[] inner = Dense.symmetrize(Dense.multiply(sa, Dense.multiply(b.covarianceRowMajor(), sa, d, d, d), d, d, d), d);
        double[] root = sqrtDenmanBeavers(inner, d);
        return Dense.squaredDistance(a.mean(), b.mean()) + a.trace() + b.trace() - 2 * Dense.trace(root, d);
    }

    /** The textbook Bures map of eq. 26: Sigma0^{-1/2} (Sigma0^{1/2} Sigma1 Sigma0^{1/2})^{1/2} Sigma0^{-1/2}. */
    public static double[] buresMapBySquareRoots(Gaussian a, Gaussian b) {
        int d = a.dimension();
        double[] sa = sqrtDenmanBeavers(a.covarianceRowMajor(), d);
        double[] sai = inverse(sa, d);
        double[] inner = Dense.symmetrize(Dense.multiply(sa, Dense.multiply(b.covarianceRowMajor(), sa, d, d, d), d, d, d), d);
        double[] root = sqrtDenmanBeavers(inner, d);
        return Dense.symmetrize(Dense.multiply(sai, Dense.multiply(root, sai, d, d, d), d, d, d), d);
    }

    /** The largest |a_i - b_i| relative to the largest |b_i|. */
    public static double relativeError(double[] a, double[] b) {
        return Dense.maxAbsDifference(a, b) / Math.max(Dense.maxAbs(b), Double.MIN_NORMAL);
    }
}
