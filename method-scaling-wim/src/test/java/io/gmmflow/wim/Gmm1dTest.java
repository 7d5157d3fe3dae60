package io.gmmflow.wim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Gmm1dTest {

    private static final double[] MU = {0, 1, 2};
    private static final double[] P = {0.2, 0.5, 0.3};

    @Test
    void thetaCoordinatesRoundTrip() {
        Gmm1d m = Gmm1d.of(MU, 0.1, P);
        double[] theta = m.theta();
        assertThat(theta).containsExactly(new double[] {0.8, 0.3}, org.assertj.core.data.Offset.offset(1e-15));
        Gmm1d back = Gmm1d.fromTheta(MU, m.sigmas(), theta);
        for (int i = 0; i < 3; i++) {
            assertThat(back.weights()[i]).isCloseTo(P[i], org.assertj.core.data.Offset.offset(1e-15));
        }
        assertThat(m.isHomogeneous(1e-12)).isTrue();
        assertThat(new Gmm1d(new double[] {0, 1, 3}, new double[] {.1, .1, .1}, P).isHomogeneous(1e-12)).isFalse();
    }

    @Test
    void badInputGivesClearErrors() {
        assertThatThrownBy(() -> Gmm1d.of(new double[] {0, 1, 1}, 0.1, P))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strictly increasing")
                .hasMessageContaining("mean 3");
        assertThatThrownBy(() -> Gmm1d.of(new double[] {0, 2, 1}, 0.1, P))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mean 3 = 1.0");
        assertThatThrownBy(() -> new Gmm1d(MU, new double[] {0.1, 0, 0.1}, P))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma 2").hasMessageContaining("> 0");
        assertThatThrownBy(() -> new Gmm1d(MU, new double[] {0.1, -1, 0.1}, P))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma 2");
        assertThatThrownBy(() -> new Gmm1d(MU, new double[] {0.1, Double.NaN, 0.1}, P))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma 2");
        assertThatThrownBy(() -> Gmm1d.of(MU, 0.1, new double[] {0.5, 0.5, 0.0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight 3").hasMessageContaining("open simplex");
        assertThatThrownBy(() -> Gmm1d.of(MU, 0.1, new double[] {0.6, 0.5, -0.1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight 3");
        assertThatThrownBy(() -> Gmm1d.of(MU, 0.1, new double[] {0.2, 0.2, 0.2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to 0.6");
        assertThatThrownBy(() -> Gmm1d.of(new double[] {0}, 0.1, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("N >= 2");
        assertThatThrownBy(() -> Gmm1d.of(MU, 0.1, new double[] {0.5, 0.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 weights");
        assertThatThrownBy(() -> Gmm1d.fromTheta(MU, new double[] {.1, .1, .1}, new double[] {0.3, 0.8}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("theta");
    }
}
