package io.gmmflow.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * An immutable Gaussian mixture rho(x) = sum_i w_i N(x | mu_i, Sigma_i) in R^d.
 *
 * <p>Validated on construction: at least one component; all components of one dimension; weights
 * finite, non-negative and summing to 1 within 1e-9 relative (they are kept as given, so a file
 * round-trips exactly). Components of weight 0 are valid and carry no mass. Messages name the
 * offending component ("component 3: ...").
 *
 * <p>Sampling is reproducible for a seed: each draw picks a component by inverse CDF on one
 * uniform number, then draws from it. Immutable and thread-safe.
 */
public final class GaussianMixture {

    /** Relative tolerance on |sum w - 1|. */
    public static final double WEIGHT_SUM_TOLERANCE = 1e-9;

    private final double[] weights;
    private final List<Gaussian> components;
    private final int dimension;

    private GaussianMixture(double[] weights, List<Gaussian> components) {
        this.weights = weights;
        this.components = components;
        this.dimension = components.get(0).dimension();
    }

    /**
     * A mixture from weights and components (both copied).
     *
     * @throws IllegalArgumentException for an empty mixture, mismatched lengths or dimensions, or
     *     weights that are negative, not finite or do not sum to 1
     */
    public static GaussianMixture of(double[] weights, List<Gaussian> components) {
        if (weights == null || components == null) {
            throw new IllegalArgumentException("weights and components must not be null");
        }
        if (components.isEmpty()) {
            throw new IllegalArgumentException("mixture is empty: it needs at least one component");
        }
        if (weights.length != components.size()) {
            throw new IllegalArgumentException("mixture has " + weights.length + " weights but "
                    + components.size() + " components");
        }
        List<Gaussian> comps = new ArrayList<>(components);
        int d = -1;
        for (int i = 0; i < comps.size(); i++) {
            Gaussian g = comps.get(i);
            if (g == null) {
                throw new IllegalArgumentException("component " + i + " is null");
            }
            if (d < 0) {
                d = g.dimension();
            } else if (g.dimension() != d) {
                throw new IllegalArgumentException("component " + i + " has dimension " + g.dimension()
                        + " but component 0 has dimension " + d);
            }
        }
        double[] w = weights.clone();
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            if (!Double.isFinite(w[i])) {
                throw new IllegalArgumentException("component " + i + ": weight is not finite (" + w[i] + ")");
            }
            if (w[i] < 0) {
                throw new IllegalArgumentException("component " + i + ": weight is negative (" + w[i] + ")");
            }
            sum += w[i];
        }
        if (!(Math.abs(sum - 1.0) <= WEIGHT_SUM_TOLERANCE)) {
            throw new IllegalArgumentException("weights sum to " + sum + ", not 1 (tolerance "
                    + WEIGHT_SUM_TOLERANCE + ")");
        }
        return new GaussianMixture(w, Collections.unmodifiableList(comps));
    }

    /** A mixture of one component with weight 1. */
    public static GaussianMixture of(Gaussian single) {
        return of(new double[] {1.0}, List.of(single));
    }

    /** Weights 1/K for the given components. */
    public static GaussianMixture uniform(List<Gaussian> components) {
        double[] w = new double[components == null ? 0 : components.size()];
        Arrays.fill(w, 1.0 / Math.max(1, w.length));
        return of(w, components);
    }

    /** The number of components K. */
    public int size() {
        return weights.length;
    }

    /** The common dimension d. */
    public int dimension() {
        return dimension;
    }

    /** A copy of the weights. */
    public double[] weights() {
        return weights.clone();
    }

    /** Weight of component i. */
    public double weight(int i) {
        return weights[i];
    }

    /** Component i. */
    public Gaussian component(int i) {
        return components.get(i);
    }

    /** The components (unmodifiable). */
    public List<Gaussian> components() {
        return components;
    }

    /** log rho(x), by log-sum-exp over the components of positive weight (no underflow). */
    public double logDensity(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            terms[i] = weights[i] > 0 ? Math.log(weights[i]) + components.get(i).logDensity(x) : Double.NEGATIVE_INFINITY;
            max = Math.max(max, terms[i]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (double t : terms) {
            s += Math.exp(t - max);
        }
        return max + Math.log(s);
    }

    /** The mixture's mean, sum_i w_i mu_i. */
    public double[] mean() {
        double[] m = new double[dimension];
        for (int i = 0; i < weights.length; i++) {
            for (int k = 0; k < dimension; k++) {
                m[k] += weights[i] * components.get(i).mean(k);
            }
        }
        return m;
    }

    /** The mixture's covariance, sum_i w_i (Sigma_i + mu_i mu_i^T) - m m^T. */
    public double[][] covariance() {
        double[] m = mean();
        double[][] c = new double[dimension][dimension];
        for (int i = 0; i < weights.length; i++) {
            Gaussian g = components.get(i);
            for (int a = 0; a < dimension; a++) {
                for (int b = 0; b < dimension; b++) {
                    c[a][b] += weights[i] * (g.covariance(a, b) + g.mean(a) * g.mean(b));
                }
            }
        }
        for (int a = 0; a < dimension; a++) {
            for (int b = 0; b < dimension; b++) {
                c[a][b] -= m[a] * m[b];
            }
        }
        return c;
    }

    /** n independent draws, one point per row, reproducible for a seed. */
    public double[][] sample(int n, long seed) {
        return sampleLabelled(n, seed).points();
    }

    /** n independent draws with the index of the component each came from (same points as {@link #sample}). */
    public LabelledSample sampleLabelled(int n, long seed) {
        return sampleLabelled(n, new SplittableRandom(seed));
    }

    /** n independent draws from {@code rng} with their component labels. */
    public LabelledSample sampleLabelled(int n, RandomGenerator rng) {
        if (n < 0) {
            throw new IllegalArgumentException("number of samples must be >= 0, got " + n);
        }
        double[] cdf = new double[weights.length];
        double acc = 0;
        int last = 0;
        for (int i = 0; i < weights.length; i++) {
            acc += weights[i];
            cdf[i] = acc;
            if (weights[i] > 0) {
                last = i;
            }
        }
        double[][] points = new double[n][dimension];
        int[] labels = new int[n];
        double[] z = new double[dimension];
        for (int s = 0; s < n; s++) {
            double u = rng.nextDouble() * acc;
            int c = 0;
            while (c < last && (cdf[c] <= u || weights[c] == 0)) {
                c++;
            }
            labels[s] = c;
            components.get(c).sampleInto(rng, z, points[s], 0);
        }
        return new LabelledSample(points, labels);
    }

    /** Points drawn from a mixture and the component index of each. */
    public record LabelledSample(double[][] points, int[] labels) {
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof GaussianMixture m && Arrays.equals(weights, m.weights) && components.equals(m.components);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(weights) + components.hashCode();
    }

    @Override
    public String toString() {
        return "GaussianMixture[K=" + weights.length + ", d=" + dimension + ", weights=" + Arrays.toString(weights) + "]";
    }
}
