package io.gmmflow.exact.mixture;

import io.gmmflow.api.Coupling;
import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.SolverStatus;
import io.gmmflow.exact.BuresWassersteinCost;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The free-support fixed point for mixture barycenters (POT's {@code ot.gmm.gmm_barycenter_fixed_point},
 * after Tanguy, Delon and Gozlan 2024): the barycenter keeps the number of components and the
 * weights of an initial mixture and moves its components. Each iteration couples the barycenter with
 * every input (W2^2 costs, the given solver, normally {@code emd}), then replaces component i by the
 * Gaussian barycenter ({@link GaussianBarycenter}, weights lambda) of its K "selections", one per
 * input k: the barycentric projection of the plan's row i,
 * <ul>
 *   <li>{@code buresProjection = 0} (POT's "euclidean", the default): mean sum_j pi_k(i, j) m_k^j / w_i
 *       and covariance sum_j pi_k(i, j) S_k^j / w_i (a convex combination);</li>
 *   <li>{@code buresProjection = 1} (POT's "bures"): the Gaussian barycenter of the components j of
 *       input k with weights pi_k(i, j) / w_i.</li>
 * </ul>
 * It stops when no component's mean or covariance moves by more than {@code tolerance} (default
 * 1e-10, relative to the largest entry) or after {@code maxIterations} (default 100), reported as
 * the status. A local method: the LP of {@link MixtureBarycenter#overAllTuples} is the global
 * minimum over mixtures with free weights, so this never beats it (a test).
 *
 * <p>Cost per iteration: K couplings of size N x N_k and N K Gaussian barycenters. Stateless and
 * thread-safe if the solver is.
 */
public final class MixtureBarycenterFixedPoint {

    /** Parameter: the iteration limit. */
    public static final String MAX_ITERATIONS = "maxIterations";
    /** Parameter: the tolerance on the largest relative move of a mean or covariance entry. */
    public static final String TOLERANCE = "tolerance";
    /** Parameter: 1 for the Bures projection of the plan rows, 0 (default) for the convex combination. */
    public static final String BURES_PROJECTION = "buresProjection";

    private static final Logger LOG = LoggerFactory.getLogger(MixtureBarycenterFixedPoint.class);
    private static final Parameters DEFAULTS = Parameters.of(MAX_ITERATIONS, 100, TOLERANCE, 1e-10, BURES_PROJECTION, 0);
    private static final BuresWassersteinCost COST = new BuresWassersteinCost();

    private MixtureBarycenterFixedPoint() {
    }

    /** The parameters read, with their defaults. */
    public static Parameters defaults() {
        return DEFAULTS;
    }

    /**
     * The result.
     *
     * @param barycenter the last iterate (the initial weights, moved components)
     * @param objective  sum_k lambda_k <pi_k, C_k> for the last couplings, i.e. sum_k lambda_k d(mu, mu_k)^2
     * @param iterations iterations done
     * @param status     CONVERGED when the moves fell below the tolerance and every coupling converged
     */
    public record Result(GaussianMixture barycenter, double objective, int iterations, SolverStatus status) {
    }

    /**
     * Runs the fixed point from {@code initial}.
     *
     * @throws IllegalArgumentException for bad inputs, weights or parameters, or dimensions that differ
     */
    public static Result compute(List<GaussianMixture> inputs, double[] lambdas, GaussianMixture initial,
                                 CouplingSolver solver, Parameters parameters) {
        if (solver == null) {
            throw new IllegalArgumentException("the coupling solver is null");
        }
        if (inputs == null || inputs.isEmpty() || lambdas == null || lambdas.length != inputs.size()) {
            throw new IllegalArgumentException("need one weight per input mixture; got "
                    + (inputs == null ? 0 : inputs.size()) + " inputs and " + (lambdas == null ? 0 : lambdas.length)
                    + " weights");
        }
        GaussianBarycenter.checkWeights(lambdas, "lambda");
        if (initial == null) {
            throw new IllegalArgumentException("the initial mixture is null");
        }
        for (int k = 0; k < inputs.size(); k++) {
            if (inputs.get(k) == null || inputs.get(k).dimension() != initial.dimension()) {
                throw new IllegalArgumentException("input mixture " + k + " has dimension "
                        + (inputs.get(k) == null ? "(null)" : inputs.get(k).dimension())
                        + " but the initial mixture has dimension " + initial.dimension());
            }
        }
        Parameters p = (parameters == null ? Parameters.empty() : parameters).withDefaults(DEFAULTS);
        int maxIter = p.integer(MAX_ITERATIONS, 100, 1);
        double tol = p.positive(TOLERANCE, 1e-10);
        boolean bures = p.flag(BURES_PROJECTION, false);
        int d = initial.dimension();
        int n = initial.size();
        double[] w = initial.weights();
        List<Gaussian> comps = new ArrayList<>(initial.components());
        SolverStatus worst = SolverStatus.CONVERGED;
        double objective = Double.NaN;
        for (int iter = 1; ; iter++) {
            GaussianMixture current = GaussianMixture.of(w, comps);
            double[][][] plans = new double[inputs.size()][][];
            objective = 0;
            worst = SolverStatus.CONVERGED;
            for (int k = 0; k < inputs.size(); k++) {
                double[][] c = COST.matrix(current, inputs.get(k), Parameters.empty());
                Coupling cp = solver.solve(w, inputs.get(k).weights(), c, Parameters.empty());
                if (!cp.converged()) {
                    worst = cp.status();
                }
                plans[k] = cp.plan();
                double s = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < c[i].length; j++) {
                        s += plans[k][i][j] * c[i][j];
                    }
                }
                objective += lambdas[k] * s;
            }
            double move = 0;
            double scale = Double.MIN_NORMAL;
            List<Gaussian> next = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                if (w[i] == 0) {
                    next.add(comps.get(i));
                    continue;
                }
                List<Gaussian> selection = new ArrayList<>(inputs.size());
                for (int k = 0; k < inputs.size(); k++) {
                    selection.add(select(inputs.get(k), plans[k][i], w[i], d, bures));
                }
                Gaussian g = GaussianBarycenter.compute(selection, lambdas).barycenter();
                double[] m0 = comps.get(i).mean();
                double[] s0 = comps.get(i).covarianceRowMajor();
                double[] m1 = g.mean();
                double[] s1 = g.covarianceRowMajor();
                for (int a = 0; a < d; a++) {
                    move = Math.max(move, Math.abs(m1[a] - m0[a]));
                    scale = Math.max(scale, Math.abs(m1[a]));
                }
                for (int a = 0; a < d * d; a++) {
                    move = Math.max(move, Math.abs(s1[a] - s0[a]));
                    scale = Math.max(scale, Math.abs(s1[a]));
                }
                next.add(g);
            }
            comps = next;
            if (move <= tol * scale) {
                LOG.debug("mixture barycenter fixed point converged after {} iterations, objective {}", iter, objective);
                return new Result(GaussianMixture.of(w, comps), objective, iter, worst);
            }
            if (iter == maxIter) {
                LOG.debug("mixture barycenter fixed point: {} iterations, last move {} > {}", iter, move, tol * scale);
                return new Result(GaussianMixture.of(w, comps), objective, iter,
                        worst == SolverStatus.CONVERGED ? SolverStatus.MAX_ITERATIONS : worst);
            }
        }
    }

    /** The barycentric projection of plan row i onto input k (see the class header). */
    private static Gaussian select(GaussianMixture input, double[] row, double wi, int d, boolean bures) {
        if (bures) {
            double[] lam = new double[row.length];
            double sum = 0;
            for (int j = 0; j < row.length; j++) {
                lam[j] = Math.max(row[j], 0);
                sum += lam[j];
            }
            for (int j = 0; j < row.length; j++) {
                lam[j] /= sum;
            }
            lam[row.length - 1] = Math.max(0, 1 - java.util.Arrays.stream(lam, 0, row.length - 1).sum());
            return GaussianBarycenter.compute(input.components(), lam).barycenter();
        }
        double[] mean = new double[d];
        double[] cov = new double[d * d];
        for (int j = 0; j < row.length; j++) {
            double f = row[j] / wi;
            if (f == 0) {
                continue;
            }
            Gaussian g = input.component(j);
            for (int a = 0; a < d; a++) {
                mean[a] += f * g.mean(a);
            }
            double[] s = g.covarianceRowMajor();
            for (int a = 0; a < d * d; a++) {
                cov[a] += f * s[a];
            }
        }
        return Gaussian.ofFlat(mean, cov);
    }
}
