package io.gmmflow.omt;

import io.gmmflow.api.Coupling;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.SolverStatus;

/**
 * The outcome of {@link OptimalMixtureTransport#solve}: the weights Omega, the pair costs, the
 * objective and the solver's status, with the plan and its maps on demand ({@link #plan()}).
 *
 * <p>Quantities (seed 003):
 * <ul>
 *   <li>{@link #pairCosts()}: L_ij = E_{p_ij}|x - y|^2 + eps1 KL(p_ij || mu_i x nu_j) (eq. 33); W2^2
 *       for GMM-OT;</li>
 *   <li>{@link #pairTransport()}: E_{p_ij}|x - y|^2 alone;</li>
 *   <li>{@link #transportCost()}: T_c = sum_ij omega_ij E_{p_ij}|x - y|^2 (Table 5, "OMT (GMM-OT)");</li>
 *   <li>{@link #objective()}: the full objective of eq. 12, sum_ij omega_ij L_ij
 *       + eps2 KL(Omega || alpha0 x alpha1) (generalized KL of eq. 5; for GMM-OT the eps2 term is
 *       absent).</li>
 * </ul>
 * Immutable (arrays are copied out); the plan is built once, lazily, and is thread-safe.
 */
public final class OmtResult {

    private final OptimalMixtureTransport.Mode mode;
    private final GaussianMixture source;
    private final GaussianMixture target;
    private final double eps1;
    private final double eps2;
    private final String solverName;
    private final double[][] pairCosts;
    private final double[][] pairTransport;
    private final Coupling coupling;
    private final double pruneTolerance;
    private final double objective;
    private final double transportCost;
    private volatile MixtureTransportPlan plan;

    OmtResult(OptimalMixtureTransport.Mode mode, GaussianMixture source, GaussianMixture target, double eps1,
              double eps2, String solverName, double[][] pairCosts, double[][] pairTransport, Coupling coupling,
              double pruneTolerance) {
        this.mode = mode;
        this.source = source;
        this.target = target;
        this.eps1 = eps1;
        this.eps2 = eps2;
        this.solverName = solverName;
        this.pairCosts = pairCosts;
        this.pairTransport = pairTransport;
        this.coupling = coupling;
        this.pruneTolerance = pruneTolerance;
        if (coupling.rows() != source.size() || coupling.columns() != target.size()) {
            throw new IllegalStateException("solver " + solverName + " returned a " + coupling.rows() + " x "
                    + coupling.columns() + " plan for " + source.size() + " x " + target.size() + " components");
        }
        double obj = 0;
        double tc = 0;
        double kl = 0;
        for (int i = 0; i < source.size(); i++) {
            for (int j = 0; j < target.size(); j++) {
                double w = coupling.plan(i, j);
                obj += w * pairCosts[i][j];
                tc += w * pairTransport[i][j];
                double ref = source.weight(i) * target.weight(j);
                if (w > 0) {
                    kl += w * Math.log(w / ref) - w + ref;
                } else {
                    kl += ref;
                }
            }
        }
        this.transportCost = tc;
        this.objective = mode == OptimalMixtureTransport.Mode.OMT ? obj + eps2 * kl : obj;
    }

    /** OMT or GMM-OT. */
    public OptimalMixtureTransport.Mode mode() {
        return mode;
    }

    /** The source mixture. */
    public GaussianMixture source() {
        return source;
    }

    /** The target mixture. */
    public GaussianMixture target() {
        return target;
    }

    /** eps1 (0 for GMM-OT). */
    public double eps1() {
        return eps1;
    }

    /** eps2 (NaN when GMM-OT ran without one). */
    public double eps2() {
        return eps2;
    }

    /** The name of the solver that computed the weights. */
    public String solverName() {
        return solverName;
    }

    /** The weights Omega (K0 x K1), a copy. */
    public double[][] weights() {
        return coupling.plan();
    }

    /** The pair costs L_ij, a copy. */
    public double[][] pairCosts() {
        return copy(pairCosts);
    }

    /** The transport parts E_{p_ij}|x - y|^2, a copy. */
    public double[][] pairTransport() {
        return copy(pairTransport);
    }

    /** The solver's full result (potentials, iterations, marginal error). */
    public Coupling coupling() {
        return coupling;
    }

    /** The full objective (eq. 12). */
    public double objective() {
        return objective;
    }

    /** T_c = sum omega_ij E_{p_ij}|x - y|^2 (Table 5). */
    public double transportCost() {
        return transportCost;
    }

    /** The solver's status. */
    public SolverStatus status() {
        return coupling.status();
    }

    /** The solver's achieved marginal error |Omega 1 - alpha0|_1 + |Omega^T 1 - alpha1|_1. */
    public double marginalError() {
        return coupling.marginalError();
    }

    /** The solver's iterations. */
    public int iterations() {
        return coupling.iterations();
    }

    /**
     * The plan as a GMM in R^{2d} with its forward, backward and random maps; built on first call.
     *
     * @throws IllegalStateException if the solver FAILED (its weights are not usable)
     */
    public MixtureTransportPlan plan() {
        MixtureTransportPlan p = plan;
        if (p == null) {
            if (coupling.status() == SolverStatus.FAILED) {
                throw new IllegalStateException("solver " + solverName + " failed (marginal error "
                        + coupling.marginalError() + "); there is no plan");
            }
            synchronized (this) {
                if (plan == null) {
                    plan = new MixtureTransportPlan(source, target, coupling.plan(), eps1, pruneTolerance);
                }
                p = plan;
            }
        }
        return p;
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
