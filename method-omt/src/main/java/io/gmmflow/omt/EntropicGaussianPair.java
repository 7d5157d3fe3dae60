package io.gmmflow.omt;

import io.gmmflow.api.Gaussian;
import io.gmmflow.linalg.GaussianFactor;
import io.gmmflow.linalg.SymmetricEigen;

/**
 * Entropic optimal transport between two Gaussians P = N(a, A) and Q = N(b, B) in the convention of
 * seed 003 (eq. 12, 21): the pair plan minimizes E_p|x - y|^2 + eps1 KL(p || P x Q) over couplings p
 * of P and Q. Seed 003 eq. 40 is garbled; the formulas here are those of DESIGN.md section 5a.
 *
 * <p>With B = R R^T (the target's Cholesky factor) and R^T A R = U diag(lambda) U^T:
 * <ul>
 *   <li>g(lambda) = lambda / (sqrt(lambda + eps1^2/16) + eps1/4) and
 *       h(lambda) = g / lambda = 1 / (sqrt(lambda + eps1^2/16) + eps1/4), both written without
 *       cancellation (the forms sqrt(lambda + eps1^2/16) - eps1/4 lose every digit for small lambda);</li>
 *   <li>forward map matrix K = R U diag(h) U^T R^T, the SPD solution of K A K + (eps1/2) K = B;
 *       cross-covariance C = A K; y | x ~ N(b + K (x - a), (eps1/2) K);</li>
 *   <li>transport part E|x - y|^2 = |a - b|^2 + tr A + tr B - 2 sum_k g(lambda_k) (clamped at 0);</li>
 *   <li>KL part = 1/2 sum_k log1p(2 g(lambda_k) / eps1); the pair objective
 *       L = transport + eps1 KL, with dL / d eps1 = KL (envelope theorem).</li>
 * </ul>
 * No inverse of A or B appears (the "inverse-free route"): A may be singular and the condition
 * number may reach 1e15. At eps1 = 0 the same formulas give the Bures-Wasserstein coupling
 * (g = sqrt(lambda), K the Bures map, L = W2^2); this class accepts eps1 = 0 only through
 * {@link #objectiveOrW2} and {@link #plan(GaussianFactor, GaussianFactor, double)}, which the
 * GMM-OT baseline uses, and documents the limit.
 *
 * <p>Cost per pair: diagonal covariances O(d) (everything per coordinate, lambda_k = a_k b_k);
 * d = 1 scalar; otherwise one congruence R^T A R (~d^3 flops) and one symmetric eigendecomposition,
 * values only for the objective (~4/3 d^3), with vectors for the plan (~9 d^3). Stateless and
 * thread-safe.
 */
public final class EntropicGaussianPair {

    private EntropicGaussianPair() {
    }

    /**
     * The objective of one pair and its two parts.
     *
     * @param transport E_p |x - y|^2 under the optimal pair plan (>= 0)
     * @param kl        KL(p || P x Q) (>= 0; +Infinity at eps1 = 0 unless every lambda_k is 0)
     * @param eps1      the regularization used
     * @param objective L = transport + eps1 * kl (at eps1 = 0: W2^2)
     */
    public record Objective(double transport, double kl, double eps1, double objective) {
    }

    /** g(lambda) = sqrt(lambda + eps^2/16) - eps/4, in the cancellation-free form (DESIGN.md 5a). */
    public static double g(double lambda, double eps1) {
        double l = Math.max(lambda, 0);
        if (l == 0) {
            return 0;
        }
        return l / (Math.sqrt(l + eps1 * eps1 / 16) + eps1 / 4);
    }

    /** h(lambda) = g(lambda) / lambda = 1 / (sqrt(lambda + eps^2/16) + eps/4), bounded by 2 / eps1. */
    public static double h(double lambda, double eps1) {
        return 1.0 / (Math.sqrt(Math.max(lambda, 0) + eps1 * eps1 / 16) + eps1 / 4);
    }

    /**
     * The pair objective L_ij and its parts (values only: no eigenvectors).
     *
     * @throws IllegalArgumentException if the dimensions differ or eps1 is not a finite number > 0
     */
    public static Objective objective(Gaussian source, Gaussian target, double eps1) {
        checkEps1(eps1);
        return objectiveOrW2(GaussianFactor.of(source), GaussianFactor.of(target), eps1);
    }

