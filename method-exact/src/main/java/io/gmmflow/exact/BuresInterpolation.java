package io.gmmflow.exact;

import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.Gaussian;
import io.gmmflow.linalg.Dense;
import io.gmmflow.linalg.GaussianFactor;
import io.gmmflow.linalg.PairKernels;

/**
 * The Gaussian at time t on the W2 geodesic (displacement interpolation) between two Gaussians,
 * seed 002 eq. 7 / seed 000 eq. 27: mean (1-t) mu0 + t mu1 and covariance A(t) Sigma0 A(t) with
 * A(t) = (1-t) I + t M and M the Bures map of eq. 26. Unlike {@link GeodesicPath} (which also
 * carries the velocity field and so needs two densities), this accepts covariances that are only
 * positive semi-definite, as seed 002's mixture geodesic (eq. 11) allows:
 * <ul>
 *   <li>diagonal or spherical pairs (and d = 1): per coordinate, sigma(t) = (1-t) sigma0 + t sigma1, any
 *       variances >= 0 (a point mass included);</li>
 *   <li>a positive definite source: M from source to target (the target may be singular);</li>
 *   <li>a singular source with a positive definite target: the reversed geodesic at 1 - t (the
 *       geodesic is symmetric under time reversal);</li>
 *   <li>two singular full covariances: rejected, unless both are zero (then a translation).</li>
 * </ul>
 * Cost: one eigendecomposition with vectors (~9 d^3) to build, 2 d^3 per {@link #at} call; O(d)
 * for diagonal pairs. Immutable and thread-safe.
 */
public final class BuresInterpolation {

    private final Gaussian source;
    private final Gaussian target;
    private final int d;
    private final boolean diagonal;
    private final boolean reversed;
    private final boolean translation;
    /** M from the start covariance (source, or target when reversed) to the other; row-major. */
    private final double[] map;
    /** Covariance of the start point (row-major). */
    private final double[] start;

    private BuresInterpolation(Gaussian source, Gaussian target) {
        this.source = source;
        this.target = target;
        this.d = source.dimension();
        this.diagonal = d == 1 || (source.covarianceType() != CovarianceType.FULL
                && target.covarianceType() != CovarianceType.FULL);
        if (diagonal) {
            this.reversed = false;
            this.translation = false;
            this.map = null;
            this.start = null;
            return;
        }
        if (source.isPositiveDefinite()) {
            this.reversed = false;
            this.translation = false;
            this.map = PairKernels.buresMap(GaussianFactor.of(source), GaussianFactor.of(target));
            this.start = source.covarianceRowMajor();
        } else if (target.isPositiveDefinite()) {
            this.reversed = true;
            this.translation = false;
            this.map = PairKernels.buresMap(GaussianFactor.of(target), GaussianFactor.of(source));
            this.start = target.covarianceRowMajor();
        } else if (source.trace() == 0 && target.trace() == 0) {
            this.reversed = false;
            this.translation = true;
            this.map = null;
            this.start = null;
        } else {
            throw new IllegalArgumentException("both covariances are singular (full storage): the geodesic between "
                    + "two degenerate Gaussians is not supported; make one of them positive definite");
        }
    }

    /**
     * Prepares the geodesic from {@code source} (t = 0) to {@code target} (t = 1).
     *
     * @throws IllegalArgumentException if a Gaussian is null, the dimensions differ, or both covariances
     *     are singular full matrices that are not both zero
     */
    public static BuresInterpolation of(Gaussian source, Gaussian target) {
        if (source == null || target == null) {
            throw new IllegalArgumentException("source and target Gaussians must not be null");
        }
        if (source.dimension() != target.dimension()) {
            throw new IllegalArgumentException("source has dimension " + source.dimension()
                    + " but target has dimension " + target.dimension());
        }
        return new BuresInterpolation(source, target);
    }

    /**
     * The Gaussian at time t in [0, 1]; exactly the source at 0 and the target at 1. A singular
     * result is made with {@link Gaussian#semiDefinite}.
     *
     * @throws IllegalArgumentException if t is not in [0, 1]
     */
    public Gaussian at(double t) {
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("t must be in [0, 1], got " + t);
        }
        if (t == 0) {
            return source;
        }
        if (t == 1) {
            return target;
        }
        double[] mean = new double[d];
        for (int i = 0; i < d; i++) {
            mean[i] = (1 - t) * source.mean(i) + t * target.mean(i);
        }
        if (diagonal) {
            double[] v0 = source.variances();
            double[] v1 = target.variances();
            double[] var = new double[d];
            for (int i = 0; i < d; i++) {
                double s = (1 - t) * Math.sqrt(v0[i]) + t * Math.sqrt(v1[i]);
                var[i] = s * s;
            }
            if (source.covarianceType() == CovarianceType.SPHERICAL && target.covarianceType() == CovarianceType.SPHERICAL) {
                return make(mean, CovarianceType.SPHERICAL, new double[] {var[0]});
            }
            if (d == 1 && (source.covarianceType() == CovarianceType.FULL || target.covarianceType() == CovarianceType.FULL)) {
                return make(mean, CovarianceType.FULL, var);
            }
            return make(mean, CovarianceType.DIAGONAL, var);
        }
        if (translation) {
            return make(mean, CovarianceType.FULL, new double[d * d]);
        }
        double tau = reversed ? 1 - t : t;
        double[] a = new double[d * d];
        for (int i = 0; i < d * d; i++) {
            a[i] = tau * map[i];
        }
        for (int i = 0; i < d; i++) {
            a[i * d + i] += 1 - tau;
        }
        double[] c = Dense.symmetrize(Dense.multiply(a, Dense.multiply(start, a, d, d, d), d, d, d), d);
        return make(mean, CovarianceType.FULL, c);
    }

    private static Gaussian make(double[] mean, CovarianceType type, double[] parameters) {
        try {
            return Gaussian.of(mean, type, parameters);
        } catch (IllegalArgumentException notDefinite) {
            return Gaussian.semiDefinite(mean, type, parameters);
        }
    }
}
