package io.gmmflow.core.metrics;

/** Validation and flattening of point clouds (one point per row) shared by the metrics. */
final class PointClouds {

    private PointClouds() {
    }

    /**
     * The cloud as a flat row-major array after checking it: non-empty, every row of length
     * {@code d} (or of the first row's length when d < 0), finite.
     */
    static double[] flatten(double[][] points, String name, int d) {
        if (points == null || points.length == 0) {
            throw new IllegalArgumentException(name + " has no points");
        }
        int dim = d >= 0 ? d : (points[0] == null ? 0 : points[0].length);
        if (dim == 0) {
            throw new IllegalArgumentException(name + ": point 0 has no coordinates");
        }
        double[] flat = new double[points.length * dim];
        for (int p = 0; p < points.length; p++) {
            double[] row = points[p];
            if (row == null || row.length != dim) {
                throw new IllegalArgumentException(name + ": point " + p + " has " + (row == null ? 0 : row.length)
                        + " coordinates, expected " + dim);
            }
            for (int k = 0; k < dim; k++) {
                if (!Double.isFinite(row[k])) {
                    throw new IllegalArgumentException(name + ": point " + p + ", coordinate " + k + " is not finite ("
                            + row[k] + ")");
                }
                flat[p * dim + k] = row[k];
            }
        }
        return flat;
    }

    static double squaredDistance(double[] a, int ao, double[] b, int bo, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            double t = a[ao + k] - b[bo + k];
            s += t * t;
        }
        return s;
    }
}
