package io.gmmflow.surrogate;

import io.gmmflow.api.CostModel;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Parameters;
import io.gmmflow.linalg.GaussianFactor;
import io.gmmflow.linalg.PairKernels;
import io.gmmflow.linalg.Spectral;
import io.gmmflow.linalg.SurrogateSpectrum;
import java.util.stream.IntStream;

/**
 * The closed-form surrogate cost of seed 000 (Lemma 2, eq. 6): the kinetic action of the linear
 * Gaussian path (eq. 2) under the affine field of Lemma 1,
 * <pre>
 *   C = |mu1 - mu0|^2 + 1/4 tr(Sigma0^{-1/2} phi(C0) Sigma0^{-1/2} dS^2),   phi(z) = log(1 + z) / z,
 * </pre>
 * with dS = Sigma1 - Sigma0 and C0 = Sigma0^{-1/2} dS Sigma0^{-1/2}. Evaluated in the Cholesky frame
 * of the source (DESIGN.md section 2): with Sigma0 = L L^T and G = L^{-1} dS L^{-T} = Q Lambda Q^T,
 * C = |dmu|^2 + 1/4 sum_k lambda_k log(1 + lambda_k) |L q_k|^2, where lambda log(1 + lambda) is
 * computed as lambda^2 phi(lambda) (no cancellation as lambda -> 0).
 *
 * <p>Routes per pair: d = 1 scalar; both covariances diagonal (or spherical) O(d), per coordinate;
 * d = 2 in closed form (explicit 2 x 2 whitening and eigenpair, no allocation); otherwise one
 * whitening (~d^3 flops) and one symmetric eigendecomposition with vectors (~9 d^3). The fast routes
 * agree with the general one to 1e-12 relative (tested).
 *
 * <p>{@link #matrix} factors each component once (the factor was computed when the Gaussian was
 * validated; {@link GaussianFactor} wraps it in O(d^2)) and runs the K0 x K1 pairs in parallel on
 * the common fork-join pool when the work is worth it (about {@value #PARALLEL_WORK} flops); an
 * error in any pair is reported as {@code "pair (i, j): ..."}, the lowest such pair first.
 *
 * <p>Bad input: a singular source or target covariance (a {@link Gaussian#semiDefinite} one), or
 * round-off that puts a whitened eigenvalue at or below -1, or mismatched dimensions, give an
 * {@link IllegalArgumentException}. No parameters. Stateless and thread-safe.
 */
public final class SurrogateCost implements CostModel {

    /** Registry name. */
    public static final String NAME = "surrogate";

    /** Estimated flops above which {@link #matrix} runs pairs in parallel. */
    static final double PARALLEL_WORK = 2e5;

