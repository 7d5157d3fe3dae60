package io.gmmflow.wim.flow;

/**
 * An energy E(p) on the probability simplex {p_i > 0, sum p_i = 1} over the nodes mu_1 < ... < mu_N,
 * obtained by evaluating a density functional on the Dirac mixture sum p_i delta_{mu_i} (seed 004
 * eq. 51-53). Implementations are immutable and thread-safe.
 */
public interface SimplexEnergy {

    /** The number N of nodes. */
    int size();

    /** E(p). */
    double value(double[] p);

    /** Writes dE/dp_i into {@code out[0..N-1]}; reads {@code p[offset .. offset+N-1]}. */
    void gradient(double[] p, int offset, double[] out);

    /** dE/dp as a new array. */
    default double[] gradient(double[] p) {
        double[] out = new double[size()];
        gradient(p, 0, out);
        return out;
    }
}
