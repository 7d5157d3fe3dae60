package io.gmmflow.surrogate;

import io.gmmflow.api.Gaussian;
import io.gmmflow.linalg.CholeskyFactor;
import io.gmmflow.linalg.Dense;
import io.gmmflow.linalg.RandomMatrices;
import io.gmmflow.linalg.Spectral;
import io.gmmflow.linalg.SymmetricEigen;
import java.util.SplittableRandom;

/** Seeded random pairs and independent reference computations for the tests. */
final class TestPairs {

    private TestPairs() {
    }

    /** N(mean, SPD with condition number up to {@code cond} and scale in [0.2, 3]) in a random basis. */
    static Gaussian randomFull(int d, double cond, SplittableRandom rng) {
        double[] mean = rng.doubles(d, -2, 2).toArray();
        return Gaussian.ofFlat(mean, RandomMatrices.spd(d, cond, rng.nextDouble(0.2, 3), rng));
    }

    /**
     * A commuting pair: Sigma0 = U diag(a) U^T, Sigma1 = U diag(a (1 + lambda)) U^T with the given
     * whitened eigenvalues lambda_k (> -1).
     */
    static Gaussian[] commuting(double[] a, double[] lambda, SplittableRandom rng) {
        int d = a.length;
        double[] u = RandomMatrices.orthogonal(d, rng);
        double[] b = new double[d];
        for (int k = 0; k < d; k++) {
            b[k] = a[k] * (1 + lambda[k]);
        }
        double[] mean0 = rng.doubles(d, -1, 1).toArray();
        double[] mean1 = rng.doubles(d, -1, 1).toArray();
        return new Gaussian[] {
            Gaussian.ofFlat(mean0, Dense.synthesize(u, a, d)), Gaussian.ofFlat(mean1, Dense.synthesize(u, b, d))};
    }

    /** The same Gaussian stored as a full matrix. */
    static Gaussian asFull(Gaussian g) {
        return Gaussian.ofFlat(g.mean(), g.covarianceRowMajor());
    }

    /**
     * The covariance part of the surrogate cost by the dense route, independent of the production
     * dispatch: G = L^{-1} dS L^{-T} by {@link CholeskyFactor}, eigenpairs by the hand-written QL
     * solver for every d (also d = 1, 2), weights |L q_k|^2 by an explicit product.
     */
    static double denseCovarianceCost(Gaussian a, Gaussian b) {
        int d = a.dimension();
        double[] s0 = a.covarianceRowMajor();
        CholeskyFactor l = CholeskyFactor.of(s0, d, "source");
        double[] ds = Dense.subtract(b.covarianceRowMajor(), s0);
        double[] g = Dense.symmetrize(l.whitenSymmetric(ds), d);
        SymmetricEigen.Decomposition e = SymmetricEigen.decomposeJava(g, d);
        double[] lq = Dense.multiply(l.lower(), e.vectors(), d, d, d);
        double s = 0;
        for (int k = 0; k < d; k++) {
            double w = 0;
            for (int i = 0; i < d; i++) {
                w += lq[i * d + k] * lq[i * d + k];
            }
            s += Spectral.zLog1p(e.value(k)) * w;
        }
        return 0.25 * s;
    }

    /** 1/4 tr(dS Sigma(t)^{-1} dS) with Sigma(t) = (1-t) S0 + t S1, by Cholesky solves (no eigendecomposition). */
    static double covarianceSpeedSquared(double[] s0, double[] s1, double t, int d) {
        double[] sig = new double[d * d];
        double[] ds = new double[d * d];
        for (int i = 0; i < d * d; i++) {
            sig[i] = (1 - t) * s0[i] + t * s1[i];
            ds[i] = s1[i] - s0[i];
        }
        CholeskyFactor c = CholeskyFactor.of(sig, d, "Sigma(t)");
        double[] x = c.solveLowerMatrix(ds, d); // L^{-1} dS
        // tr(dS Sigma^{-1} dS) = |L^{-1} dS|_F^2
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return 0.25 * s;
    }

    /** Composite Gauss-Legendre nodes/weights on [0, 1], panels graded geometrically towards both ends. */
    static double[][] gradedRule(int gradedPanels) {
        double[][] gl = io.gmmflow.api.contract.ComponentFlowContract.gaussLegendre(20);
        int panels = 2 * gradedPanels;
        double[] breaks = new double[panels + 1];
        for (int k = 0; k <= gradedPanels; k++) {
            breaks[k] = k == 0 ? 0 : 0.5 * Math.pow(0.5, gradedPanels - k);
            breaks[panels - k] = 1 - breaks[k];
        }
        int n = panels * gl[0].length;
        double[] t = new double[n];
        double[] w = new double[n];
        int q = 0;
        for (int p = 0; p < panels; p++) {
            double lo = breaks[p];
            double hi = breaks[p + 1];
            for (int i = 0; i < gl[0].length; i++) {
                t[q] = lo + 0.5 * (hi - lo) * (gl[0][i] + 1);
                w[q] = 0.5 * (hi - lo) * gl[1][i];
                q++;
            }
        }
        return new double[][] {t, w};
    }

    static double relative(double a, double b) {
        return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
    }
}
