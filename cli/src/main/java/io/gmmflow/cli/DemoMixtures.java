package io.gmmflow.cli;

import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import java.util.List;

/**
 * The built-in example mixtures of {@code gmmflow demo}: a source with three components on the
 * left and a target with two elongated, tilted components on the right, in 2-D. Components differ
 * in shape as well as position, so the surrogate and exact flows of later issues visibly differ.
 */
public final class DemoMixtures {

    /** Three components: a round one, a wide one and a tilted one, weights 0.5, 0.3, 0.2. */
    public static final GaussianMixture SOURCE = GaussianMixture.of(new double[] {0.5, 0.3, 0.2}, List.of(
            Gaussian.of(new double[] {-4, 0}, new double[][] {{0.5, 0}, {0, 0.5}}),
            Gaussian.of(new double[] {-2, 3}, new double[][] {{1.2, 0}, {0, 0.3}}),
            Gaussian.of(new double[] {-2, -3}, new double[][] {{0.6, 0.3}, {0.3, 0.6}})));

    /** Two elongated components tilted in opposite directions, weights 0.6 and 0.4. */
    public static final GaussianMixture TARGET = GaussianMixture.of(new double[] {0.6, 0.4}, List.of(
            Gaussian.of(new double[] {4, 2}, new double[][] {{1.5, 0.9}, {0.9, 0.8}}),
            Gaussian.of(new double[] {3, -2.5}, new double[][] {{0.4, -0.2}, {-0.2, 1.6}})));

    private DemoMixtures() {
    }
}
