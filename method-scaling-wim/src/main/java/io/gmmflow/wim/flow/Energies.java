package io.gmmflow.wim.flow;

import java.util.function.DoubleUnaryOperator;

/**
 * The three classes of energies of seed 004 eq. 51-53 on the simplex, as factories:
 * <ul>
 *   <li>potential V(p) = sum_i V(mu_i) p_i, dE/dp_i = V(mu_i);</li>
 *   <li>internal U(p) = sum_i U(p_i), dE/dp_i = U'(p_i); the entropy H(p) = sum_i p_i log p_i (eq. 53)
 *       is U(p) = p log p, U' = log p + 1;</li>
 *   <li>interaction W(p) = 1/2 sum_ij W(mu_i - mu_j) p_i p_j, dE/dp_i = sum_k W_ik p_k (W symmetric).</li>
 * </ul>
 * Each energy costs O(N) per gradient (interaction O(N^2)). All are immutable and thread-safe.
 */
public final class Energies {

    private Energies() {
    }

    private static void checkSize(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("the simplex needs N >= 2 nodes, got N = " + n);
        }
    }

    /** The potential energy for the values v_i = V(mu_i) (copied). */
    public static SimplexEnergy potential(double[] v) {
        if (v == null) {
            throw new IllegalArgumentException("potential values must not be null");
        }
        checkSize(v.length);
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("potential value " + (i + 1) + " is not finite: " + v[i]);
            }
        }
        double[] vv = v.clone();
        return new SimplexEnergy() {
            @Override
            public int size() {
                return vv.length;
            }

            @Override
            public double value(double[] p) {
                double s = 0;
                for (int i = 0; i < vv.length; i++) {
                    s += vv[i] * p[i];
                }
                return s;
            }

            @Override
            public void gradient(double[] p, int offset, double[] out) {
                System.arraycopy(vv, 0, out, 0, vv.length);
            }
        };
    }

    /** The potential energy of V at the nodes {@code means}. */
    public static SimplexEnergy potential(DoubleUnaryOperator potential, double[] means) {
        double[] v = new double[means.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = potential.applyAsDouble(means[i]);
        }
        return potential(v);
    }

    /** The internal energy sum_i U(p_i) with derivative {@code uPrime}. */
    public static SimplexEnergy internal(int n, DoubleUnaryOperator u, DoubleUnaryOperator uPrime) {
        checkSize(n);
        if (u == null || uPrime == null) {
            throw new IllegalArgumentException("U and U' must not be null");
        }
        return new SimplexEnergy() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public double value(double[] p) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += u.applyAsDouble(p[i]);
                }
                return s;
            }

            @Override
            public void gradient(double[] p, int offset, double[] out) {
                for (int i = 0; i < n; i++) {
                    out[i] = uPrime.applyAsDouble(p[offset + i]);
                }
            }
        };
    }

    /** The negative entropy H(p) = sum p_i log p_i (eq. 53); its flow is eq. 54. */
    public static SimplexEnergy entropy(int n) {
        checkSize(n);
        return new SimplexEnergy() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public double value(double[] p) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += p[i] * Math.log(p[i]);
                }
                return s;
            }

            @Override
            public void gradient(double[] p, int offset, double[] out) {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.log(p[offset + i]) + 1.0;
                }
            }
        };
    }

    /** The interaction energy for the symmetric matrix w_ij = W(mu_i - mu_j) (copied). */
    public static SimplexEnergy interaction(double[][] w) {
        if (w == null) {
            throw new IllegalArgumentException("interaction matrix must not be null");
        }
        int n = w.length;
        checkSize(n);
        double[][] ww = new double[n][];
        for (int i = 0; i < n; i++) {
            if (w[i] == null || w[i].length != n) {
                throw new IllegalArgumentException("interaction matrix row " + (i + 1) + " has length "
                        + (w[i] == null ? 0 : w[i].length) + ", expected " + n);
            }
            ww[i] = w[i].clone();
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(ww[i][j]) || Math.abs(ww[i][j] - ww[j][i]) > 1e-12 * (Math.abs(ww[i][j]) + 1)) {
                    throw new IllegalArgumentException("interaction matrix must be finite and symmetric; entry ("
                            + (i + 1) + ", " + (j + 1) + ") = " + ww[i][j] + ", (" + (j + 1) + ", " + (i + 1) + ") = "
                            + ww[j][i]);
                }
            }
        }
        return new SimplexEnergy() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public double value(double[] p) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        s += ww[i][j] * p[i] * p[j];
                    }
                }
                return 0.5 * s;
            }

            @Override
            public void gradient(double[] p, int offset, double[] out) {
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int k = 0; k < n; k++) {
                        s += ww[i][k] * p[offset + k];
                    }
                    out[i] = s;
                }
            }
        };
    }

    /** The interaction energy of the kernel W at the nodes {@code means}. */
    public static SimplexEnergy interaction(DoubleUnaryOperator kernel, double[] means) {
        int n = means.length;
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                w[i][j] = kernel.applyAsDouble(means[i] - means[j]);
            }
        }
        return interaction(w);
    }
}
