package io.gmmflow.exact.mixture;

import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.SolverStatus;
import io.gmmflow.exact.BuresWassersteinCost;
import io.gmmflow.linalg.LinearProgram;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Seed 002's barycenter of Gaussian mixtures mu_1..mu_L with weights lambda (eq. 17): the mixture
 * mu minimizing J(mu) = sum_k lambda_k d(mu, mu_k)^2 for the mixture metric d, found by linear
 * programming (eq. 19-20) in two variants.
 *
 * <p><b>Over all component tuples</b> ({@link #overAllTuples}). The barycenter's components can be
 * taken among the Gaussian barycenters nu_tau of the tuples tau = (j_1, .., j_L) of input
 * components (eq. 18), N = N_1 .. N_L candidates, with c(tau) = sum_k lambda_k W2^2(nu_tau, nu_k^{j_k}).
 * LP (19) over these candidates has the same optimal value as the multi-marginal problem
 * min sum_tau c(tau) P(tau) over P >= 0 whose k-th marginal is the weight vector p_k: a multi-marginal
 * P gives the feasible point pi_k(tau, j) = P(tau) 1{j = j_k} of (19) with the same cost, and any
 * feasible point of (19) glued along its candidates (P(j_1..j_L) = sum_i prod_k pi_k(i, j_k) / p_i^{L-1})
 * costs no more, because nu_tau minimizes sum_k lambda_k W2^2(., nu_k^{j_k}). So this variant solves
 * the multi-marginal LP: N variables and sum_k N_k - L + 1 equality rows instead of N sum_k N_k
 * variables. The tests check it against the literal LP (19). N is capped ({@code maxTuples},
 * default 20000); above the cap an {@link IllegalArgumentException} says so and points to the
 * candidate-set variant.
 *
 * <p><b>Over a given candidate set</b> ({@link #overCandidates}): LP (19) as printed, with
 * variables pi_k(i, j) >= 0 for candidate i and component j of input k, objective
 * sum_k lambda_k sum_ij W2^2(nu_i, nu_k^j) pi_k(i, j), marginals sum_i pi_k(i, j) = p_k^j (19b) and
 * equal candidate masses across k (19c); the barycenter weight of candidate i is sum_j pi_1(i, j).
 * The LP is handed to ojAlgo with a dense constraint matrix, capped at 10^7 entries.
 *
 * <p>Both return J at the barycenter (the LP optimum; for the all-tuples variant it is also the
 * global minimum of eq. 17 over mixtures), which is never larger than J at any input. Inputs with
 * lambda_k = 0 and components of weight 0 are left out (they change nothing). Cost: N Gaussian
 * barycenters (fixed point, in parallel) and L N pair costs, then the LP. Stateless and thread-safe.
 */
public final class MixtureBarycenter {

    /** Parameter: the cap on the number of component tuples. */
    public static final String MAX_TUPLES = "maxTuples";

    private static final int DEFAULT_MAX_TUPLES = 20000;
    private static final long MAX_LP_ENTRIES = 10_000_000L;
    private static final double WEIGHT_FLOOR = 0;

    private MixtureBarycenter() {
    }

    /** The parameters read: maxTuples (20000) and those of {@link GaussianBarycenter#defaults()}. */
    public static Parameters defaults() {
        return GaussianBarycenter.defaults().with(MAX_TUPLES, DEFAULT_MAX_TUPLES);
    }

    /**
     * A mixture barycenter.
     *
     * @param barycenter the barycenter mixture (components of positive LP weight)
     * @param objective  J = sum_k lambda_k d(barycenter, mu_k)^2, the LP optimum
     * @param candidates the number of candidate components the LP chose from
     * @param status     CONVERGED when the LP was solved to optimality and every Gaussian barycenter converged
     * @param detail     what went wrong otherwise (the LP state, the worst Gaussian barycenter residual)
     */
    public record Result(GaussianMixture barycenter, double objective, int candidates, SolverStatus status,
                         String detail) {

        /** Whether everything converged. */
        public boolean converged() {
            return status == SolverStatus.CONVERGED;
        }
    }

    /** Validated problem data with the inactive inputs and components removed. */
    private static final class Problem {
        final List<GaussianMixture> inputs = new ArrayList<>();
        final List<Double> lambdas = new ArrayList<>();
        /** Per active input: the indices of its components of positive weight. */
        final List<int[]> active = new ArrayList<>();
        int dimension;

        int size() {
            return inputs.size();
        }

        Gaussian component(int k, int j) {
            return inputs.get(k).component(active.get(k)[j]);
        }

        double weight(int k, int j) {
            return inputs.get(k).weight(active.get(k)[j]);
        }

        int count(int k) {
            return active.get(k).length;
        }
    }

    private static Problem validate(List<GaussianMixture> inputs, double[] lambdas) {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("the barycenter needs at least one input mixture");
        }
        if (lambdas == null || lambdas.length != inputs.size()) {
            throw new IllegalArgumentException("got " + inputs.size() + " input mixtures but "
                    + (lambdas == null ? 0 : lambdas.length) + " weights");
        }
        GaussianBarycenter.checkWeights(lambdas, "lambda");
        Problem p = new Problem();
        p.dimension = -1;
        for (int k = 0; k < inputs.size(); k++) {
            GaussianMixture m = inputs.get(k);
            if (m == null) {
                throw new IllegalArgumentException("input mixture " + k + " is null");
            }
            if (p.dimension < 0) {
                p.dimension = m.dimension();
            } else if (m.dimension() != p.dimension) {
                throw new IllegalArgumentException("input mixture " + k + " has dimension " + m.dimension()
                        + " but input mixture 0 has dimension " + p.dimension);
            }
            if (lambdas[k] == 0) {
                continue;
            }
            int n = 0;
            for (int j = 0; j < m.size(); j++) {
                if (m.weight(j) > 0) {
                    n++;
                }
            }
            int[] idx = new int[n];
            n = 0;
            for (int j = 0; j < m.size(); j++) {
                if (m.weight(j) > 0) {
                    idx[n++] = j;
                }
            }
            p.inputs.add(m);
            p.lambdas.add(lambdas[k]);
            p.active.add(idx);
        }
        return p;
    }

    /** The all-tuples barycenter with default parameters. */
    public static Result overAllTuples(List<GaussianMixture> inputs, double[] lambdas) {
        return overAllTuples(inputs, lambdas, Parameters.empty());
    }

    /**
     * The barycenter over all component tuples (see the class header).
     *
     * @param parameters maxTuples, and the Gaussian barycenter's tolerance, maxIterations, stepSize
     * @throws IllegalArgumentException for bad inputs or weights, inputs of different dimensions, or
     *     more tuples than maxTuples
     */
    public static Result overAllTuples(List<GaussianMixture> inputs, double[] lambdas, Parameters parameters) {
        Problem p = validate(inputs, lambdas);
        Parameters params = (parameters == null ? Parameters.empty() : parameters).withDefaults(defaults());
        int maxTuples = params.integer(MAX_TUPLES, DEFAULT_MAX_TUPLES, 1);
        int l = p.size();
        long tuples = 1;
        for (int k = 0; k < l; k++) {
            tuples *= p.count(k);
            if (tuples > maxTuples) {
                throw new IllegalArgumentException("the barycenter over all tuples needs more than " + maxTuples
                        + " candidate components (the product of the inputs' component counts); raise "
                        + MAX_TUPLES + " or use the candidate-set variant");
            }
        }
        int n = (int) tuples;
        double[] lam = new double[l];
        for (int k = 0; k < l; k++) {
            lam[k] = p.lambdas.get(k);
        }
        int[][] tuple = new int[n][l];
        for (int t = 0; t < n; t++) {
            int rest = t;
            for (int k = l - 1; k >= 0; k--) {
                tuple[t][k] = rest % p.count(k);
                rest /= p.count(k);
            }
        }
        Gaussian[] nu = new Gaussian[n];
        double[] cost = new double[n];
        GaussianBarycenter.Result[] bary = new GaussianBarycenter.Result[n];
        IntStream range = IntStream.range(0, n);
        (n > 1 ? range.parallel() : range).forEach(t -> {
            List<Gaussian> comps = new ArrayList<>(l);
            for (int k = 0; k < l; k++) {
                comps.add(p.component(k, tuple[t][k]));
            }
            GaussianBarycenter.Result r = GaussianBarycenter.compute(comps, lam, params);
            bary[t] = r;
            nu[t] = r.barycenter();
            double c = 0;
            for (int k = 0; k < l; k++) {
                c += lam[k] * BuresWassersteinCost.w2Squared(nu[t], comps.get(k));
            }
            cost[t] = c;
        });
        // Marginal rows: all components of input 0, all but the last of each further input (the
        // dropped row is implied by the others, and dropping it keeps the LP feasible when the
        // inputs' weights sum to 1 only within round-off).
        int rows = p.count(0);
        for (int k = 1; k < l; k++) {
            rows += p.count(k) - 1;
        }
        double[][] a = new double[rows][n];
        double[] b = new double[rows];
        int row = 0;
        for (int k = 0; k < l; k++) {
            int kept = k == 0 ? p.count(k) : p.count(k) - 1;
            for (int j = 0; j < kept; j++) {
                b[row] = p.weight(k, j);
                for (int t = 0; t < n; t++) {
                    if (tuple[t][k] == j) {
                        a[row][t] = 1;
                    }
                }
                row++;
            }
        }
        LinearProgram.Solution sol = LinearProgram.minimize(cost, a, b);
        List<Gaussian> comps = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        double objective = 0;
        for (int t = 0; t < n; t++) {
            double x = sol.x()[t];
            if (x > WEIGHT_FLOOR) {
                comps.add(nu[t]);
                weights.add(x);
                objective += cost[t] * x;
            }
        }
        return finish(sol, comps, weights, objective, n, bary);
    }

    /**
     * The barycenter restricted to mixtures of the given candidate components (LP 19 as printed).
     *
     * @throws IllegalArgumentException for bad inputs or weights, inputs or candidates of different
     *     dimensions, no candidates, or an LP above the size cap
     */
    public static Result overCandidates(List<GaussianMixture> inputs, double[] lambdas, List<Gaussian> candidates) {
        Problem p = validate(inputs, lambdas);
        if (candidates == null || candidates.isEmpty()) {
            throw new IllegalArgumentException("the candidate set is empty");
        }
        for (int i = 0; i < candidates.size(); i++) {
            Gaussian g = candidates.get(i);
            if (g == null) {
                throw new IllegalArgumentException("candidate " + i + " is null");
            }
            if (g.dimension() != p.dimension) {
                throw new IllegalArgumentException("candidate " + i + " has dimension " + g.dimension()
                        + " but the input mixtures have dimension " + p.dimension);
            }
        }
        int l = p.size();
        int n = candidates.size();
        int[] offset = new int[l + 1];
        for (int k = 0; k < l; k++) {
            offset[k + 1] = offset[k] + n * p.count(k);
        }
        int vars = offset[l];
        int rows = p.count(0) + n * (l - 1);
        for (int k = 1; k < l; k++) {
            rows += p.count(k) - 1;
        }
        if ((long) rows * vars > MAX_LP_ENTRIES) {
            throw new IllegalArgumentException("LP (19) over " + n + " candidates has " + rows + " x " + vars
                    + " constraint entries, above the cap of " + MAX_LP_ENTRIES + "; use fewer candidates");
        }
        double[] c = new double[vars];
        IntStream.range(0, l * n).parallel().forEach(ki -> {
            int k = ki / n;
            int i = ki % n;
            for (int j = 0; j < p.count(k); j++) {
                c[offset[k] + i * p.count(k) + j] = p.lambdas.get(k)
                        * BuresWassersteinCost.w2Squared(candidates.get(i), p.component(k, j));
            }
        });
        double[][] a = new double[rows][vars];
        double[] b = new double[rows];
        int row = 0;
        for (int k = 0; k < l; k++) {
            int kept = k == 0 ? p.count(k) : p.count(k) - 1;
            for (int j = 0; j < kept; j++) {
                b[row] = p.weight(k, j);
                for (int i = 0; i < n; i++) {
                    a[row][offset[k] + i * p.count(k) + j] = 1;             // (19b)
                }
                row++;
            }
        }
        for (int k = 1; k < l; k++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p.count(0); j++) {
                    a[row][offset[0] + i * p.count(0) + j] = 1;             // (19c): row sums of pi_1 ...
                }
                for (int j = 0; j < p.count(k); j++) {
                    a[row][offset[k] + i * p.count(k) + j] = -1;            // ... equal those of pi_k
                }
                row++;
            }
        }
        LinearProgram.Solution sol = LinearProgram.minimize(c, a, b);
        List<Gaussian> comps = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        double objective = 0;
        if (sol.status() == SolverStatus.CONVERGED) {
            for (int v = 0; v < vars; v++) {
                objective += c[v] * sol.x()[v];
            }
            for (int i = 0; i < n; i++) {
                double mass = 0;
                for (int j = 0; j < p.count(0); j++) {
                    mass += sol.x()[offset[0] + i * p.count(0) + j];
                }
                if (mass > WEIGHT_FLOOR) {
                    comps.add(candidates.get(i));
                    weights.add(mass);
                }
            }
        }
        return finish(sol, comps, weights, objective, n, new GaussianBarycenter.Result[0]);
    }

    private static Result finish(LinearProgram.Solution sol, List<Gaussian> comps, List<Double> weights, double objective,
                                 int candidates, GaussianBarycenter.Result[] bary) {
        SolverStatus status = SolverStatus.CONVERGED;
        StringBuilder detail = new StringBuilder();
        double worst = 0;
        for (GaussianBarycenter.Result r : bary) {
            if (!r.converged()) {
                status = r.status() == SolverStatus.FAILED ? SolverStatus.FAILED : worse(status, r.status());
                worst = Math.max(worst, r.residual());
            }
        }
        if (worst > 0) {
            detail.append("a Gaussian barycenter did not converge (worst residual ").append(worst).append("); ");
        }
        if (sol.status() != SolverStatus.CONVERGED || comps.isEmpty()) {
            return new Result(null, Double.NaN, candidates, SolverStatus.FAILED,
                    detail + "the LP was not solved (ojAlgo state " + sol.detail() + ")");
        }
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double[] w = new double[weights.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights.get(i) / total;
        }
        return new Result(GaussianMixture.of(w, comps), objective, candidates, status,
                detail.length() == 0 ? "optimal" : detail.toString());
    }

    private static SolverStatus worse(SolverStatus a, SolverStatus b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
