package io.gmmflow.solvers;

import io.gmmflow.api.Coupling;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.SolverStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static io.gmmflow.api.contract.CouplingSolverContract.checkResult;
import static io.gmmflow.api.contract.CouplingSolverContract.randomCosts;
import static io.gmmflow.api.contract.CouplingSolverContract.randomWeights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code sinkhorn} against independent values: the 2 x 2 closed form, a plain dense log-domain
 * Sinkhorn written here, the exact LP ({@code emd}) as eps -> 0 with the entropic gap bound, and the
 * properties the entropic problem has (potentials reproduce the plan, strong duality).
 */
class LogSinkhornSolverTest {

    private final LogSinkhornSolver solver = new LogSinkhornSolver();
    private final NetworkSimplexSolver emd = new NetworkSimplexSolver();

    /**
     * 2 x 2: pi = [[x, a1 - x], [b1 - x, a2 - b1 + x]] and the optimality condition (the cross ratio
     * of the plan equals that of the kernel; the a_i b_j factors cancel)
     * x (a2 - b1 + x) = k (a1 - x)(b1 - x), k = exp(-(C11 + C22 - C12 - C21)/eps), a quadratic in x.
     * Tolerance 1e-10 relative: the solver stops at marginal error 1e-12 here.
     */
    @ParameterizedTest
    @CsvSource({"1.0, 1.0", "0.1, 1.0", "0.01, 1.0", "0.05, 30.0", "0.002, 1.0"})
    void twoByTwoMatchesClosedForm(double eps, double scale) {
        double[] a = {0.3, 0.7};
        double[] b = {0.55, 0.45};
        double[][] c = {{0.2 * scale, 1.0 * scale}, {0.9 * scale, 0.1 * scale}};
        double logK = -(c[0][0] + c[1][1] - c[0][1] - c[1][0]) / eps;
        // x (a2 - b1 + x) = k (a1 - x)(b1 - x) is a quadratic A x^2 + B x + C = 0; for k > 1 divide by
        // k so that nothing overflows. The root lies in [max(0, b1 - a2), min(a1, b1)].
        double qa;
        double qb;
        double qc;
        if (logK <= 0) {
            double k = Math.exp(logK);
            qa = 1 - k;
            qb = a[1] - b[0] + k * (a[0] + b[0]);
            qc = -k * a[0] * b[0];
        } else {
            double kInv = Math.exp(-logK);
            qa = kInv - 1;
            qb = kInv * (a[1] - b[0]) + (a[0] + b[0]);
            qc = -a[0] * b[0];
        }
        double lo = Math.max(0, b[0] - a[1]);
        double hi = Math.min(a[0], b[0]);
        double x;
        if (qa == 0) {
            x = -qc / qb;
        } else {
            // Numerically stable pair of roots (no cancellation in either).
            double q = -0.5 * (qb + Math.copySign(Math.sqrt(qb * qb - 4 * qa * qc), qb));
            double r1 = q / qa;
            double r2 = qc / q;
            x = r1 >= lo - 1e-15 && r1 <= hi + 1e-15 ? r1 : r2;
        }
        assertThat(x).isBetween(lo - 1e-15, hi + 1e-15);
        double[][] expected = {{x, a[0] - x}, {b[0] - x, a[1] - b[0] + x}};
        Coupling r = solver.solve(a, b, c, Parameters.of("epsilon", eps, "tolerance", 1e-12));
        assertThat(r.status()).isEqualTo(SolverStatus.CONVERGED);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertThat(Math.abs(r.plan(i, j) - expected[i][j]))
                        .as("plan(%d,%d) at eps %s", i, j, eps)
                        .isLessThanOrEqualTo(1e-10 * Math.max(expected[i][j], 1e-300) + 1e-12);
            }
        }
    }

    /**
     * Same plan as a plain dense log-domain Sinkhorn (f, g by log-sum-exp, no truncation, no
     * eps-scaling) written in this test. Both stop at marginal error 1e-13; the entropic plan is
     * the unique optimum, and its dependence on the marginals at eps = 0.05 on costs in [0, 1] is
     * O(1/eps)-Lipschitz, so the plans must agree to ~1e-11; asserted 1e-10 in L1.
     */
    @Test
    void matchesPlainDenseLogSinkhorn() {
        Random rnd = new Random(101L);
        double[] a = randomWeights(rnd, 15, 1.0);
        double[] b = randomWeights(rnd, 20, 1.0);
        double[][] c = randomCosts(rnd, 15, 20, 1.0);
        double eps = 0.05;
        double[][] ref = plainLogSinkhorn(a, b, c, eps, 1e-13, 200000);
        Coupling r = solver.solve(a, b, c, Parameters.of("epsilon", eps, "tolerance", 1e-13));
        assertThat(r.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(l1(r.plan(), ref)).isLessThanOrEqualTo(1e-10);
    }

    /**
     * As eps -> 0 the transport part of the entropic plan decreases monotonically to the exact optimum
     * (a property of the entropic problem: for eps1 < eps2, &lt;pi1, C&gt; <= &lt;pi2, C&gt;), with
     * 0 <= &lt;pi_eps, C&gt; - OT <= eps min(H(a), H(b)) (KL(pi* || a x b) <= min(H(a), H(b)) for any
     * coupling pi*). Slack: tolerance x max C for the marginal error of each plan.
     */
    @Test
    void approachesExactOptimumAsEpsilonShrinks() {
        Random rnd = new Random(202L);
        double[] a = randomWeights(rnd, 20, 1.0);
        double[] b = randomWeights(rnd, 30, 1.0);
        double[][] c = randomCosts(rnd, 20, 30, 1.0);
        double ot = emd.solve(a, b, c, Parameters.empty()).objective();
        double entropyBound = Math.min(entropy(a), entropy(b));
        double previousGap = Double.POSITIVE_INFINITY;
        for (double eps : new double[] {0.1, 0.03, 0.01, 0.003, 0.001}) {
            Coupling r = solver.solve(a, b, c, Parameters.of("epsilon", eps, "maxIterations", 50000));
            assertThat(r.status()).as("status at eps %s", eps).isEqualTo(SolverStatus.CONVERGED);
            double gap = r.objective() - ot;
            assertThat(gap).as("gap at eps %s", eps).isGreaterThanOrEqualTo(-1e-9)
                    .isLessThanOrEqualTo(eps * entropyBound + 1e-9)
                    .isLessThan(previousGap);
            previousGap = gap;
        }
        assertThat(previousGap).isLessThan(1e-3 * ot);
    }

    /**
     * Costs up to 1e4 with eps = 1e-4 (exponents down to -1e8): no NaN, no underflow to an empty row,
     * convergence to tolerance 1e-9, and the gap to the exact optimum within the entropic bound.
     */
    @Test
    void hugeCostsAndTinyEpsilonConverge() {
        Random rnd = new Random(303L);
        double[] a = randomWeights(rnd, 30, 1.0);
        double[] b = randomWeights(rnd, 40, 1.0);
        double[][] c = randomCosts(rnd, 30, 40, 1e4);
        double eps = 1e-4;
        Coupling r = solver.solve(a, b, c, Parameters.of("epsilon", eps, "maxIterations", 100000));
        assertThat(r.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(r.marginalError()).isLessThanOrEqualTo(1e-9);
        checkResult(solver, a, b, c, r);
        for (double f : r.sourcePotential()) {
            assertThat(f).isFinite();
        }
        for (double g : r.targetPotential()) {
            assertThat(g).isFinite();
        }
        double ot = emd.solve(a, b, c, Parameters.empty()).objective();
        assertThat(r.objective() - ot).isBetween(-1e-9 * 1e4, eps * Math.min(entropy(a), entropy(b)) + 1e-9 * 1e4);
    }

    /** Without eps-scaling the same extreme problem still never produces NaN or an empty row. */
    @Test
    void hugeCostsWithoutScalingStayFinite() {
        Random rnd = new Random(304L);
        double[] a = randomWeights(rnd, 10, 1.0);
        double[] b = randomWeights(rnd, 12, 1.0);
        double[][] c = randomCosts(rnd, 10, 12, 1e4);
        Coupling r = solver.solve(a, b, c, Parameters.of("epsilon", 1e-4, "epsilonScaling", 0, "maxIterations", 20000));
        checkResult(solver, a, b, c, r);
        assertThat(r.status()).isNotEqualTo(SolverStatus.FAILED);
        assertThat(r.marginalError()).isFinite();
    }

    /** With one row (column) the only coupling is a x b / mass: exact to round-off, at any eps. */
    @Test
    void singleRowAndSingleColumnAreExact() {
        double[] w = {0.1, 0.2, 0.3, 0.4};
        double[][] row = {{5.0, 1e3, 0.0, 7.5}};
        double[][] col = {{5.0}, {1e3}, {0.0}, {7.5}};
        for (double eps : new double[] {1.0, 5e-2, 1e-4}) {
            Coupling r = solver.solve(new double[] {1.0}, w, row, Parameters.of("epsilon", eps));
            Coupling t = solver.solve(w, new double[] {1.0}, col, Parameters.of("epsilon", eps));
            double expected = 0.5 + 200 + 0 + 3.0;
            for (Coupling x : new Coupling[] {r, t}) {
                assertThat(x.status()).isEqualTo(SolverStatus.CONVERGED);
                assertThat(x.marginalError()).isLessThanOrEqualTo(1e-15);
                assertThat(Math.abs(x.objective() - expected)).isLessThanOrEqualTo(1e-13);
            }
            for (int j = 0; j < 4; j++) {
                assertThat(Math.abs(r.plan(0, j) - w[j])).isLessThanOrEqualTo(1e-16);
                assertThat(Math.abs(t.plan(j, 0) - w[j])).isLessThanOrEqualTo(1e-16);
            }
        }
    }

    /**
     * The documented convention pi_ij = a_i b_j exp((f_i + g_j - C_ij)/eps) holds for the returned
     * plan (1e-12 relative), and strong duality: the entropic objective equals &lt;a, f&gt; + &lt;b, g&gt;
     * up to (max |f| + max |g|) x marginal error.
     */
    @Test
    void potentialsReproducePlanAndDualObjective() {
        Random rnd = new Random(404L);
        double[] a = randomWeights(rnd, 25, 1.0);
        double[] b = randomWeights(rnd, 18, 1.0);
        double[][] c = randomCosts(rnd, 25, 18, 10.0);
        double eps = 0.05;
        Coupling r = solver.solve(a, b, c, Parameters.of("epsilon", eps));
        double[] f = r.sourcePotential();
        double[] g = r.targetPotential();
        double dual = 0;
        for (int i = 0; i < a.length; i++) {
            dual += a[i] * f[i];
            for (int j = 0; j < b.length; j++) {
                double expected = a[i] * b[j] * Math.exp((f[i] + g[j] - c[i][j]) / eps);
                assertThat(Math.abs(r.plan(i, j) - expected)).isLessThanOrEqualTo(1e-12 * expected);
            }
        }
        for (int j = 0; j < b.length; j++) {
            dual += b[j] * g[j];
        }
        double primal = LogSinkhornSolver.entropicObjective(a, b, c, r, eps);
        assertThat(primal).isGreaterThan(r.objective());
        assertThat(Math.abs(primal - dual)).isLessThanOrEqualTo(20 * r.marginalError() + 1e-12);
    }

    @Test
    void warmStartFromTheSolutionConvergesAtOnce() {
        Random rnd = new Random(505L);
        double[] a = randomWeights(rnd, 40, 1.0);
        double[] b = randomWeights(rnd, 35, 1.0);
        double[][] c = randomCosts(rnd, 40, 35, 5.0);
        Parameters p = Parameters.of("epsilon", 0.02);
        Coupling cold = solver.solve(a, b, c, p);
        Coupling warm = solver.solve(a, b, c, p.with("epsilonScaling", 0), cold);
        assertThat(warm.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(warm.iterations()).isLessThanOrEqualTo(2);
        assertThat(cold.iterations()).isGreaterThan(10);
        assertThat(l1(warm.plan(), cold.plan())).isLessThanOrEqualTo(1e-8);
    }

    /** A warm start from a nearby problem (costs perturbed by 1%) needs fewer iterations than a cold start. */
    @Test
    void warmStartFromANearbyProblemHelps() {
        Random rnd = new Random(506L);
        double[] a = randomWeights(rnd, 40, 1.0);
        double[] b = randomWeights(rnd, 35, 1.0);
        double[][] c = randomCosts(rnd, 40, 35, 5.0);
        double[][] c2 = new double[40][35];
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 35; j++) {
                c2[i][j] = c[i][j] * (1 + 0.01 * rnd.nextDouble());
            }
        }
        Parameters p = Parameters.of("epsilon", 0.02, "epsilonScaling", 0, "maxIterations", 100000);
        Coupling first = solver.solve(a, b, c, p);
        Coupling cold = solver.solve(a, b, c2, p);
        Coupling warm = solver.solve(a, b, c2, p, first);
        assertThat(warm.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(warm.iterations()).isLessThan(cold.iterations());
        assertThat(l1(warm.plan(), cold.plan())).isLessThanOrEqualTo(1e-8);
    }

    /** eps-scaling changes the path, not the answer: both plans meet tolerance 1e-11 and agree to 1e-9 in L1. */
    @Test
    void scalingOnAndOffGiveTheSamePlan() {
        Random rnd = new Random(606L);
        double[] a = randomWeights(rnd, 20, 1.0);
        double[] b = randomWeights(rnd, 20, 1.0);
        double[][] c = randomCosts(rnd, 20, 20, 1.0);
        Parameters p = Parameters.of("epsilon", 0.05, "tolerance", 1e-11, "maxIterations", 100000);
        Coupling on = solver.solve(a, b, c, p);
        Coupling off = solver.solve(a, b, c, p.with("epsilonScaling", 0));
        assertThat(on.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(off.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(l1(on.plan(), off.plan())).isLessThanOrEqualTo(1e-9);
    }

    /** Zero weights: the plan on the support equals that of the problem with those rows/columns deleted. */
    @Test
    void zeroWeightsGiveTheReducedProblemsPlan() {
        Random rnd = new Random(707L);
        double[] a = randomWeights(rnd, 6, 1.0);
        double[] b = randomWeights(rnd, 5, 1.0);
        double[][] c = randomCosts(rnd, 6, 5, 1.0);
        a[0] += a[4];
        a[4] = 0;
        b[2] += b[1];
        b[1] = 0;
        int[] rows = {0, 1, 2, 3, 5};
        int[] cols = {0, 2, 3, 4};
        double[] ar = new double[rows.length];
        double[] br = new double[cols.length];
        double[][] cr = new double[rows.length][cols.length];
        for (int i = 0; i < rows.length; i++) {
            ar[i] = a[rows[i]];
            for (int j = 0; j < cols.length; j++) {
                cr[i][j] = c[rows[i]][cols[j]];
            }
        }
        for (int j = 0; j < cols.length; j++) {
            br[j] = b[cols[j]];
        }
        Parameters p = Parameters.of("tolerance", 1e-12);
        Coupling full = solver.solve(a, b, c, p);
        Coupling reduced = solver.solve(ar, br, cr, p);
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < cols.length; j++) {
                assertThat(Math.abs(full.plan(rows[i], cols[j]) - reduced.plan(i, j))).isLessThanOrEqualTo(1e-12);
            }
        }
    }

    @Test
    void iterationBudgetIsReportedWithTheTrueError() {
        Random rnd = new Random(808L);
        double[] a = randomWeights(rnd, 30, 1.0);
        double[] b = randomWeights(rnd, 30, 1.0);
        double[][] c = randomCosts(rnd, 30, 30, 10.0);
        Coupling r = solver.solve(a, b, c, Parameters.of("maxIterations", 3));
        assertThat(r.status()).isEqualTo(SolverStatus.MAX_ITERATIONS);
        assertThat(r.iterations()).isEqualTo(3);
        assertThat(r.marginalError()).isGreaterThan(1e-9);
        checkResult(solver, a, b, c, r);
    }

    /** Any common mass works (the plan scales with it); masses within 1e-9 relative are accepted. */
    @Test
    void massesEqualButNotOneAndNearlyEqual() {
        Random rnd = new Random(909L);
        double[] a = randomWeights(rnd, 7, 3.0);
        double[] b = randomWeights(rnd, 9, 3.0);
        double[][] c = randomCosts(rnd, 7, 9, 1.0);
        Coupling r = solver.solve(a, b, c, Parameters.empty());
        assertThat(r.status()).isEqualTo(SolverStatus.CONVERGED);
        checkResult(solver, a, b, c, r);
        double[] b2 = b.clone();
        b2[0] *= 1 + 1e-10;
        Coupling r2 = solver.solve(a, b2, c, Parameters.empty());
        assertThat(r2.marginalError()).isLessThanOrEqualTo(1e-9 + 1e-10 * 3);
    }

    @Test
    void rejectsUnequalMassesAndBadParameters() {
        double[] a = {0.5, 0.5};
        double[][] c = {{0, 1}, {1, 0}};
        assertThatThrownBy(() -> solver.solve(a, new double[] {0.5, 0.7}, c, Parameters.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sum(a) = 1.0").hasMessageContaining("sum(b) = 1.2");
        assertThatThrownBy(() -> solver.solve(a, a, c, Parameters.of("scalingFactor", 1.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scalingFactor");
        assertThatThrownBy(() -> solver.solve(a, a, c, Parameters.of("maxIterations", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxIterations");
        assertThatThrownBy(() -> solver.solve(a, a, c, Parameters.of("tolerance", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tolerance");
        Coupling other = solver.solve(new double[] {1.0}, new double[] {1.0}, new double[][] {{0}}, Parameters.empty());
        assertThatThrownBy(() -> solver.solve(a, a, c, Parameters.empty(), other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warm start");
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Textbook log-domain Sinkhorn, dense, no tricks: the independent reference. */
    static double[][] plainLogSinkhorn(double[] a, double[] b, double[][] c, double eps, double tol, int maxIt) {
        int n = a.length;
        int m = b.length;
        double[] f = new double[n];
        double[] g = new double[m];
        double[][] pi = new double[n][m];
        for (int it = 0; it < maxIt; it++) {
            for (int i = 0; i < n; i++) {
                double[] x = new double[m];
                for (int j = 0; j < m; j++) {
                    x[j] = Math.log(b[j]) + (g[j] - c[i][j]) / eps;
                }
                f[i] = -eps * StabilizedScaling.logSumExp(x, m);
            }
            for (int j = 0; j < m; j++) {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = Math.log(a[i]) + (f[i] - c[i][j]) / eps;
                }
                g[j] = -eps * StabilizedScaling.logSumExp(x, n);
            }
            double err = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    pi[i][j] = a[i] * b[j] * Math.exp((f[i] + g[j] - c[i][j]) / eps);
                    s += pi[i][j];
                }
                err += Math.abs(s - a[i]);
            }
            if (err < tol) {
                return pi;
            }
        }
        throw new AssertionError("reference Sinkhorn did not converge");
    }

    static double l1(double[][] p, double[][] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p[i].length; j++) {
                s += Math.abs(p[i][j] - q[i][j]);
            }
        }
        return s;
    }

    static double entropy(double[] w) {
        double h = 0;
        for (double x : w) {
            if (x > 0) {
                h -= x * Math.log(x);
            }
        }
        return h;
    }
}
