package io.gmmflow.wim.flow;

import io.gmmflow.api.VelocityField;
import java.util.function.DoubleUnaryOperator;

/**
 * The gradient flow of the potential energy V(p, mu) = sum_i p_i V(mu_i) on the extended GMM whose
 * means move (seed 004 eq. 57-60), under the Theorem 6 block metric
 * G = [[K diag(1/sqrt(p_i p_{i+1})), B], [B^T, diag(p)]], B_ii = B_{i,i+1} = (mu_{i+1} - mu_i)/2, with
 * dV/dtheta_i = V(mu_{i+1}) - V(mu_i) and dV/dmu_i = p_i V'(mu_i).
 *
 * <p>State (one point per state): (theta_1..theta_{N-1}, mu_1..mu_N), dimension 2N - 1, with
 * p_i = theta_{i-1} - theta_i. Two forms:
 * <ul>
 *   <li>{@link Form#SEED_EQ60}: eq. 60 as printed (extended to the end components i = 1 and N, where
 *       one neighbour term is absent):
 *       theta'_i = -sqrt(p_i p_{i+1})/K [(V(mu_{i+1}) - V(mu_i)) - (mu_{i+1} - mu_i)/2 (V'(mu_i) + V'(mu_{i+1}))],
 *       mu'_i = -V'(mu_i) + 1/K [sqrt(p_{i+1}/p_i) (mu_{i+1} - mu_i)/2 (V(mu_{i+1}) - V(mu_i))
 *               + sqrt(p_{i-1}/p_i) (mu_i - mu_{i-1})/2 (V(mu_i) - V(mu_{i-1}))].
 *       It is the expansion of G^{-1} grad V to first order in 1/K, except that it drops the
 *       O(1/K) term -(1/K) diag(p)^{-1} B^T diag(sqrt(p_i p_{i+1})) B grad_mu V / p of the mu-mu block
 *       of G^{-1}; theta' is right to O(1/K^2).</li>
 *   <li>{@link Form#BLOCK_INVERSE}: the exact natural gradient -G^{-1} grad V, by the Schur complement
 *       S = diag(p) - B^T A^{-1} B (tridiagonal, Thomas algorithm), O(N).</li>
 * </ul>
 * Immutable; thread-safe for disjoint output ranges. A state whose weights leave the open simplex
 * yields NaN velocities (integrators then report FAILED).
 */
public final class ExtendedPotentialFlow implements VelocityField {

    /** Which form of the flow. */
    public enum Form {
        /** Eq. 60 as printed. */
        SEED_EQ60,
        /** The exact inverse of the Theorem 6 block metric. */
        BLOCK_INVERSE
    }

    private final int n;
    private final DoubleUnaryOperator v;
    private final DoubleUnaryOperator dv;
    private final double k;
    private final Form form;

    /**
     * @param components N >= 2
     * @param potential  V
     * @param derivative V'
     * @param scale      K(sigma) > 0 (e.g. from {@link io.gmmflow.wim.ScalingLimits#logHomogeneousScale})
     * @param form       which form
     */
    public ExtendedPotentialFlow(int components, DoubleUnaryOperator potential, DoubleUnaryOperator derivative,
                                 double scale, Form form) {
        if (components < 2) {
            throw new IllegalArgumentException("the extended GMM needs N >= 2 components, got N = " + components);
        }
        if (potential == null || derivative == null || form == null) {
            throw new IllegalArgumentException("potential, derivative and form must not be null");
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale K must be a finite number > 0, got " + scale);
        }
        this.n = components;
        this.v = potential;
        this.dv = derivative;
        this.k = scale;
        this.form = form;
    }

    /** The state (theta, mu) for weights p and means mu. */
    public static double[] state(double[] p, double[] mu) {
        if (p == null || mu == null || p.length != mu.length || p.length < 2) {
            throw new IllegalArgumentException("weights and means must have the same length N >= 2");
        }
        int n = p.length;
        double[] y = new double[2 * n - 1];
        double tail = 0;
        for (int i = n - 1; i >= 1; i--) {
            tail += p[i];
            y[i - 1] = tail;
        }
        System.arraycopy(mu, 0, y, n - 1, n);
        return y;
    }

