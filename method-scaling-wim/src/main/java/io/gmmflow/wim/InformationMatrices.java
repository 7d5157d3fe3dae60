package io.gmmflow.wim;

/**
 * The information matrices of one {@link Gmm1d} in theta coordinates, as computed by
 * {@link InformationMatrixQuadrature}, with their scaling limits (seed 004 eq. 2-3, Theorems 2-7).
 *
 * <p>G_W is kept as log|G_W| and sign, because it overflows a double once d^2/(8 sigma^2) > 709;
 * {@link #wasserstein()} then holds infinities (the CLI prints null), while
 * {@link #wassersteinScaled()} = G_W / K(sigma) stays finite. Index convention: theta index i
 * (0-based) couples components i and i+1. Arrays are copied out. Immutable and thread-safe.
 */
public final class InformationMatrices {

    private final Gmm1d model;
    private final ScalingLimits.WassersteinScaling scaling;
    private final double[][] logAbsWasserstein;
    private final double[][] signWasserstein;
    private final double[][] wassersteinRelativeError;
    private final double[][] fisher;
    private final double[][] fisherDeviation;
    private final double[][] fisherDirect;
    private final double[][] densityProducts;
    private final double[][] muMu;
    private final double[][] thetaMu;
    private final boolean converged;
    private final double maxRelativeError;
    private final long evaluations;

    InformationMatrices(Gmm1d model, ScalingLimits.WassersteinScaling scaling, double[][] logAbsWasserstein,
                        double[][] signWasserstein, double[][] wassersteinRelativeError, double[][] fisher,
                        double[][] fisherDeviation, double[][] fisherDirect, double[][] densityProducts,
                        double[][] muMu, double[][] thetaMu, boolean converged, double maxRelativeError,
                        long evaluations) {
        this.model = model;
        this.scaling = scaling;
        this.logAbsWasserstein = logAbsWasserstein;
        this.signWasserstein = signWasserstein;
        this.wassersteinRelativeError = wassersteinRelativeError;
        this.fisher = fisher;
        this.fisherDeviation = fisherDeviation;
        this.fisherDirect = fisherDirect;
        this.densityProducts = densityProducts;
        this.muMu = muMu;
        this.thetaMu = thetaMu;
        this.converged = converged;
        this.maxRelativeError = maxRelativeError;
        this.evaluations = evaluations;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** The model. */
    public Gmm1d model() {
        return model;
    }

    /** The dimension N - 1 of theta. */
    public int dimension() {
        return fisher.length;
    }

    /** Which scaling theorem applies, K(sigma) and the limit (Theorems 3 and 4). */
    public ScalingLimits.WassersteinScaling scaling() {
        return scaling;
    }

    /** log K(sigma), the scale of {@link #wassersteinScaled()}. */
    public double logScale() {
        return scaling.logScale();
    }

    /** G_W (eq. 3); entries that overflow a double are +-infinity. */
    public double[][] wasserstein() {
        int m = dimension();
        double[][] w = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                w[i][j] = signWasserstein[i][j] * Math.exp(logAbsWasserstein[i][j]);
            }
        }
        return w;
    }

    /** (G_W)_ij, or null when it overflows a double. */
    public Double wassersteinOrNull(int i, int j) {
        double v = signWasserstein[i][j] * Math.exp(logAbsWasserstein[i][j]);
        return Double.isFinite(v) ? v : null;
    }

    /** G_W / K(sigma). */
    public double[][] wassersteinScaled() {
        int m = dimension();
        double logK = scaling.logScale();
        double[][] w = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                w[i][j] = signWasserstein[i][j] * Math.exp(logAbsWasserstein[i][j] - logK);
            }
        }
        return w;
    }

    /** log|(G_W)_ij|. */
    public double[][] logAbsWasserstein() {
        return copy(logAbsWasserstein);
    }

    /** The sign of (G_W)_ij. */
    public double[][] signWasserstein() {
        return copy(signWasserstein);
    }

    /** The estimated relative error of each (G_W)_ij. */
    public double[][] wassersteinRelativeError() {
        return copy(wassersteinRelativeError);
    }

    /** The limit of G_W / K(sigma) (Theorem 3 or 4). */
    public double[][] wassersteinLimit() {
        return copy(scaling.limit());
    }

    /** G_F (eq. 2), assembled without cancellation from the M_ab integrals. */
    public double[][] fisher() {
        return copy(fisher);
    }

    /** G_F minus its Theorem 2 limit, computed without cancellation. */
    public double[][] fisherDeviation() {
        return copy(fisherDeviation);
    }

    /** G_F integrated directly from eq. 2 (an independent check of {@link #fisher()}). */
    public double[][] fisherDirect() {
        return copy(fisherDirect);
    }

    /** The Theorem 2 limit of G_F. */
    public double[][] fisherLimit() {
        return ScalingLimits.fisherLimit(model.weights());
    }

    /** M_ab = int rho_a rho_b / rho dx, N x N. */
    public double[][] densityProducts() {
        return copy(densityProducts);
    }

    /** The Wasserstein inner products of d/d mu_a and d/d mu_b: p_a p_b M_ab (Theorem 6, 7), N x N. */
    public double[][] wassersteinMuMu() {
        return copy(muMu);
    }

    /** The Wasserstein inner products of d/d theta_i and d/d mu_j, (N-1) x N (Theorem 6). */
    public double[][] wassersteinThetaMu() {
        return copy(thetaMu);
    }

    /** Whether every entry met its tolerance. */
    public boolean converged() {
        return converged;
    }

    /** The largest estimated relative error over all computed integrals. */
    public double maxRelativeError() {
        return maxRelativeError;
    }

    /** Integrand evaluations used. */
    public long evaluations() {
        return evaluations;
    }
}
