package io.gmmflow.solvers;

/**
 * A validated coupling problem reduced to its support: the rows and columns of positive weight,
 * with the cost copied into one flat row-major array (the layout every solver's hot loop reads).
 *
 * <p>Zero weights carry no mass under any of the solvers (the reference measure a x b vanishes
 * there, and the exact LP has no supply there), so they are dropped before solving and their plan
 * rows/columns are zero in the result; this is also what keeps log(0) out of the log-domain
 * iterations. Package-private: built once per call, not shared.
 */
final class CouplingProblem {

    /** Relative mass mismatch accepted by the balanced solvers (see {@link #checkBalanced()}). */
    static final double MASS_TOLERANCE = 1e-9;

    /** The original (full) inputs, as given. */
    final double[] fullA;
    final double[] fullB;
    final double[][] fullCost;
    final double massA;
    final double massB;
    /** Indices of the positive-weight rows / columns in the full problem. */
    final int[] rows;
    final int[] cols;
    /** Reduced sizes and data. */
    final int n;
    final int m;
    final double[] a;
    final double[] b;
    /** Reduced cost, row-major n x m. */
    final double[] cost;
    final double maxCost;
    final double minCost;

    private CouplingProblem(double[] a, double[] b, double[][] cost) {
        this.fullA = a;
        this.fullB = b;
        this.fullCost = cost;
        this.massA = sum(a);
        this.massB = sum(b);
        this.rows = support(a);
        this.cols = support(b);
        this.n = rows.length;
        this.m = cols.length;
        this.a = new double[n];
        this.b = new double[m];
        for (int i = 0; i < n; i++) {
            this.a[i] = a[rows[i]];
        }
        for (int j = 0; j < m; j++) {
            this.b[j] = b[cols[j]];
        }
        this.cost = new double[n * m];
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double[] row = cost[rows[i]];
            int off = i * m;
            for (int j = 0; j < m; j++) {
                double c = row[cols[j]];
                this.cost[off + j] = c;
                max = Math.max(max, c);
                min = Math.min(min, c);
            }
        }
        this.maxCost = max;
        this.minCost = min;
    }

    /**
     * Validates and reduces the inputs.
     *
     * @throws IllegalArgumentException naming the offending weight, cost entry or shape
     */
    static CouplingProblem of(double[] a, double[] b, double[][] cost) {
        checkWeights("a", a);
        checkWeights("b", b);
        if (cost == null) {
            throw new IllegalArgumentException("cost matrix must not be null");
        }
        if (cost.length != a.length) {
            throw new IllegalArgumentException("cost matrix has " + cost.length + " rows but a has " + a.length
                    + " entries (expected a " + a.length + " x " + b.length + " matrix)");
        }
        for (int i = 0; i < cost.length; i++) {
            double[] row = cost[i];
            if (row == null || row.length != b.length) {
                throw new IllegalArgumentException("cost matrix row " + i + " has "
                        + (row == null ? "no" : String.valueOf(row.length)) + " entries but b has " + b.length
                        + " (expected a " + a.length + " x " + b.length + " matrix)");
            }
            for (int j = 0; j < row.length; j++) {
                double c = row[j];
                if (!(c >= 0) || !Double.isFinite(c)) {
                    throw new IllegalArgumentException("cost[" + i + "][" + j + "] must be finite and >= 0, got " + c);
                }
            }
        }
        return new CouplingProblem(a, b, cost);
    }

    private static void checkWeights(String name, double[] w) {
        if (w == null) {
            throw new IllegalArgumentException("weights " + name + " must not be null");
        }
        if (w.length == 0) {
            throw new IllegalArgumentException("weights " + name + " must not be empty");
        }
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] >= 0) || !Double.isFinite(w[i])) {
                throw new IllegalArgumentException("weight " + name + "[" + i + "] must be finite and >= 0, got " + w[i]);
            }
            s += w[i];
        }
        if (!(s > 0)) {
            throw new IllegalArgumentException("weights " + name + " have total mass 0; at least one must be > 0");
        }
    }

    /**
     * Rejects a and b whose total masses differ by more than {@link #MASS_TOLERANCE} relative.
     *
     * @throws IllegalArgumentException naming both sums
     */
    void checkBalanced() {
        if (Math.abs(massA - massB) > MASS_TOLERANCE * Math.max(massA, massB)) {
            throw new IllegalArgumentException("a balanced solver needs equal total masses, but sum(a) = " + massA
                    + " and sum(b) = " + massB + " (relative difference "
                    + Math.abs(massA - massB) / Math.max(massA, massB) + " > " + MASS_TOLERANCE + ")");
        }
    }

    /** A full-size plan with the reduced plan (row-major n x m) scattered into it. */
    double[][] expandPlan(double[] reduced) {
        double[][] plan = new double[fullA.length][fullB.length];
        for (int i = 0; i < n; i++) {
            double[] row = plan[rows[i]];
            int off = i * m;
            for (int j = 0; j < m; j++) {
                row[cols[j]] = reduced[off + j];
            }
        }
        return plan;
    }

    /**
     * |pi 1 - a|_1 + |pi^T 1 - b|_1 of a full-size plan against the given (not rescaled) weights:
     * the true error of what is returned.
     */
    double marginalError(double[][] plan) {
        double[] colSums = new double[fullB.length];
        double err = 0;
        for (int i = 0; i < plan.length; i++) {
            double[] row = plan[i];
            double r = 0;
            for (int j = 0; j < row.length; j++) {
                r += row[j];
                colSums[j] += row[j];
            }
            err += Math.abs(r - fullA[i]);
        }
        for (int j = 0; j < colSums.length; j++) {
            err += Math.abs(colSums[j] - fullB[j]);
        }
        return err;
    }

    /** <plan, C> over the full matrices. */
    double objective(double[][] plan) {
        double s = 0;
        for (int i = 0; i < plan.length; i++) {
            double[] p = plan[i];
            double[] c = fullCost[i];
            for (int j = 0; j < p.length; j++) {
                if (p[j] != 0) {
                    s += p[j] * c[j];
                }
            }
        }
        return s;
    }

    /** Whether rows or columns were dropped. */
    boolean reduced() {
        return n != fullA.length || m != fullB.length;
    }

    static double sum(double[] w) {
        double s = 0;
        for (double x : w) {
            s += x;
        }
        return s;
    }

    private static int[] support(double[] w) {
        int k = 0;
        for (double x : w) {
            if (x > 0) {
                k++;
            }
        }
        int[] idx = new int[k];
        k = 0;
        for (int i = 0; i < w.length; i++) {
            if (w[i] > 0) {
                idx[k++] = i;
            }
        }
        return idx;
    }
}