    /** The weights p of a state. */
    public static double[] weights(double[] state, int n) {
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            double before = i == 0 ? 1.0 : state[i - 1];
            double after = i == n - 1 ? 0.0 : state[i];
            p[i] = before - after;
        }
        return p;
    }

    @Override
    public int dimension() {
        return 2 * n - 1;
    }

    /** The number N of components. */
    public int components() {
        return n;
    }

    @Override
    public void evaluate(double t, double[] points, int from, int to, double[] out) {
        int dim = 2 * n - 1;
        double[] p = new double[n];
        double[] mu = new double[n];
        double[] vv = new double[n];
        double[] dvv = new double[n];
        for (int s = from; s < to; s++) {
            int off = s * dim;
            for (int i = 0; i < n; i++) {
                double before = i == 0 ? 1.0 : points[off + i - 1];
                double after = i == n - 1 ? 0.0 : points[off + i];
                p[i] = before - after;
                mu[i] = points[off + n - 1 + i];
                vv[i] = v.applyAsDouble(mu[i]);
                dvv[i] = dv.applyAsDouble(mu[i]);
            }
            if (form == Form.SEED_EQ60) {
                seed(p, mu, vv, dvv, points, out, off);
            } else {
                block(p, mu, vv, dvv, out, off);
            }
        }
    }

    private void seed(double[] p, double[] mu, double[] vv, double[] dvv, double[] points, double[] out, int off) {
        for (int i = 0; i + 1 < n; i++) {
            double gap = mu[i + 1] - mu[i];
            out[off + i] = -Math.sqrt(p[i] * p[i + 1]) / k
                    * ((vv[i + 1] - vv[i]) - 0.5 * gap * (dvv[i] + dvv[i + 1]));
        }
        for (int i = 0; i < n; i++) {
            double m = -dvv[i];
            if (i + 1 < n) {
                m += Math.sqrt(p[i + 1] / p[i]) * 0.5 * (mu[i + 1] - mu[i]) * (vv[i + 1] - vv[i]) / k;
            }
            if (i > 0) {
                m += Math.sqrt(p[i - 1] / p[i]) * 0.5 * (mu[i] - mu[i - 1]) * (vv[i] - vv[i - 1]) / k;
            }
            out[off + n - 1 + i] = m;
        }
    }

    private void block(double[] p, double[] mu, double[] vv, double[] dvv, double[] out, int off) {
        int m = n - 1;
        double[] ainv = new double[m]; // A^{-1} = diag(sqrt(p_i p_{i+1}) / K)
        double[] half = new double[m]; // B_ii = B_{i,i+1}
        double[] gt = new double[m];
        for (int i = 0; i < m; i++) {
            ainv[i] = Math.sqrt(p[i] * p[i + 1]) / k;
            half[i] = 0.5 * (mu[i + 1] - mu[i]);
            gt[i] = vv[i + 1] - vv[i];
        }
        // S = diag(p) - B^T A^{-1} B, tridiagonal: (B^T D B)_jj = sum_{i in {j-1, j}} D_i half_i^2,
        // (B^T D B)_{j,j+1} = D_j half_j^2.
        double[] sd = new double[n];
        double[] so = new double[n]; // so[j] couples j and j+1
        double[] rhs = new double[n];
        for (int j = 0; j < n; j++) {
            double d = p[j];
            if (j < m) {
                d -= ainv[j] * half[j] * half[j];
            }
            if (j > 0) {
                d -= ainv[j - 1] * half[j - 1] * half[j - 1];
            }
            sd[j] = d;
            if (j < m) {
                so[j] = -ainv[j] * half[j] * half[j];
            }
            // rhs = -grad_mu + B^T A^{-1} grad_theta
            double r = -p[j] * dvv[j];
            if (j < m) {
                r += half[j] * ainv[j] * gt[j];
            }
            if (j > 0) {
                r += half[j - 1] * ainv[j - 1] * gt[j - 1];
            }
            rhs[j] = r;
        }
        double[] muDot = solveTridiagonal(sd, so, rhs);
        for (int i = 0; i < m; i++) {
            // theta' = A^{-1}(-grad_theta - B mu')
            out[off + i] = ainv[i] * (-gt[i] - half[i] * (muDot[i] + muDot[i + 1]));
        }
        System.arraycopy(muDot, 0, out, off + m, n);
    }

    /** Symmetric tridiagonal solve (Thomas); S is positive definite when K is large enough. */
    private static double[] solveTridiagonal(double[] diag, double[] off, double[] rhs) {
        int n = diag.length;
        double[] c = new double[n];
        double[] x = new double[n];
        double beta = diag[0];
        x[0] = rhs[0] / beta;
        for (int i = 1; i < n; i++) {
            c[i] = off[i - 1] / beta;
            beta = diag[i] - off[i - 1] * c[i];
            x[i] = (rhs[i] - off[i - 1] * x[i - 1]) / beta;
        }
        for (int i = n - 2; i >= 0; i--) {
            x[i] -= c[i + 1] * x[i + 1];
        }
        return x;
    }
}
