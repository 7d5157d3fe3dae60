package io.gmmflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ParametersTest {

    @Test
    void ofRejectsMalformedPairs() {
        assertThatThrownBy(() -> Parameters.of("epsilon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Parameters.of needs name, value pairs; got an odd count");
        assertThatThrownBy(() -> Parameters.of(3, 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter name at position 0 is not a non-blank string");
        assertThatThrownBy(() -> Parameters.of("a", 1, " ", 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter name at position 2 is not a non-blank string");
        assertThatThrownBy(() -> Parameters.of("epsilon", "small"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter epsilon has a non-numeric value small");
    }

    @Test
    void ofMapAndWithRejectNullsAndBlankNames() {
        java.util.Map<String, Double> nullValue = new java.util.HashMap<>();
        nullValue.put("epsilon", null);
        assertThatThrownBy(() -> Parameters.of(nullValue))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter epsilon has a null value");
        java.util.Map<String, Double> nullName = new java.util.HashMap<>();
        nullName.put(null, 1.0);
        assertThatThrownBy(() -> Parameters.of(nullName))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter name 'null' is not a non-blank string");
        assertThatThrownBy(() -> Parameters.of(Map.of(" ", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter name ' ' is not a non-blank string");
        assertThatThrownBy(() -> Parameters.of((Map<String, Double>) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter map is null");
        assertThatThrownBy(() -> Parameters.empty().with(null, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter name 'null' is not a non-blank string");
    }

    @Test
    void positiveRejectsZeroNegativeNaNAndInfinity() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> Parameters.of("epsilon", bad).positive("epsilon", 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("parameter epsilon must be a finite number > 0, got " + bad);
        }
        assertThat(Parameters.of("epsilon", 0.05).positive("epsilon", 1)).isEqualTo(0.05);
        assertThat(Parameters.empty().positive("epsilon", 0.5)).isEqualTo(0.5);
    }

    @Test
    void nonNegativeRejectsNegativeNaNAndInfinity() {
        for (double bad : new double[] {-1e-300, Double.NaN, Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> Parameters.of("rho", bad).nonNegative("rho", 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("parameter rho must be a finite number >= 0, got " + bad);
        }
        assertThat(Parameters.of("rho", 0.0).nonNegative("rho", 1)).isEqualTo(0.0);
    }

    @Test
    void integerRejectsFractionsValuesBelowMinNaNAndHugeValues() {
        for (double bad : new double[] {2.5, 0, Double.NaN, 1e10, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> Parameters.of("steps", bad).integer("steps", 10, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("parameter steps must be a whole number >= 1, got " + bad);
        }
        assertThat(Parameters.of("steps", 100).integer("steps", 10, 1)).isEqualTo(100);
        assertThat(Parameters.empty().integer("steps", 10, 1)).isEqualTo(10);
    }

    @Test
    void layeringFlagsAndValueSemantics() {
        Parameters defaults = Parameters.of("epsilon", 0.05, "maxIterations", 5000);
        Parameters p = Parameters.of("epsilon", 0.1).withDefaults(defaults);
        assertThat(p.get("epsilon", 0)).isEqualTo(0.1);
        assertThat(p.get("maxIterations", 0)).isEqualTo(5000);
        assertThat(p.names()).containsExactly("epsilon", "maxIterations");
        assertThat(p.with("tolerance", 1e-9).has("tolerance")).isTrue();
        assertThat(p.has("tolerance")).isFalse();
        assertThat(Parameters.of("warm", 0).flag("warm", true)).isFalse();
        assertThat(Parameters.of("warm", 2).flag("warm", false)).isTrue();
        assertThat(Parameters.empty().flag("warm", true)).isTrue();
        assertThat(Parameters.of(Map.of("a", 1))).isEqualTo(Parameters.of("a", 1.0));
        assertThatThrownBy(() -> p.asMap().put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }
}
