package io.gmmflow.wim;

import io.gmmflow.linalg.ErrorFunctions;
import java.util.Arrays;

/**
 * A one-dimensional Gaussian mixture with fixed components N(mu_i, sigma_i^2), mu_1 < ... < mu_N,
 * and weights p in the open probability simplex: the model of seed 004 (eq. GMM, eq. 4).
 *
 * <p>Theta coordinates: theta_0 = 1, theta_i = p_{i+1} + ... + p_N, theta_N = 0, so that
 * p_i = theta_{i-1} - theta_i and rho_theta = sum_{i=1}^{N-1} theta_i (rho_{i+1} - rho_i) + rho_1;
 * the information matrices are (N-1) x (N-1) in theta. Indices in this API are 0-based: theta
 * index i (0..N-2) couples components i and i+1.
 *
 * <p>Validated on construction with messages that name the offending item: N >= 2, finite strictly
 * increasing means, finite sigma_i > 0, finite weights p_i > 0 summing to 1 within 1e-9. Arrays are
 * copied in and out. Immutable and thread-safe.
 *
 * @param means   mu_i, strictly increasing
 * @param sigmas  standard deviations sigma_i > 0
 * @param weights p_i > 0, summing to 1
 */
public record Gmm1d(double[] means, double[] sigmas, double[] weights) {

    /** Tolerance on |sum p - 1| (as for {@link io.gmmflow.api.GaussianMixture}). */
    public static final double WEIGHT_SUM_TOLERANCE = 1e-9;

    /** Validates and copies. */
    public Gmm1d {
        if (means == null || sigmas == null || weights == null) {
            throw new IllegalArgumentException("means, sigmas and weights must not be null");
        }
        int n = means.length;
        if (n < 2) {
            throw new IllegalArgumentException("the model needs N >= 2 components, got N = " + n);
        }
        if (sigmas.length != n || weights.length != n) {
            throw new IllegalArgumentException("N = " + n + " means but " + sigmas.length + " sigmas and "
                    + weights.length + " weights");
        }
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(means[i])) {
                throw new IllegalArgumentException("mean " + (i + 1) + " is not finite: " + means[i]);
            }
            if (i > 0 && !(means[i] > means[i - 1])) {
                throw new IllegalArgumentException("means must be strictly increasing: mean " + (i + 1) + " = "
                        + means[i] + " is not greater than mean " + i + " = " + means[i - 1]);
            }
            if (!(sigmas[i] > 0) || !Double.isFinite(sigmas[i])) {
                throw new IllegalArgumentException("sigma " + (i + 1) + " must be a finite number > 0, got "
                        + sigmas[i]);
            }
            if (!(weights[i] > 0) || !Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("weight " + (i + 1) + " = " + weights[i]
                        + " is outside the open simplex (weights must be > 0)");
            }
            sum += weights[i];
        }
        if (!(Math.abs(sum - 1.0) <= WEIGHT_SUM_TOLERANCE)) {
            throw new IllegalArgumentException("weights sum to " + sum + ", not 1: outside the simplex");
        }
        means = means.clone();
        sigmas = sigmas.clone();
        weights = weights.clone();
    }

    /** A model with one standard deviation for every component. */
    public static Gmm1d of(double[] means, double sigma, double[] weights) {
        if (means == null) {
            throw new IllegalArgumentException("means must not be null");
        }
        double[] s = new double[means.length];
        Arrays.fill(s, sigma);
        return new Gmm1d(means, s, weights);
    }

    /**
     * A model from theta coordinates, 1 > theta_1 > ... > theta_{N-1} > 0 (length N-1).
     *
     * @throws IllegalArgumentException when theta is not strictly decreasing inside (0, 1)
     */
    public static Gmm1d fromTheta(double[] means, double[] sigmas, double[] theta) {
        if (means == null || theta == null) {
            throw new IllegalArgumentException("means and theta must not be null");
        }
        if (theta.length != means.length - 1) {
            throw new IllegalArgumentException("theta has length " + theta.length + ", expected N - 1 = "
                    + (means.length - 1));
        }
        return new Gmm1d(means, sigmas, weightsFromTheta(theta));
    }

    /** p_i = theta_{i-1} - theta_i with theta_0 = 1, theta_N = 0 (validated: every p_i > 0). */
    public static double[] weightsFromTheta(double[] theta) {
        int n = theta.length + 1;
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            double before = i == 0 ? 1.0 : theta[i - 1];
            double after = i == n - 1 ? 0.0 : theta[i];
            p[i] = before - after;
            if (!(p[i] > 0) || !Double.isFinite(p[i])) {
                throw new IllegalArgumentException("theta must satisfy 1 > theta_1 > ... > theta_{N-1} > 0; "
                        + "theta gives weight " + (i + 1) + " = " + p[i]);
            }
        }
        return p;
    }

    /** The number N of components. */
    public int size() {
        return means.length;
    }

    /** theta_i = p_{i+1} + ... + p_N, i = 1..N-1 (length N-1). */
    public double[] theta() {
        int n = size();
        double[] t = new double[n - 1];
        double tail = 0.0;
        for (int i = n - 1; i >= 1; i--) {
            tail += weights[i];
            t[i - 1] = tail;
        }
        return t;
    }

    /** The gaps d_i = mu_{i+1} - mu_i (length N-1). */
    public double[] gaps() {
        double[] d = new double[size() - 1];
        for (int i = 0; i < d.length; i++) {
            d[i] = means[i + 1] - means[i];
        }
        return d;
    }

    /**
     * Whether the model satisfies Assumption 1 (one sigma, one gap) to relative tolerance
     * {@code rtol}.
     */
    public boolean isHomogeneous(double rtol) {
        double[] d = gaps();
        for (int i = 1; i < size(); i++) {
            if (Math.abs(sigmas[i] - sigmas[0]) > rtol * sigmas[0]) {
                return false;
            }
        }
        for (int i = 1; i < d.length; i++) {
            if (Math.abs(d[i] - d[0]) > rtol * d[0]) {
                return false;
            }
        }
        return true;
    }

    /** A copy with every sigma multiplied by {@code factor} (the family of Definition 2). */
    public Gmm1d scaleSigmas(double factor) {
        double[] s = sigmas.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] *= factor;
        }
        return new Gmm1d(means, s, weights);
    }

    /** log rho_theta(x) by log-sum-exp over the components. */
    public double logDensity(double x) {
        double m = Double.NEGATIVE_INFINITY;
        int n = size();
        double[] l = new double[n];
        for (int k = 0; k < n; k++) {
            double z = (x - means[k]) / sigmas[k];
            l[k] = Math.log(weights[k]) - Math.log(sigmas[k]) + ErrorFunctions.logNormalDensity(z);
            m = Math.max(m, l[k]);
        }
        double s = 0.0;
        for (int k = 0; k < n; k++) {
            s += Math.exp(l[k] - m);
        }
        return m + Math.log(s);
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] sigmas() {
        return sigmas.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gmm1d g && Arrays.equals(means, g.means) && Arrays.equals(sigmas, g.sigmas)
                && Arrays.equals(weights, g.weights);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(means) + Arrays.hashCode(sigmas)) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "Gmm1d[means=" + Arrays.toString(means) + ", sigmas=" + Arrays.toString(sigmas) + ", weights="
                + Arrays.toString(weights) + "]";
    }
}
