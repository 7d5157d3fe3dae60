package io.gmmflow.core.transport;

/**
 * The linear-time MMD two-sample test of Gretton et al. (JMLR 2012, section 6) with a Gaussian
 * kernel: for paired draws z_i = (x_{2i}, x_{2i+1}, y_{2i}, y_{2i+1}),
 * h_i = k(x, x') + k(y, y') - k(x, y') - k(x', y), whose mean is MMD^2 and which is asymptotically
 * normal, so z = mean / (sd / sqrt(m)) gives a one-sided p-value. O(n d) time and memory; a valid
 * test (the false-rejection rate is the level), with less power than the quadratic statistic,
 * which is ample for the differences these tests must detect. Test code only.
 */
final class TwoSampleTest {

    private TwoSampleTest() {
    }

    /** z statistic of H0: P = Q (large positive z rejects). Bandwidth: median distance heuristic on a subsample. */
    static double mmdZ(double[][] x, double[][] y) {
        int m = Math.min(x.length, y.length) / 2;
        double bw2 = medianSquaredDistance(x, y);
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < m; i++) {
            double[] x1 = x[2 * i];
            double[] x2 = x[2 * i + 1];
            double[] y1 = y[2 * i];
            double[] y2 = y[2 * i + 1];
            double h = k(x1, x2, bw2) + k(y1, y2, bw2) - k(x1, y2, bw2) - k(x2, y1, bw2);
            sum += h;
            sumSq += h * h;
        }
        double mean = sum / m;
        double var = (sumSq / m - mean * mean) * m / (m - 1);
        return mean / Math.sqrt(var / m);
    }

    private static double k(double[] a, double[] b, double bw2) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double t = a[i] - b[i];
            s += t * t;
        }
        return Math.exp(-s / (2 * bw2));
    }

    private static double medianSquaredDistance(double[][] x, double[][] y) {
        int n = Math.min(200, Math.min(x.length, y.length));
        double[] d = new double[n * n];
        int c = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < x[i].length; k++) {
                    double t = x[i][k] - y[j][k];
                    s += t * t;
                }
                d[c++] = s;
            }
        }
        java.util.Arrays.sort(d);
        return d[d.length / 2];
    }

    /** One-sided 1% critical value of the standard normal. */
    static final double Z_99 = 2.3263478740408408;
}
