package io.gmmflow.api;

import java.util.Locale;

/**
 * How a component covariance is stored, with scikit-learn's names for the JSON format
 * (DESIGN.md section 7): {@code full} (a d x d matrix), {@code diag} (a vector of d variances),
 * {@code spherical} (one variance shared by every coordinate).
 *
 * <p>The kind is a storage and speed hint: methods take O(d) fast paths for diagonal and spherical
 * covariances. Thread-safe (an enum).
 */
public enum CovarianceType {
    /** A dense symmetric positive definite d x d matrix. */
    FULL("full"),
    /** A diagonal matrix given by its d variances. */
    DIAGONAL("diag"),
    /** A multiple of the identity given by one variance. */
    SPHERICAL("spherical");

    private final String jsonName;

    CovarianceType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in GMM JSON files and on the command line ({@code full}, {@code diag}, {@code spherical}). */
    public String jsonName() {
        return jsonName;
    }

    /**
     * Parses a JSON or command-line name; also accepts {@code diagonal} and any letter case.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code name} is none of them
     */
    public static CovarianceType fromName(String name) {
        if (name != null) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            for (CovarianceType type : values()) {
                if (type.jsonName.equals(n)) {
                    return type;
                }
            }
            if (n.equals("diagonal")) {
                return DIAGONAL;
            }
        }
        throw new IllegalArgumentException(
                "unknown covariance type '" + name + "' (expected full, diag or spherical)");
    }
}
