package io.gmmflow.exact.mixture;

import io.gmmflow.api.Coupling;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.SolverStatus;

/**
 * The solution of seed 002's discrete transport problem between two mixtures (eq. 9): the W2^2
 * cost matrix, the coupling of the weights, and d^2 = sum_ij pi_ij C_ij (eq. 10, summed here from
 * the plan rather than taken from the solver). It gives the mixture geodesic (eq. 11) and the
 * GMM-OT maps of POT's {@code ot.gmm}. Immutable and thread-safe.
 */
public final class MixtureTransport {

    private final GaussianMixture source;
    private final GaussianMixture target;
    private final double[][] cost;
    private final Coupling coupling;
    private final double distanceSquared;

    MixtureTransport(GaussianMixture source, GaussianMixture target, double[][] cost, Coupling coupling) {
        if (coupling.rows() != source.size() || coupling.columns() != target.size()) {
            throw new IllegalArgumentException("the solver returned a " + coupling.rows() + " x " + coupling.columns()
                    + " plan for " + source.size() + " x " + target.size() + " components");
        }
        this.source = source;
        this.target = target;
        this.cost = cost;
        this.coupling = coupling;
        double s = 0;
        for (int i = 0; i < cost.length; i++) {
            for (int j = 0; j < cost[i].length; j++) {
                s += coupling.plan(i, j) * cost[i][j];
            }
        }
        this.distanceSquared = Math.max(s, 0);
    }

    /** The source mixture mu0. */
    public GaussianMixture source() {
        return source;
    }

    /** The target mixture mu1. */
    public GaussianMixture target() {
        return target;
    }

    /** d(mu0, mu1)^2 = sum_ij pi_ij W2^2(nu0_i, nu1_j). */
    public double distanceSquared() {
        return distanceSquared;
    }

    /** d(mu0, mu1) (eq. 10). */
    public double distance() {
        return Math.sqrt(distanceSquared);
    }

    /** A copy of the K0 x K1 matrix of W2^2 costs. */
    public double[][] costMatrix() {
        double[][] c = new double[cost.length][];
        for (int i = 0; i < cost.length; i++) {
            c[i] = cost[i].clone();
        }
        return c;
    }

    /** The solver's coupling (plan, potentials, status). */
    public Coupling coupling() {
        return coupling;
    }

    /** A copy of the plan pi. */
    public double[][] plan() {
        return coupling.plan();
    }

    /** How the solver ended. */
    public SolverStatus status() {
        return coupling.status();
    }

    /** The geodesic mu_t = sum_ij pi_ij nu_ij(t) (eq. 11), prepared for evaluation at any t. */
    public MixtureGeodesic geodesic() {
        return new MixtureGeodesic(this);
    }

    /** The GMM-OT maps (barycentric and random) and the plan density. */
    public GmmOtMap map() {
        return new GmmOtMap(this);
    }
}