    /** As {@link #objective(Gaussian, Gaussian, double)} on prepared factors. */
    public static Objective objective(GaussianFactor source, GaussianFactor target, double eps1) {
        checkEps1(eps1);
        return objectiveOrW2(source, target, eps1);
    }

    /**
     * The objective for eps1 > 0, or at eps1 = 0 the Bures limit: transport = W2^2, kl = +Infinity
     * (when some lambda_k > 0), objective = W2^2.
     */
    static Objective objectiveOrW2(GaussianFactor source, GaussianFactor target, double eps1) {
        int d = checkPair(source, target);
        double gSum = 0;
        double klSum = 0;
        if (source.isDiagonal() && target.isDiagonal()) {
            double[] va = source.covarianceView();
            double[] vb = target.covarianceView();
            for (int k = 0; k < d; k++) {
                double gk = g(va[k] * vb[k], eps1);
                gSum += gk;
                klSum += klTerm(gk, eps1);
            }
        } else if (d == 1) {
            double gk = g(source.covarianceView()[0] * target.covarianceView()[0], eps1);
            gSum = gk;
            klSum = klTerm(gk, eps1);
        } else {
            double[] lambda = SymmetricEigen.values(target.congruenceTranspose(source.covarianceRowMajor()), d);
            for (double l : lambda) {
                double gk = g(l, eps1);
                gSum += gk;
                klSum += klTerm(gk, eps1);
            }
        }
        double dm = 0;
        for (int k = 0; k < d; k++) {
            double t = source.mean(k) - target.mean(k);
            dm += t * t;
        }
        double transport = dm + Math.max(source.trace() + target.trace() - 2 * gSum, 0);
        double kl = 0.5 * klSum;
        double objective = eps1 == 0 ? transport : transport + eps1 * kl;
        return new Objective(transport, kl, eps1, objective);
    }

    private static double klTerm(double g, double eps1) {
        if (g == 0) {
            return 0;
        }
        return eps1 == 0 ? Double.POSITIVE_INFINITY : Math.log1p(2 * g / eps1);
    }

    /**
     * The optimal pair plan with its forward and backward maps.
     *
     * @throws IllegalArgumentException if the dimensions differ or eps1 is not a finite number > 0
     */
    public static EntropicPairPlan plan(Gaussian source, Gaussian target, double eps1) {
        checkEps1(eps1);
        return plan(GaussianFactor.of(source), GaussianFactor.of(target), eps1);
    }

    /**
     * The pair plan on prepared factors; eps1 = 0 gives the Bures-Wasserstein coupling (then both
     * covariances must be positive definite, since the Bures maps need their inverses).
     *
     * @throws IllegalArgumentException for mismatched dimensions, eps1 < 0 or NaN, or (eps1 = 0) a
     *     singular covariance
     */
    public static EntropicPairPlan plan(GaussianFactor source, GaussianFactor target, double eps1) {
        if (!(eps1 >= 0) || !Double.isFinite(eps1)) {
            throw new IllegalArgumentException("eps1 must be a finite number >= 0, got " + eps1);
        }
        checkPair(source, target);
        Objective objective = objectiveOrW2(source, target, eps1);
        MapFrame forward = frame(source, target, eps1);
        MapFrame backward = frame(target, source, eps1);
        return new EntropicPairPlan(source.mean(), target.mean(), source, target, eps1, forward, backward, objective);
    }

    /**
     * The forward map matrix of the pair from {@code from} to {@code to} in factored form,
     * K = W diag(h) W^T with W = R U (R the Cholesky factor of the {@code to} covariance, U the
     * eigenvectors of R^T A R). For diagonal pairs W is diagonal and stored as d numbers.
     */
    static MapFrame frame(GaussianFactor from, GaussianFactor to, double eps1) {
        int d = from.dimension();
        if (from.isDiagonal() && to.isDiagonal()) {
            double[] va = from.covarianceView();
            double[] vb = to.covarianceView();
            double[] w = to.factorView().clone();
            double[] hv = new double[d];
            for (int k = 0; k < d; k++) {
                hv[k] = hEps(va[k] * vb[k], eps1, k);
            }
            return new MapFrame(d, true, w, hv);
        }
        SymmetricEigen.Decomposition e = SymmetricEigen.decompose(to.congruenceTranspose(from.covarianceRowMajor()), d);
        double[] hv = new double[d];
        for (int k = 0; k < d; k++) {
            hv[k] = hEps(e.value(k), eps1, k);
        }
        double[] w = to.multiplyLower(e.vectors(), d);
        return new MapFrame(d, false, w, hv);
    }

