package io.gmmflow.api.testing;

import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * jqwik generators of valid Gaussian mixtures: random K and d, one covariance kind per mixture
 * (full, diagonal or spherical), and weight-0 components (about one in five, never all).
 *
 * <p>{@link #anyMixture} stresses number formatting: means are often arbitrary bit patterns (any
 * finite double, subnormals and -0.0 included), covariances span 1e-100 to 1e100 and carry full
 * 53-bit mantissas. {@link #moderateMixture} keeps means in about [-10, 10] and variances in about
 * [0.05, 20], for statistical tests. Values are built from jqwik's {@link Random}, so a property's
 * seed fixes them (no shrinking: the failing mixture is reported whole).
 */
public final class MixtureArbitraries {

    private MixtureArbitraries() {
    }

    /** Mixtures with up to {@code maxK} components in up to {@code maxD} dimensions, extreme values included. */
    public static Arbitrary<GaussianMixture> anyMixture(int maxK, int maxD) {
        return Arbitraries.randomValue(r -> mixture(r, maxK, maxD, true));
    }

    /** Mixtures with moderate parameters, for sampling tests. */
    public static Arbitrary<GaussianMixture> moderateMixture(int maxK, int maxD) {
        return Arbitraries.randomValue(r -> mixture(r, maxK, maxD, false));
    }

    /** A random valid mixture (see the class comment). */
    public static GaussianMixture mixture(Random r, int maxK, int maxD, boolean extreme) {
        int k = 1 + r.nextInt(maxK);
        int d = 1 + r.nextInt(maxD);
        CovarianceType type = CovarianceType.values()[r.nextInt(3)];
        double[] w = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            w[i] = r.nextDouble() < 0.2 ? 0.0 : 0.05 + r.nextDouble();
            sum += w[i];
        }
        if (sum == 0) {
            w[r.nextInt(k)] = 1.0;
            sum = 1.0;
        }
        for (int i = 0; i < k; i++) {
            w[i] /= sum;
        }
        List<Gaussian> components = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            components.add(gaussian(r, d, type, extreme));
        }
        return GaussianMixture.of(w, components);
    }

    /** A random valid Gaussian of the given kind. */
    public static Gaussian gaussian(Random r, int d, CovarianceType type, boolean extreme) {
        double[] mean = new double[d];
        for (int i = 0; i < d; i++) {
            mean[i] = extreme ? anyFinite(r) : 3 * r.nextGaussian();
        }
        // Scale of the covariance: 10^[-100, 100] when extreme, 10^[-1, 1] otherwise.
        double scale = extreme ? Math.pow(10, -100 + 200 * r.nextDouble()) : Math.pow(10, -1 + 2 * r.nextDouble());
        return switch (type) {
            case FULL -> {
                // Sigma = s (A A^T + 0.2 I): symmetric by construction, smallest eigenvalue >= 0.2 s.
                double[][] a = new double[d][d];
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        a[i][j] = r.nextGaussian();
                    }
                }
                double[][] c = new double[d][d];
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j <= i; j++) {
                        double s = i == j ? 0.2 : 0.0;
                        for (int m = 0; m < d; m++) {
                            s += a[i][m] * a[j][m];
                        }
                        c[i][j] = scale * s;
                        c[j][i] = c[i][j];
                    }
                }
                yield Gaussian.of(mean, c);
            }
            case DIAGONAL -> {
                double[] v = new double[d];
                for (int i = 0; i < d; i++) {
                    v[i] = scale * (0.2 + 2 * r.nextDouble());
                }
                yield Gaussian.diagonal(mean, v);
            }
            case SPHERICAL -> Gaussian.spherical(mean, scale * (0.2 + 2 * r.nextDouble()));
        };
    }

    /** Half the time any finite double by its bits (subnormals, -0.0, 1e300), else a plain one. */
    private static double anyFinite(Random r) {
        if (r.nextBoolean()) {
            double x;
            do {
                x = Double.longBitsToDouble(r.nextLong());
            } while (!Double.isFinite(x));
            return x;
        }
        return r.nextInt(10) == 0 ? -0.0 : 100 * r.nextGaussian();
    }
}
