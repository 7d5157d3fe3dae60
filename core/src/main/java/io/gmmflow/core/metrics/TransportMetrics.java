package io.gmmflow.core.metrics;

/**
 * Small metrics of seed 003's evaluation: the mean squared error of a map against paired ground
 * truth (Fig. 2), the transport cost T_c of a mixture plan (Table 5), the relative change of a
 * quantity in percent, and the transport map deviation TMD between two weight matrices
 * (Appendix B.4). O(size of the inputs), stateless and thread-safe.
 */
public final class TransportMetrics {

    private TransportMetrics() {
    }

    /**
     * MSE = (1/n) sum_p |T(x_p) - y_p|^2 for mapped points T(x_p) and their paired ground truth y_p.
     *
     * @throws IllegalArgumentException for empty or mismatched clouds or non-finite coordinates
     */
    public static double mapMse(double[][] mapped, double[][] truth) {
        double[] a = PointClouds.flatten(mapped, "mapped points", -1);
        int d = mapped[0].length;
        double[] b = PointClouds.flatten(truth, "ground truth", d);
        if (mapped.length != truth.length) {
            throw new IllegalArgumentException(mapped.length + " mapped points but " + truth.length
                    + " ground-truth points: they must be paired");
        }
        double s = 0;
        for (int p = 0; p < mapped.length; p++) {
            s += PointClouds.squaredDistance(a, p * d, b, p * d, d);
        }
        return s / mapped.length;
    }

    /**
     * T_c = sum_ij omega_ij t_ij (Table 5, "OMT (GMM-OT)"): the weights of a mixture plan times the
     * transport parts t_ij = E_{p_ij}|x - y|^2 of its pair plans.
     *
     * @throws IllegalArgumentException for mismatched shapes or non-finite entries
     */
    public static double transportCost(double[][] weights, double[][] pairTransport) {
        checkSameShape(weights, pairTransport, "weights", "pair transport costs");
        double s = 0;
        for (int i = 0; i < weights.length; i++) {
            for (int j = 0; j < weights[i].length; j++) {
                s += weights[i][j] * pairTransport[i][j];
            }
        }
        return s;
    }

    /** 100 |perturbed - base| / |base|, the "percentage change" of Appendix B.4. */
    public static double percentChange(double base, double perturbed) {
        if (!Double.isFinite(base) || !Double.isFinite(perturbed) || base == 0) {
            throw new IllegalArgumentException("percent change needs finite values and a non-zero base, got base "
                    + base + " and " + perturbed);
        }
        return 100 * Math.abs(perturbed - base) / Math.abs(base);
    }

    /**
     * TMD = |Omega~ - Omega|_F / |Omega|_F (Appendix B.4), Omega the baseline weights.
     *
     * @throws IllegalArgumentException for mismatched shapes, non-finite entries or a zero baseline
     */
    public static double tmd(double[][] perturbed, double[][] base) {
        checkSameShape(perturbed, base, "perturbed weights", "baseline weights");
        double num = 0;
        double den = 0;
        for (int i = 0; i < base.length; i++) {
            for (int j = 0; j < base[i].length; j++) {
                double t = perturbed[i][j] - base[i][j];
                num += t * t;
                den += base[i][j] * base[i][j];
            }
        }
        if (!(den > 0)) {
            throw new IllegalArgumentException("baseline weights are all zero");
        }
        return Math.sqrt(num / den);
    }

    private static void checkSameShape(double[][] a, double[][] b, String na, String nb) {
        if (a == null || b == null || a.length == 0) {
            throw new IllegalArgumentException(na + " and " + nb + " must be non-empty matrices");
        }
        if (a.length != b.length) {
            throw new IllegalArgumentException(na + " have " + a.length + " rows but " + nb + " have " + b.length);
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || b[i] == null || a[i].length != b[i].length) {
                throw new IllegalArgumentException("row " + i + ": " + na + " and " + nb + " differ in length");
            }
            for (int j = 0; j < a[i].length; j++) {
                if (!Double.isFinite(a[i][j]) || !Double.isFinite(b[i][j])) {
                    throw new IllegalArgumentException("entry (" + i + ", " + j + ") is not finite");
                }
            }
        }
    }
}