    private static double hEps(double lambda, double eps1, int k) {
        if (eps1 == 0 && !(lambda > 0)) {
            throw new IllegalArgumentException("the Bures (eps1 = 0) map needs positive definite covariances; "
                    + "eigenvalue " + k + " of R^T A R is " + lambda);
        }
        return h(lambda, eps1);
    }

    static void checkEps1(double eps1) {
        if (!(eps1 > 0) || !Double.isFinite(eps1)) {
            throw new IllegalArgumentException("eps1 must be a finite number > 0, got " + eps1);
        }
    }

    private static int checkPair(GaussianFactor source, GaussianFactor target) {
        if (source == null || target == null) {
            throw new IllegalArgumentException("source and target must not be null");
        }
        if (source.dimension() != target.dimension()) {
            throw new IllegalArgumentException("source has dimension " + source.dimension()
                    + " but target has dimension " + target.dimension());
        }
        return source.dimension();
    }

    /**
     * A symmetric positive semi-definite map matrix in factored form K = W diag(h) W^T (W is d x d
     * row-major, or d numbers when diagonal). Applying K costs 2 d^2 flops (2 d when diagonal), as
     * does applying a square root W diag(sqrt h) for sampling. Immutable.
     */
    static final class MapFrame {
        final int d;
        final boolean diagonal;
        final double[] w;
        final double[] h;
        final double[] sqrtH;

        MapFrame(int d, boolean diagonal, double[] w, double[] h) {
            this.d = d;
            this.diagonal = diagonal;
            this.w = w;
            this.h = h;
            this.sqrtH = new double[d];
            for (int k = 0; k < d; k++) {
                sqrtH[k] = Math.sqrt(h[k]);
            }
        }

        /** out[oo..] = K v[vo..]; {@code tmp} (length d) is scratch. */
        void apply(double[] v, int vo, double[] out, int oo, double[] tmp) {
            if (diagonal) {
                for (int k = 0; k < d; k++) {
                    out[oo + k] = w[k] * w[k] * h[k] * v[vo + k];
                }
                return;
            }
            for (int k = 0; k < d; k++) {
                tmp[k] = 0;
            }
            for (int i = 0; i < d; i++) {
                double vi = v[vo + i];
                int ri = i * d;
                for (int k = 0; k < d; k++) {
                    tmp[k] += w[ri + k] * vi;
                }
            }
            for (int k = 0; k < d; k++) {
                tmp[k] *= h[k];
            }
            for (int i = 0; i < d; i++) {
                int ri = i * d;
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += w[ri + k] * tmp[k];
                }
                out[oo + i] = s;
            }
        }

        /** out[oo + i] += scale * (W diag(sqrt h) z)_i: a draw from N(0, scale^2 K) when z ~ N(0, I). */
        void addRoot(double[] z, double scale, double[] out, int oo) {
            if (diagonal) {
                for (int k = 0; k < d; k++) {
                    out[oo + k] += scale * w[k] * sqrtH[k] * z[k];
                }
                return;
            }
            for (int i = 0; i < d; i++) {
                int ri = i * d;
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += w[ri + k] * sqrtH[k] * z[k];
                }
                out[oo + i] += scale * s;
            }
        }

        /** K as a dense d x d row-major matrix (symmetric by construction). */
        double[] matrix() {
            double[] k = new double[d * d];
            if (diagonal) {
                for (int i = 0; i < d; i++) {
                    k[i * d + i] = w[i] * w[i] * h[i];
                }
                return k;
            }
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    double s = 0;
                    for (int p = 0; p < d; p++) {
                        s += w[i * d + p] * h[p] * w[j * d + p];
                    }
                    k[i * d + j] = s;
                    k[j * d + i] = s;
                }
            }
            return k;
        }

        /** acc += weight * K (dense d x d). */
        void accumulate(double weight, double[] acc) {
            if (diagonal) {
                for (int i = 0; i < d; i++) {
                    acc[i * d + i] += weight * w[i] * w[i] * h[i];
                }
                return;
            }
            double[] k = matrix();
            for (int i = 0; i < k.length; i++) {
                acc[i] += weight * k[i];
            }
        }
    }
}
