package io.gmmflow.exact.mixture;

import io.gmmflow.api.CostModel;
import io.gmmflow.api.Coupling;
import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Parameters;
import io.gmmflow.exact.BuresWassersteinCost;

/**
 * Seed 002's metric on Gaussian mixtures (eq. 9-10; Delon and Desolneux's GMM-OT, POT's
 * {@code ot.gmm.gmm_ot_loss} and {@code gmm_ot_plan}): the mixtures are discrete measures on the
 * space of Gaussians, and
 * d(mu0, mu1)^2 = min over couplings pi of the weights of sum_ij pi_ij W2^2(nu0_i, nu1_j),
 * with the W2^2 costs of {@link BuresWassersteinCost}. Its geodesic (eq. 11) is the mixture
 * sum_ij pi*_ij nu_ij(t) of the pairwise displacement interpolations, with
 * d(mu_s, mu_t) = (t - s) d(mu0, mu1) (eq. 12), and d >= W2 (seed 002 Section III-B).
 *
 * <p>The coupling is solved by the {@link CouplingSolver} given at construction: seed 002 needs the
 * exact plan ({@code emd}, a network simplex), which {@code core} and the CLI wire in by name (this
 * module cannot depend on the solvers module). With an entropic solver the result is the
 * regularized transport cost instead, and its status says whether the solver converged.
 *
 * <p>Cost: K0 + K1 component factors, K0 K1 pair costs (~3 d^3 each, in parallel) and one
 * discrete transport problem of size K0 x K1. Immutable and thread-safe if the solver is (the
 * plugins are).
 */
public final class MixtureMetric {

    private static final BuresWassersteinCost COST = new BuresWassersteinCost();

    private final CouplingSolver solver;
    private final Parameters solverParameters;

    /** A metric that couples the weights with {@code solver} at its default parameters. */
    public MixtureMetric(CouplingSolver solver) {
        this(solver, Parameters.empty());
    }

    /**
     * A metric that couples the weights with {@code solver} and these parameters.
     *
     * @throws IllegalArgumentException if the solver is null
     */
    public MixtureMetric(CouplingSolver solver, Parameters solverParameters) {
        if (solver == null) {
            throw new IllegalArgumentException("the coupling solver is null (seed 002 needs the exact plan, 'emd')");
        }
        this.solver = solver;
        this.solverParameters = solverParameters == null ? Parameters.empty() : solverParameters;
    }

    /** The solver used for the weights. */
    public CouplingSolver solver() {
        return solver;
    }

    /**
     * The W2^2 cost matrix, the optimal coupling and d^2 between two mixtures.
     *
     * @throws IllegalArgumentException if a mixture is null or the dimensions differ
     */
    public MixtureTransport transport(GaussianMixture source, GaussianMixture target) {
        CostModel.checkDimensions(source, target);
        double[][] cost = COST.matrix(source, target, Parameters.empty());
        Coupling coupling = solver.solve(source.weights(), target.weights(), cost, solverParameters);
        return new MixtureTransport(source, target, cost, coupling);
    }

    /** d(mu0, mu1) (eq. 10). Check {@link MixtureTransport#status()} through {@link #transport} when the solver may not converge. */
    public double distance(GaussianMixture source, GaussianMixture target) {
        return transport(source, target).distance();
    }

    /** The geodesic point mu_t of eq. 11 as a mixture. */
    public GaussianMixture geodesic(GaussianMixture source, GaussianMixture target, double t) {
        return transport(source, target).geodesic().at(t);
    }
}
