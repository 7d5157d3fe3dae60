package io.gmmflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GaussianMixtureTest {

    private static final Gaussian A = Gaussian.spherical(new double[] {0, 0}, 1);
    private static final Gaussian B = Gaussian.of(new double[] {3, -1}, new double[][] {{2, 0.5}, {0.5, 1}});

    // ------------------------------------------------------------------ validation errors

    @Test
    void emptyMixture() {
        assertThatThrownBy(() -> GaussianMixture.of(new double[0], List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mixture is empty: it needs at least one component");
        assertThatThrownBy(() -> GaussianMixture.uniform(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mixture is empty: it needs at least one component");
    }

    @Test
    void negativeWeight() {
        assertThatThrownBy(() -> GaussianMixture.of(new double[] {1.1, -0.1}, List.of(A, B)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("component 1: weight is negative (-0.1)");
    }

    @Test
    void nonFiniteWeights() {
        assertThatThrownBy(() -> GaussianMixture.of(new double[] {Double.NaN, 1}, List.of(A, B)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("component 0: weight is not finite (NaN)");
        assertThatThrownBy(() -> GaussianMixture.of(new double[] {0, Double.POSITIVE_INFINITY}, List.of(A, B)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("component 1: weight is not finite (Infinity)");
    }

    @Test
    void weightsMustSumToOneWithin1eMinus9() {
        assertThatThrownBy(() -> GaussianMixture.of(new double[] {0.5, 0.4}, List.of(A, B)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weights sum to 0.9, not 1 (tolerance 1.0E-9)");
        // 2e-9 off is rejected, 5e-10 off is accepted (and kept as given, not renormalized).
        assertThatThrownBy(() -> GaussianMixture.of(new double[] {0.5, 0.5 + 2e-9}, List.of(A, B)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("weights sum to 1.00000000").hasMessageEndingWith(", not 1 (tolerance 1.0E-9)");
        GaussianMixture m = GaussianMixture.of(new double[] {0.5, 0.5 + 5e-10}, List.of(A, B));
        assertThat(m.weight(1)).isEqualTo(0.5 + 5e-10);
    }

    @Test
    void shapeErrors() {
        assertThatThrownBy(() -> GaussianMixture.of(new double[] {0.5, 0.5}, List.of(A)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mixture has 2 weights but 1 components");
        Gaussian c3 = Gaussian.standard(3);
        assertThatThrownBy(() -> GaussianMixture.of(new double[] {0.5, 0.5}, List.of(A, c3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("component 1 has dimension 3 but component 0 has dimension 2");
        assertThatThrownBy(() -> GaussianMixture.of(new double[] {0.5, 0.5}, Arrays.asList(A, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("component 1 is null");
        assertThatThrownBy(() -> GaussianMixture.of(null, List.of(A)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weights and components must not be null");
    }

    // ------------------------------------------------------------------ values

    @Test
    void zeroWeightComponentsAreValidAndCarryNoMass() {
        Gaussian far = Gaussian.spherical(new double[] {1000, 1000}, 1);
        GaussianMixture m = GaussianMixture.of(new double[] {0.0, 1.0, 0.0}, List.of(far, A, far));
        assertThat(m.size()).isEqualTo(3);
        assertThat(m.logDensity(new double[] {0.5, 0.5})).isEqualTo(A.logDensity(new double[] {0.5, 0.5}));
        assertThat(m.mean()).containsExactly(0, 0);
        int[] labels = m.sampleLabelled(5000, 11L).labels();
        assertThat(labels).containsOnly(1);
    }

    @Test
    void momentsAndDensityMatchTheirDefinitions() {
        GaussianMixture m = GaussianMixture.of(new double[] {0.25, 0.75}, List.of(A, B));
        // mean = 0.25 (0, 0) + 0.75 (3, -1) = (2.25, -0.75).
        assertThat(m.mean()).containsExactly(new double[] {2.25, -0.75}, within(1e-15));
        // covariance = sum w (Sigma + mu mu^T) - m m^T:
        // (0,0): 0.25*1 + 0.75*(2 + 9) - 2.25^2 = 3.4375; (0,1): 0.75*(0.5 - 3) + 2.25*0.75 = -0.1875;
        // (1,1): 0.25*1 + 0.75*(1 + 1) - 0.5625 = 1.1875.
        double[][] c = m.covariance();
        assertThat(c[0][0]).isCloseTo(3.4375, within(1e-14));
        assertThat(c[0][1]).isCloseTo(-0.1875, within(1e-14));
        assertThat(c[1][0]).isCloseTo(-0.1875, within(1e-14));
        assertThat(c[1][1]).isCloseTo(1.1875, within(1e-14));
        double[] x = {1, 0.5};
        double direct = Math.log(0.25 * Math.exp(A.logDensity(x)) + 0.75 * Math.exp(B.logDensity(x)));
        assertThat(m.logDensity(x)).isCloseTo(direct, within(1e-14));
        // Far away the densities underflow but log-sum-exp stays finite.
        assertThat(m.logDensity(new double[] {1e3, 1e3})).isFinite();
    }

    @Test
    void samplingIsReproducibleForASeed() {
        GaussianMixture m = GaussianMixture.of(new double[] {0.25, 0.75}, List.of(A, B));
        assertThat(m.sample(100, 42L)).isDeepEqualTo(m.sample(100, 42L));
        assertThat(m.sample(100, 42L)).isDeepEqualTo(m.sampleLabelled(100, 42L).points());
        assertThat(m.sample(100, 42L)).isNotEqualTo(m.sample(100, 43L));
        assertThatThrownBy(() -> m.sample(-5, 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("number of samples must be >= 0, got -5");
    }

    @Test
    void weightsAreCopiedAndComponentsUnmodifiable() {
        double[] w = {0.25, 0.75};
        GaussianMixture m = GaussianMixture.of(w, List.of(A, B));
        w[0] = 0.9;
        m.weights()[0] = 0.9;
        assertThat(m.weight(0)).isEqualTo(0.25);
        assertThatThrownBy(() -> m.components().add(A)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(GaussianMixture.of(A)).isEqualTo(GaussianMixture.of(new double[] {1}, List.of(A)));
        assertThat(GaussianMixture.uniform(List.of(A, B)).weights()).containsExactly(0.5, 0.5);
    }
}
