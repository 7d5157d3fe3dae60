package io.gmmflow.api;

/**
 * The few dense kernels the value types need to validate and sample themselves without leaving
 * the JDK: a symmetric check and an in-place Cholesky factorization that reports the failing pivot.
 * The fast and general kernels live in {@code core-linalg}; these run once per component.
 */
final class SpdChecks {

    /** Relative tolerance on |a_ij - a_ji| against the largest absolute entry. */
    static final double SYMMETRY_TOLERANCE = 1e-10;

    private SpdChecks() {
    }

    /**
     * Cholesky factor (lower, row-major) of the symmetric matrix {@code a}, or a negative-encoded
     * failure: returns {@code null} and writes the failing pivot's index and value into
     * {@code failure[0..1]}.
     */
    static double[] cholesky(double[] a, int d, double[] failure) {
        double[] l = new double[d * d];
        for (int j = 0; j < d; j++) {
            double s = a[j * d + j];
            for (int k = 0; k < j; k++) {
                s -= l[j * d + k] * l[j * d + k];
            }
            if (!(s > 0) || !Double.isFinite(s)) {
                failure[0] = j;
                failure[1] = s;
                return null;
            }
            double ljj = Math.sqrt(s);
            l[j * d + j] = ljj;
            for (int i = j + 1; i < d; i++) {
                double t = a[i * d + j];
                for (int k = 0; k < j; k++) {
                    t -= l[i * d + k] * l[j * d + k];
                }
                l[i * d + j] = t / ljj;
            }
        }
        return l;
    }

    /**
     * Factor of a positive semi-definite matrix: a Cholesky factorization in which pivots that are
     * zero up to {@code tolerance} (relative to the largest diagonal entry) are set to 0 and their
     * column dropped. Returns {@code null} and fills {@code failure} when a pivot is clearly negative.
     */
    static double[] semiDefiniteFactor(double[] a, int d, double[] failure) {
        double maxDiag = 0;
        for (int i = 0; i < d; i++) {
            maxDiag = Math.max(maxDiag, Math.abs(a[i * d + i]));
        }
        double tol = 1e-12 * d * Math.max(maxDiag, Double.MIN_NORMAL);
        double[] l = new double[d * d];
        for (int j = 0; j < d; j++) {
            double s = a[j * d + j];
            for (int k = 0; k < j; k++) {
                s -= l[j * d + k] * l[j * d + k];
            }
            if (!Double.isFinite(s) || s < -tol) {
                failure[0] = j;
                failure[1] = s;
                return null;
            }
            if (s <= tol) {
                // A null direction: the rest of this column must vanish too, else not PSD.
                for (int i = j + 1; i < d; i++) {
                    double t = a[i * d + j];
                    for (int k = 0; k < j; k++) {
                        t -= l[i * d + k] * l[j * d + k];
                    }
                    if (Math.abs(t) > Math.sqrt(tol * Math.max(maxDiag, Double.MIN_NORMAL))) {
                        failure[0] = j;
                        failure[1] = s;
                        return null;
                    }
                }
                continue;
            }
            double ljj = Math.sqrt(s);
            l[j * d + j] = ljj;
            for (int i = j + 1; i < d; i++) {
                double t = a[i * d + j];
                for (int k = 0; k < j; k++) {
                    t -= l[i * d + k] * l[j * d + k];
                }
                l[i * d + j] = t / ljj;
            }
        }
        return l;
    }
}