    /** Public no-argument constructor for ServiceLoader and Guice. */
    public SurrogateCost() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "seed 000 Method A surrogate: kinetic action of the linear Gaussian path (eq. 6)";
    }

    @Override
    public double cost(Gaussian source, Gaussian target, Parameters parameters) {
        GaussianFactor[] f = PairChecks.factors(source, target);
        return pairCost(f[0], f[1]);
    }

    @Override
    public double[][] matrix(GaussianMixture source, GaussianMixture target, Parameters parameters) {
        CostModel.checkDimensions(source, target);
        int k0 = source.size();
        int k1 = target.size();
        int d = source.dimension();
        GaussianFactor[] fa = new GaussianFactor[k0];
        GaussianFactor[] fb = new GaussianFactor[k1];
        for (int i = 0; i < k0; i++) {
            fa[i] = GaussianFactor.of(source.component(i));
        }
        for (int j = 0; j < k1; j++) {
            fb[j] = GaussianFactor.of(target.component(j));
        }
        double[][] c = new double[k0][k1];
        int pairs = k0 * k1;
        // Lowest failing pair index, so that the reported pair does not depend on thread timing.
        int[] failed = {Integer.MAX_VALUE};
        IllegalArgumentException[] error = new IllegalArgumentException[1];
        IntStream range = IntStream.range(0, pairs);
        if (pairs > 1 && (double) pairs * pairWork(d) >= PARALLEL_WORK) {
            range = range.parallel();
        }
        range.forEach(p -> {
            int i = p / k1;
            int j = p % k1;
            try {
                c[i][j] = pairCost(fa[i], fb[j]);
            } catch (IllegalArgumentException e) {
                synchronized (failed) {
                    if (p < failed[0]) {
                        failed[0] = p;
                        error[0] = new IllegalArgumentException("pair (" + i + ", " + j + "): " + e.getMessage(), e);
                    }
                }
            }
        });
        if (error[0] != null) {
            throw error[0];
        }
        return c;
    }

    /** Rough flop count of one pair by the general route (the fast routes are far below it). */
    private static double pairWork(int d) {
        return d <= 2 ? 50 : 10.0 * d * d * d;
    }

    /** C for prepared factors (checks positive definiteness). */
    static double pairCost(GaussianFactor a, GaussianFactor b) {
        PairChecks.requirePositiveDefinite(a, b);
        return PairKernels.meanDistanceSquared(a, b) + covarianceCost(a, b);
    }

    /**
     * The covariance part 1/4 sum_k lambda_k log(1 + lambda_k) |L q_k|^2 by the cheapest route
     * (both factors already checked positive definite and of one dimension).
     */
    static double covarianceCost(GaussianFactor a, GaussianFactor b) {
        int d = a.dimension();
        if (d == 1) {
            return scalarCost(a.covarianceView()[0], b.covarianceView()[0]);
        }
        if (a.isDiagonal() && b.isDiagonal()) {
            return diagonalCost(a.covarianceView(), b.covarianceView());
        }
        if (d == 2) {
            return twoByTwoCost(a, b);
        }
        return generalCost(a, b);
    }

    /** d = 1: 1/4 a lambda log(1 + lambda), lambda = (b - a) / a. */
    static double scalarCost(double a, double b) {
        double lambda = (b - a) / a;
        PairChecks.requireAboveMinusOne(lambda);
        return 0.25 * a * Spectral.zLog1p(lambda);
    }

    /** Diagonal covariances: per coordinate, O(d). */
    static double diagonalCost(double[] va, double[] vb) {
        double s = 0;
        for (int k = 0; k < va.length; k++) {
            double lambda = (vb[k] - va[k]) / va[k];
            PairChecks.requireAboveMinusOne(lambda);
            s += va[k] * Spectral.zLog1p(lambda);
        }
        return 0.25 * s;
    }

    /** The general route: one eigendecomposition of the whitened increment (DESIGN.md section 2). */
    static double generalCost(GaussianFactor a, GaussianFactor b) {
        SurrogateSpectrum s = PairKernels.surrogateSpectrum(a, b);
        PairChecks.requireAboveMinusOne(minimum(s.lambda()));
        return s.covarianceCost();
    }

    static double minimum(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    /** Covariance entry (i, j) of a factor, whatever its storage. */
    static double entry(GaussianFactor f, int i, int j) {
        if (f.isDiagonal()) {
            return i == j ? f.covarianceView()[i] : 0.0;
        }
        return f.covarianceView()[i * f.dimension() + j];
    }

    /**
     * d = 2 in closed form: G = L^{-1} dS L^{-T} by explicit substitution, its eigenvalues
     * m -/+ hypot((g00 - g11)/2, g01) (the one of smaller modulus from det / other when both have
     * one sign, to avoid cancellation), the eigenvector of the larger one from whichever of
     * (g01, hi - g00) and (hi - g11, g01) is longer, and the weights |L q|^2 directly.
     */
    static double twoByTwoCost(GaussianFactor a, GaussianFactor b) {
        double l00;
        double l10;
        double l11;
        double[] f = a.factorView();
        if (a.isDiagonal()) {
            l00 = f[0];
            l10 = 0;
            l11 = f[1];
        } else {
            l00 = f[0];
            l10 = f[2];
            l11 = f[3];
        }
        double p = entry(b, 0, 0) - entry(a, 0, 0);
        double q = 0.5 * ((entry(b, 0, 1) - entry(a, 0, 1)) + (entry(b, 1, 0) - entry(a, 1, 0)));
        double r = entry(b, 1, 1) - entry(a, 1, 1);
        // X = L^{-1} dS
        double x00 = p / l00;
        double x01 = q / l00;
        double x10 = (q - l10 * x00) / l11;
        double x11 = (r - l10 * x01) / l11;
        // G = L^{-1} X^T (= X L^{-T}, symmetric)
        double g00 = x00 / l00;
        double g01a = x10 / l00;
        double g10 = (x01 - l10 * g00) / l11;
        double g11 = (x11 - l10 * g01a) / l11;
        double g01 = 0.5 * (g01a + g10);

        double m = 0.5 * (g00 + g11);
        double h = Math.hypot(0.5 * (g00 - g11), g01);
        double hi = m + h;
        double lo = m - h;
        double det = g00 * g11 - g01 * g01;
        if (Math.abs(m) > h) {
            if (m > 0) {
                lo = det / hi;
            } else {
                hi = det / lo;
            }
        }
        PairChecks.requireAboveMinusOne(Math.min(lo, hi));
        double x;
        double y;
        if (g01 == 0.0) {
            // Already diagonal: the larger value belongs to the larger diagonal entry.
            if (g00 >= g11) {
                x = 1;
                y = 0;
            } else {
                x = 0;
                y = 1;
            }
        } else {
            double ax = g01;
            double ay = hi - g00;
            double bx = hi - g11;
            double by = g01;
            double na = ax * ax + ay * ay;
            double nb = bx * bx + by * by;
            if (na >= nb) {
                double n = Math.sqrt(na);
                x = ax / n;
                y = ay / n;
            } else {
                double n = Math.sqrt(nb);
                x = bx / n;
                y = by / n;
            }
        }
        // |L q|^2 for q_hi = (x, y) and q_lo = (-y, x)
        double u0 = l00 * x;
        double u1 = l10 * x + l11 * y;
        double wHi = u0 * u0 + u1 * u1;
        double v0 = -l00 * y;
        double v1 = -l10 * y + l11 * x;
        double wLo = v0 * v0 + v1 * v1;
        return 0.25 * (Spectral.zLog1p(hi) * wHi + Spectral.zLog1p(lo) * wLo);
    }
}
