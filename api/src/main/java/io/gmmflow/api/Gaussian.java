package io.gmmflow.api;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * An immutable Gaussian N(mu, Sigma) in R^d, validated on construction.
 *
 * <p>Covariances come in three kinds ({@link CovarianceType}): full (a d x d symmetric matrix),
 * diagonal (d variances) and spherical (one variance). Validation rejects non-finite entries, a
 * full matrix that is not symmetric (relative tolerance 1e-10 against its largest entry; the
 * accepted matrix is then symmetrized exactly) and a covariance that is not positive definite,
 * with an {@link IllegalArgumentException} that names the problem and the failing pivot. The
 * {@link #semiDefinite} factory accepts positive semi-definite covariances (a point mass, say), for
 * the costs that are defined there (seed 002 eq. 8); such a Gaussian has no density.
 *
 * <p>Construction factors the covariance once (Cholesky, O(d^3/3)); sampling and the log-density
 * then cost O(d^2) per point (O(d) for diagonal and spherical covariances). Arrays are copied in
 * and out. Immutable and thread-safe.
 */
public final class Gaussian {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final double[] mean;
    private final CovarianceType type;
    /** full: d*d row-major symmetric; diagonal: d variances; spherical: one variance. */
    private final double[] covariance;
    /** full: lower Cholesky factor d*d row-major; diagonal: d standard deviations; spherical: one. */
    private final double[] factor;
    private final boolean positiveDefinite;
    private final double logDeterminant;

    private Gaussian(double[] mean, CovarianceType type, double[] covariance, boolean allowSemiDefinite) {
        int d = mean.length;
        if (d == 0) {
            throw new IllegalArgumentException("mean has length 0: a Gaussian needs dimension >= 1");
        }
        for (int i = 0; i < d; i++) {
            if (!Double.isFinite(mean[i])) {
                throw new IllegalArgumentException("mean entry " + i + " is not finite (" + mean[i] + ")");
            }
        }
        this.mean = mean;
        this.type = type;
        switch (type) {
            case FULL -> {
                if (covariance.length != d * d) {
                    throw new IllegalArgumentException("covariance has " + covariance.length
                            + " entries but the mean has length " + d + " (expected a " + d + " x " + d + " matrix)");
                }
                double maxAbs = 0;
                for (int i = 0; i < d * d; i++) {
                    if (!Double.isFinite(covariance[i])) {
                        throw new IllegalArgumentException("covariance entry (" + (i / d) + ", " + (i % d)
                                + ") is not finite (" + covariance[i] + ")");
                    }
                    maxAbs = Math.max(maxAbs, Math.abs(covariance[i]));
                }
                for (int i = 0; i < d; i++) {
                    for (int j = i + 1; j < d; j++) {
                        double a = covariance[i * d + j];
                        double b = covariance[j * d + i];
                        if (Math.abs(a - b) > SpdChecks.SYMMETRY_TOLERANCE * maxAbs) {
                            throw new IllegalArgumentException("covariance is not symmetric: entry (" + i + ", " + j
                                    + ") = " + a + " but (" + j + ", " + i + ") = " + b);
                        }
                        double s = 0.5 * (a + b);
                        covariance[i * d + j] = s;
                        covariance[j * d + i] = s;
                    }
                }
                double[] failure = new double[2];
                double[] l = SpdChecks.cholesky(covariance, d, failure);
                if (l == null) {
                    if (!allowSemiDefinite) {
                        throw new IllegalArgumentException(notPositiveDefinite(failure));
                    }
                    l = SpdChecks.semiDefiniteFactor(covariance, d, failure);
                    if (l == null) {
                        throw new IllegalArgumentException("covariance is not positive semi-definite (Cholesky pivot "
                                + (int) failure[0] + " is " + failure[1] + ")");
                    }
                    this.positiveDefinite = false;
                } else {
                    this.positiveDefinite = true;
                }
                this.factor = l;
                double ld = 0;
                for (int i = 0; i < d; i++) {
                    ld += Math.log(l[i * d + i]);
                }
                this.logDeterminant = positiveDefinite ? 2 * ld : Double.NEGATIVE_INFINITY;
            }
            case DIAGONAL -> {
                if (covariance.length != d) {
                    throw new IllegalArgumentException("diagonal covariance has " + covariance.length
                            + " variances but the mean has length " + d);
                }
                this.factor = new double[d];
                boolean pd = true;
                double ld = 0;
                for (int i = 0; i < d; i++) {
                    double v = covariance[i];
                    checkVariance(v, "variance " + i, allowSemiDefinite);
                    pd &= v > 0;
                    factor[i] = Math.sqrt(v);
                    ld += Math.log(v);
                }
                this.positiveDefinite = pd;
                this.logDeterminant = pd ? ld : Double.NEGATIVE_INFINITY;
            }
            case SPHERICAL -> {
                if (covariance.length != 1) {
                    throw new IllegalArgumentException("spherical covariance needs exactly one variance, got "
                            + covariance.length);
                }
                double v = covariance[0];
                checkVariance(v, "variance", allowSemiDefinite);
                this.positiveDefinite = v > 0;
                this.factor = new double[] {Math.sqrt(v)};
                this.logDeterminant = v > 0 ? d * Math.log(v) : Double.NEGATIVE_INFINITY;
            }
            default -> throw new IllegalArgumentException("covariance type is null");
        }
        this.covariance = covariance;
    }

    private static String notPositiveDefinite(double[] failure) {
        return "covariance is not positive definite (Cholesky pivot " + (int) failure[0] + " is " + failure[1] + ")";
    }

    private static void checkVariance(double v, String what, boolean allowZero) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " is not finite (" + v + ")");
        }
        if (allowZero ? v < 0 : !(v > 0)) {
            throw new IllegalArgumentException("covariance is not positive definite (" + what + " is " + v + ")");
        }
    }

    private static double[] checkedCopy(double[] a, String what) {
        if (a == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        return a.clone();
    }

    private static double[] flatten(double[][] m, int d) {
        if (m == null) {
            throw new IllegalArgumentException("covariance is null");
        }
        if (m.length != d) {
            throw new IllegalArgumentException("covariance has " + m.length + " rows but the mean has length " + d);
        }
        double[] flat = new double[d * d];
        for (int i = 0; i < d; i++) {
            if (m[i] == null || m[i].length != d) {
                throw new IllegalArgumentException("covariance row " + i + " has "
                        + (m[i] == null ? 0 : m[i].length) + " entries, expected " + d);
            }
            System.arraycopy(m[i], 0, flat, i * d, d);
        }
        return flat;
    }

    /** A Gaussian with a full covariance matrix (copied, checked symmetric positive definite). */
    public static Gaussian of(double[] mean, double[][] covariance) {
        double[] mu = checkedCopy(mean, "mean");
        return new Gaussian(mu, CovarianceType.FULL, flatten(covariance, mu.length), false);
    }

    /** A Gaussian with a full covariance given row-major as d*d numbers. */
    public static Gaussian ofFlat(double[] mean, double[] covarianceRowMajor) {
        return new Gaussian(checkedCopy(mean, "mean"), CovarianceType.FULL,
                checkedCopy(covarianceRowMajor, "covariance"), false);
    }

    /** A Gaussian with a diagonal covariance diag(variances). */
    public static Gaussian diagonal(double[] mean, double[] variances) {
        return new Gaussian(checkedCopy(mean, "mean"), CovarianceType.DIAGONAL,
                checkedCopy(variances, "variances"), false);
    }

    /** A Gaussian with covariance variance * I. */
    public static Gaussian spherical(double[] mean, double variance) {
        return new Gaussian(checkedCopy(mean, "mean"), CovarianceType.SPHERICAL, new double[] {variance}, false);
    }

    /** A Gaussian N(0, I_d). */
    public static Gaussian standard(int d) {
        if (d < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + d);
        }
        return spherical(new double[d], 1.0);
    }

    /**
     * A Gaussian whose covariance need only be positive semi-definite (a point mass, a degenerate
     * direction), of any covariance kind; see {@link #isPositiveDefinite()}.
     */
    public static Gaussian semiDefinite(double[] mean, CovarianceType type, double[] parameters) {
        if (type == null) {
            throw new IllegalArgumentException("covariance type is null");
        }
        return new Gaussian(checkedCopy(mean, "mean"), type, checkedCopy(parameters, "covariance"), true);
    }

    /**
     * A Gaussian from the stored parameters of its kind: d*d row-major numbers for {@code FULL},
     * d variances for {@code DIAGONAL}, one variance for {@code SPHERICAL}.
     */
    public static Gaussian of(double[] mean, CovarianceType type, double[] parameters) {
        if (type == null) {
            throw new IllegalArgumentException("covariance type is null");
        }
        return new Gaussian(checkedCopy(mean, "mean"), type, checkedCopy(parameters, "covariance"), false);
    }

    /** The dimension d. */
    public int dimension() {
        return mean.length;
    }

    /** A copy of the mean. */
    public double[] mean() {
        return mean.clone();
    }

    /** Entry i of the mean. */
    public double mean(int i) {
        return mean[i];
    }

    /** How the covariance is stored. */
    public CovarianceType covarianceType() {
        return type;
    }

    /** The stored covariance parameters (d*d row-major, d variances, or one variance), copied. */
    public double[] covarianceParameters() {
        return covariance.clone();
    }

    /** Covariance entry (i, j), whatever the storage kind. */
    public double covariance(int i, int j) {
        return switch (type) {
            case FULL -> covariance[i * mean.length + j];
            case DIAGONAL -> i == j ? covariance[i] : 0.0;
            case SPHERICAL -> i == j ? covariance[0] : 0.0;
        };
    }

    /** The covariance as a new d x d matrix. */
    public double[][] covariance() {
        int d = mean.length;
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                m[i][j] = covariance(i, j);
            }
        }
        return m;
    }

    /** The covariance as a new row-major array of d*d numbers. */
    public double[] covarianceRowMajor() {
        int d = mean.length;
        if (type == CovarianceType.FULL) {
            return covariance.clone();
        }
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++) {
            m[i * d + i] = covariance(i, i);
        }
        return m;
    }

    /** The diagonal of the covariance (the d variances). */
    public double[] variances() {
        int d = mean.length;
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = covariance(i, i);
        }
        return v;
    }

    /** The trace of the covariance. */
    public double trace() {
        double t = 0;
        for (int i = 0; i < mean.length; i++) {
            t += covariance(i, i);
        }
        return t;
    }

    /**
     * The lower-triangular factor L with Sigma = L L^T, row-major d*d (for a semi-definite
     * covariance, columns of null directions are zero).
     */
    public double[] choleskyFactor() {
        int d = mean.length;
        if (type == CovarianceType.FULL) {
            return factor.clone();
        }
        double[] l = new double[d * d];
        for (int i = 0; i < d; i++) {
            l[i * d + i] = type == CovarianceType.DIAGONAL ? factor[i] : factor[0];
        }
        return l;
    }

    /** Whether the covariance is positive definite (always, unless made by {@link #semiDefinite}). */
    public boolean isPositiveDefinite() {
        return positiveDefinite;
    }

    /** log det Sigma ({@code -Infinity} for a singular covariance). */
    public double logDeterminant() {
        return logDeterminant;
    }

    /**
     * The log-density log N(x | mu, Sigma), O(d^2) (O(d) diagonal).
     *
     * @throws IllegalArgumentException if x has the wrong length
     * @throws IllegalStateException if the covariance is singular (no density)
     */
    public double logDensity(double[] x) {
        int d = mean.length;
        if (x == null || x.length != d) {
            throw new IllegalArgumentException("point has length " + (x == null ? 0 : x.length) + ", expected " + d);
        }
        if (!positiveDefinite) {
            throw new IllegalStateException("a Gaussian with a singular covariance has no density");
        }
        double q = 0;
        switch (type) {
            case FULL -> {
                double[] z = new double[d];
                for (int i = 0; i < d; i++) {
                    double s = x[i] - mean[i];
                    for (int k = 0; k < i; k++) {
                        s -= factor[i * d + k] * z[k];
                    }
                    z[i] = s / factor[i * d + i];
                    q += z[i] * z[i];
                }
            }
            case DIAGONAL -> {
                for (int i = 0; i < d; i++) {
                    double z = (x[i] - mean[i]) / factor[i];
                    q += z * z;
                }
            }
            case SPHERICAL -> {
                for (int i = 0; i < d; i++) {
                    double z = (x[i] - mean[i]) / factor[0];
                    q += z * z;
                }
            }
        }
        return -0.5 * (d * LOG_2PI + logDeterminant + q);
    }

    /**
     * Writes one draw mu + L z, z ~ N(0, I), into {@code out} at {@code offset}, using
     * {@code z} (length d) as scratch.
     */
    void sampleInto(RandomGenerator rng, double[] z, double[] out, int offset) {
        int d = mean.length;
        for (int i = 0; i < d; i++) {
            z[i] = rng.nextGaussian();
        }
        switch (type) {
            case FULL -> {
                for (int i = 0; i < d; i++) {
                    double s = mean[i];
                    for (int k = 0; k <= i; k++) {
                        s += factor[i * d + k] * z[k];
                    }
                    out[offset + i] = s;
                }
            }
            case DIAGONAL -> {
                for (int i = 0; i < d; i++) {
                    out[offset + i] = mean[i] + factor[i] * z[i];
                }
            }
            case SPHERICAL -> {
                for (int i = 0; i < d; i++) {
                    out[offset + i] = mean[i] + factor[0] * z[i];
                }
            }
        }
    }

    /** n independent draws, one point per row, reproducible for a given seed. */
    public double[][] sample(int n, long seed) {
        return sample(n, new SplittableRandom(seed));
    }

    /** n independent draws from {@code rng}, one point per row. */
    public double[][] sample(int n, RandomGenerator rng) {
        if (n < 0) {
            throw new IllegalArgumentException("number of samples must be >= 0, got " + n);
        }
        int d = mean.length;
        double[][] out = new double[n][d];
        double[] z = new double[d];
        for (int s = 0; s < n; s++) {
            sampleInto(rng, z, out[s], 0);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Gaussian g)) {
            return false;
        }
        return type == g.type && Arrays.equals(mean, g.mean) && Arrays.equals(covariance, g.covariance);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type.hashCode() + Arrays.hashCode(mean)) + Arrays.hashCode(covariance);
    }

    @Override
    public String toString() {
        return "Gaussian[d=" + mean.length + ", mean=" + Arrays.toString(mean) + ", " + type.jsonName()
                + " covariance=" + Arrays.toString(covariance) + "]";
    }
}
