package io.gmmflow.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Named numeric parameters of a plugin call ({@code epsilon}, {@code maxIterations},
 * {@code tolerance}, {@code steps}, ...). Immutable; insertion order is kept for display.
 *
 * <p>Plugins are stateless singletons, so their settings travel with each call as a
 * {@code Parameters}; a plugin documents its names and defaults through {@link Plugin#defaults()}.
 * Lookups with a default never fail; the typed getters reject non-finite or out-of-range values
 * with an {@link IllegalArgumentException} naming the parameter.
 */
public final class Parameters {

    private static final Parameters EMPTY = new Parameters(Map.of());

    private final Map<String, Double> values;

    private Parameters(Map<String, Double> values) {
        this.values = values;
    }

    /** No parameters: every lookup returns its default. */
    public static Parameters empty() {
        return EMPTY;
    }

    /** Parameters from alternating names and numbers: {@code of("epsilon", 0.05, "maxIterations", 5000)}. */
    public static Parameters of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Parameters.of needs name, value pairs; got an odd count");
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name) || name.isBlank()) {
                throw new IllegalArgumentException("parameter name at position " + i + " is not a non-blank string");
            }
            if (!(namesAndValues[i + 1] instanceof Number n)) {
                throw new IllegalArgumentException("parameter " + name + " has a non-numeric value " + namesAndValues[i + 1]);
            }
            m.put(name, n.doubleValue());
        }
        return new Parameters(Collections.unmodifiableMap(m));
    }

    /**
     * Parameters from a map (copied).
     *
     * @throws IllegalArgumentException for a null map, a null or blank name, or a null value
     */
    public static Parameters of(Map<String, ? extends Number> map) {
        if (map == null) {
            throw new IllegalArgumentException("parameter map is null");
        }
        Map<String, Double> m = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            checkName(k);
            if (v == null) {
                throw new IllegalArgumentException("parameter " + k + " has a null value");
            }
            m.put(k, v.doubleValue());
        });
        return new Parameters(Collections.unmodifiableMap(m));
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("parameter name '" + name + "' is not a non-blank string");
        }
    }

    /** A copy with {@code name} set to {@code value}. @throws IllegalArgumentException for a null or blank name */
    public Parameters with(String name, double value) {
        checkName(name);
        Map<String, Double> m = new LinkedHashMap<>(values);
        m.put(name, value);
        return new Parameters(Collections.unmodifiableMap(m));
    }

    /** These parameters on top of {@code defaults}: a name set here wins. */
    public Parameters withDefaults(Parameters defaults) {
        Map<String, Double> m = new LinkedHashMap<>(defaults.values);
        m.putAll(values);
        return new Parameters(Collections.unmodifiableMap(m));
    }

    /** Whether {@code name} is set. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value of {@code name}, or {@code fallback} when it is not set (may be NaN if set so). */
    public double get(String name, double fallback) {
        Double v = values.get(name);
        return v == null ? fallback : v;
    }

    /**
     * A strictly positive finite value ({@code epsilon}, a tolerance).
     *
     * @throws IllegalArgumentException naming the parameter when it is NaN, infinite or <= 0
     */
    public double positive(String name, double fallback) {
        double v = get(name, fallback);
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("parameter " + name + " must be a finite number > 0, got " + v);
        }
        return v;
    }

    /** A finite value >= 0. */
    public double nonNegative(String name, double fallback) {
        double v = get(name, fallback);
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("parameter " + name + " must be a finite number >= 0, got " + v);
        }
        return v;
    }

    /**
     * A whole number >= {@code min} (iteration and step counts).
     *
     * @throws IllegalArgumentException naming the parameter when it is not a whole number >= min
     */
    public int integer(String name, int fallback, int min) {
        double v = get(name, fallback);
        if (!(v >= min) || v != Math.rint(v) || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("parameter " + name + " must be a whole number >= " + min + ", got " + v);
        }
        return (int) v;
    }

    /** A flag stored as a number: 0 is false, anything else true. */
    public boolean flag(String name, boolean fallback) {
        Double v = values.get(name);
        return v == null ? fallback : v != 0.0;
    }

    /** The names that are set. */
    public Set<String> names() {
        return values.keySet();
    }

    /** The values as an unmodifiable map. */
    public Map<String, Double> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && values.equals(p.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
