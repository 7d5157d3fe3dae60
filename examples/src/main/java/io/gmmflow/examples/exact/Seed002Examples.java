package io.gmmflow.examples.exact;

import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import java.util.ArrayList;
import java.util.List;

/** The mixtures of seed 002's examples (Section V) and small evaluation helpers shared by the mains. */
final class Seed002Examples {

    private Seed002Examples() {
    }

    /** A 1-D mixture from weights, means and variances. */
    static GaussianMixture mixture1d(double[] w, double[] m, double[] v) {
        List<Gaussian> comps = new ArrayList<>();
        for (int i = 0; i < m.length; i++) {
            comps.add(Gaussian.of(new double[] {m[i]}, new double[][] {{v[i]}}));
        }
        return GaussianMixture.of(w, comps);
    }

    /** Fig. 2: mu0 (m = 0.5, 0.1; Sigma = 0.01, 0.05), equal weights. */
    static final GaussianMixture MU0 = mixture1d(new double[] {0.5, 0.5}, new double[] {0.5, 0.1}, new double[] {0.01, 0.05});
    /** Fig. 2: mu1 (m = 0, -0.35; Sigma = 0.02, 0.02), equal weights. */
    static final GaussianMixture MU1 = mixture1d(new double[] {0.5, 0.5}, new double[] {0, -0.35}, new double[] {0.02, 0.02});
    /** Fig. 8: the third mixture (m = 0.4, -0.45; Sigma = 0.025, 0.021); the first two are MU0 and MU1. */
    static final GaussianMixture MU2 = mixture1d(new double[] {0.5, 0.5}, new double[] {0.4, -0.45}, new double[] {0.025, 0.021});

    /**
     * Figs. 5-7 use two 2-D mixtures whose parameters seed 002 does not print; these two have the
     * same character (two components each, equal weights, different orientations).
     */
    static final GaussianMixture PLANE0 = GaussianMixture.of(new double[] {0.5, 0.5}, List.of(
            Gaussian.of(new double[] {-1.5, 0}, new double[][] {{0.10, 0}, {0, 0.60}}),
            Gaussian.of(new double[] {1.5, 0.2}, new double[][] {{0.50, 0.30}, {0.30, 0.40}})));
    static final GaussianMixture PLANE1 = GaussianMixture.of(new double[] {0.5, 0.5}, List.of(
            Gaussian.of(new double[] {0.3, 1.6}, new double[][] {{0.60, -0.20}, {-0.20, 0.15}}),
            Gaussian.of(new double[] {-0.2, -1.5}, new double[][] {{0.08, 0}, {0, 0.30}})));

    /** x_i equally spaced in [lo, hi]. */
    static double[] grid(double lo, double hi, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * i / (n - 1);
        }
        return x;
    }

    /** The mixture density at each x (1-D). */
    static double[] density(GaussianMixture m, double[] x) {
        double[] f = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = Math.exp(m.logDensity(new double[] {x[i]}));
        }
        return f;
    }

    /** w N(x | component) at each x (1-D): one weighted component. */
    static double[] weightedComponent(GaussianMixture m, int k, double[] x) {
        double[] f = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = m.weight(k) * Math.exp(m.component(k).logDensity(new double[] {x[i]}));
        }
        return f;
    }
}
