package io.gmmflow.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TransportMetricsTest {

    @Test
    void mapMseIsTheMeanSquaredDistanceOfPairs() {
        double[][] mapped = {{0, 0}, {1, 2}, {3, 3}};
        double[][] truth = {{0, 1}, {1, 0}, {0, -1}};
        // (1 + 4 + 25) / 3
        assertThat(TransportMetrics.mapMse(mapped, truth)).isCloseTo(10.0, within(1e-15));
        assertThatThrownBy(() -> TransportMetrics.mapMse(mapped, new double[][] {{0, 1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("paired");
    }

    @Test
    void transportCostTmdAndPercentChange() {
        double[][] w = {{0.25, 0.25}, {0, 0.5}};
        double[][] t = {{1, 2}, {3, 4}};
        assertThat(TransportMetrics.transportCost(w, t)).isCloseTo(0.25 + 0.5 + 2, within(1e-15));
        double[][] w2 = {{0.5, 0}, {0, 0.5}};
        // |diff|_F = sqrt(0.0625 * 2) = 0.35355; |w|_F = sqrt(0.0625 * 2 + 0.25) = 0.61237
        assertThat(TransportMetrics.tmd(w2, w)).isCloseTo(Math.sqrt(0.125 / 0.375), within(1e-15));
        assertThat(TransportMetrics.tmd(w, w)).isZero();
        assertThat(TransportMetrics.percentChange(2, 2.5)).isCloseTo(25, within(1e-13));
        assertThatThrownBy(() -> TransportMetrics.tmd(w, new double[][] {{1, 0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows");
        assertThatThrownBy(() -> TransportMetrics.tmd(w, new double[][] {{0, 0}, {0, 0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero");
        assertThatThrownBy(() -> TransportMetrics.percentChange(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
