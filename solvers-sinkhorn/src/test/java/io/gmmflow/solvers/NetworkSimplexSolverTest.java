package io.gmmflow.solvers;

import io.gmmflow.api.Coupling;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.SolverStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

import java.util.Arrays;
import java.util.Random;

import static io.gmmflow.api.contract.CouplingSolverContract.randomCosts;
import static io.gmmflow.api.contract.CouplingSolverContract.randomWeights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code emd}: optimality proven by the LP dual certificate (primal feasible + reduced costs
 * C_ij - f_i - g_j >= 0 everywhere + = 0 on the support implies optimal, by LP duality) and
 * cross-checked against an independent LP solve (ojAlgo's simplex) and against the 1-D closed form.
 */
class NetworkSimplexSolverTest {

    private final NetworkSimplexSolver solver = new NetworkSimplexSolver();

    /**
     * Certificate on random problems up to 200 x 300. Tolerances: reduced costs >= -1e-9 and
     * |reduced cost| <= 1e-9 on the support (costs are O(1..100), potentials are sums of at most
     * K0 + K1 costs, so round-off is ~1e-12); marginal error <= 1e-12 (flows are differences of the
     * weights); at most K0 + K1 - 1 non-zeros (a basic solution).
     */
    @ParameterizedTest
    @CsvSource({"1, 7, 1.0", "9, 1, 1.0", "5, 8, 1.0", "40, 60, 100.0", "100, 100, 1.0", "200, 300, 100.0"})
    void certificateOnRandomProblems(int n, int m, double scale) {
        Random rnd = new Random(1000L * n + m);
        double[] a = randomWeights(rnd, n, 1.0);
        double[] b = randomWeights(rnd, m, 1.0);
        double[][] c = randomCosts(rnd, n, m, scale);
        Coupling r = solver.solve(a, b, c, Parameters.empty());
        assertThat(r.status()).isEqualTo(SolverStatus.CONVERGED);
        assertCertificate(a, b, c, r, 1e-9);
    }

    /** Objective equal to ojAlgo's LP optimum to 1e-9 relative, up to 200 x 300 (60000 variables). */
    @ParameterizedTest
    @CsvSource({"3, 4, 1.0, 1", "10, 7, 10.0, 2", "25, 40, 1.0, 3", "60, 80, 100.0, 4", "100, 100, 1.0, 5", "200, 300, 100.0, 6"})
    void objectiveMatchesOjAlgoLp(int n, int m, double scale, long seed) {
        Random rnd = new Random(seed);
        double[] a = randomWeights(rnd, n, 1.0);
        double[] b = randomWeights(rnd, m, 1.0);
        double[][] c = randomCosts(rnd, n, m, scale);
        Coupling r = solver.solve(a, b, c, Parameters.empty());
        double lp = ojAlgoOptimum(a, b, c);
        assertThat(Math.abs(r.objective() - lp)).isLessThanOrEqualTo(1e-9 * Math.abs(lp));
        assertCertificate(a, b, c, r, 1e-9);
    }

    /** Every basis invariant (thread, sizes, strong feasibility, conservation) after every pivot. */
    @Test
    void basisInvariantsHoldAfterEveryPivot() {
        Random rnd = new Random(99L);
        for (int trial = 0; trial < 60; trial++) {
            int n = 1 + rnd.nextInt(9);
            int m = 1 + rnd.nextInt(9);
            double[] a;
            double[] b;
            double[][] c = new double[n][m];
            if (trial % 3 == 0) {
                // Degenerate: uniform weights with equal partial sums and integer costs with many ties.
                a = new double[n];
                b = new double[m];
                Arrays.fill(a, 1.0 / n);
                Arrays.fill(b, 1.0 / m);
                for (double[] row : c) {
                    for (int j = 0; j < m; j++) {
                        row[j] = rnd.nextInt(3);
                    }
                }
            } else {
                a = randomWeights(rnd, n, 1.0);
                b = randomWeights(rnd, m, 1.0);
                c = randomCosts(rnd, n, m, 1.0);
            }
            Coupling r = solver.solve(a, b, c, Parameters.empty(), true);
            assertThat(r.status()).isEqualTo(SolverStatus.CONVERGED);
            assertCertificate(a, b, c, r, 1e-12);
            assertThat(Math.abs(r.objective() - ojAlgoOptimum(a, b, c))).isLessThanOrEqualTo(1e-10);
        }
    }

    /** Square problem with uniform weights and zero diagonal: the identity plan, objective 0, fully degenerate. */
    @Test
    void assignmentWithTiesIsSolvedExactly() {
        int n = 50;
        double[] w = new double[n];
        Arrays.fill(w, 1.0 / n);
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                c[i][j] = (i - j) * (i - j);
            }
        }
        Coupling r = solver.solve(w, w, c, Parameters.empty(), true);
        assertThat(r.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(r.objective()).isEqualTo(0.0);
        for (int i = 0; i < n; i++) {
            assertThat(r.plan(i, i)).isCloseTo(1.0 / n, org.assertj.core.data.Offset.offset(1e-15));
        }
        assertCertificate(w, w, c, r, 1e-12);
    }

    /** All costs equal: every plan is optimal, the objective is cost x mass. */
    @Test
    void constantCostGivesConstantObjective() {
        Random rnd = new Random(5L);
        double[] a = randomWeights(rnd, 12, 1.0);
        double[] b = randomWeights(rnd, 17, 1.0);
        double[][] c = new double[12][17];
        for (double[] row : c) {
            Arrays.fill(row, 3.5);
        }
        Coupling r = solver.solve(a, b, c, Parameters.empty());
        assertThat(r.objective()).isCloseTo(3.5, org.assertj.core.data.Offset.offset(1e-14));
        assertCertificate(a, b, c, r, 1e-12);
    }

    /**
     * 1-D points with squared-distance cost: the optimal plan is the monotone (quantile) coupling,
     * whose cost is computed here independently by merging the two CDFs.
     */
    @Test
    void oneDimensionalProblemMatchesQuantileCoupling() {
        Random rnd = new Random(17L);
        int n = 80;
        int m = 60;
        double[] x = new double[n];
        double[] y = new double[m];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
        }
        for (int j = 0; j < m; j++) {
            y[j] = 1 + 2 * rnd.nextGaussian();
        }
        double[] a = randomWeights(rnd, n, 1.0);
        double[] b = randomWeights(rnd, m, 1.0);
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                c[i][j] = (x[i] - y[j]) * (x[i] - y[j]);
            }
        }
        Integer[] ox = sortedOrder(x);
        Integer[] oy = sortedOrder(y);
        double quantile = 0;
        int i = 0;
        int j = 0;
        double ra = a[ox[0]];
        double rb = b[oy[0]];
        while (i < n && j < m) {
            double t = Math.min(ra, rb);
            quantile += t * c[ox[i]][oy[j]];
            ra -= t;
            rb -= t;
            if (ra <= rb) {
                if (++i < n) {
                    ra = a[ox[i]];
                }
            } else {
                if (++j < m) {
                    rb = b[oy[j]];
                }
            }
        }
        Coupling r = solver.solve(a, b, c, Parameters.empty());
        assertThat(Math.abs(r.objective() - quantile)).isLessThanOrEqualTo(1e-12 * quantile);
        assertCertificate(a, b, c, r, 1e-9);
    }

    @Test
    void zeroWeightsAreHandledWithACertificateEverywhere() {
        Random rnd = new Random(23L);
        double[] a = randomWeights(rnd, 10, 1.0);
        double[] b = randomWeights(rnd, 8, 1.0);
        double[][] c = randomCosts(rnd, 10, 8, 10.0);
        a[0] += a[3] + a[9];
        a[3] = 0;
        a[9] = 0;
        b[7] += b[2];
        b[2] = 0;
        Coupling r = solver.solve(a, b, c, Parameters.empty());
        assertThat(r.status()).isEqualTo(SolverStatus.CONVERGED);
        assertCertificate(a, b, c, r, 1e-9);
        assertThat(Math.abs(r.objective() - ojAlgoOptimum(a, b, c))).isLessThanOrEqualTo(1e-9 * r.objective());
    }

    @Test
    void singleRowAndSingleColumnAreExact() {
        double[] a = {0.2, 0.3, 0.5};
        double[][] col = {{1.0}, {2.0}, {4.0}};
        Coupling r = solver.solve(a, new double[] {1.0}, col, Parameters.empty());
        for (int i = 0; i < 3; i++) {
            assertThat(r.plan(i, 0)).isEqualTo(a[i]);
        }
        assertThat(r.objective()).isCloseTo(0.2 + 0.6 + 2.0, org.assertj.core.data.Offset.offset(1e-15));
        Coupling t = solver.solve(new double[] {1.0}, a, new double[][] {{1.0, 2.0, 4.0}}, Parameters.empty());
        for (int j = 0; j < 3; j++) {
            assertThat(t.plan(0, j)).isEqualTo(a[j]);
        }
    }

    @Test
    void pivotBudgetIsReportedAsMaxIterations() {
        Random rnd = new Random(31L);
        double[] a = randomWeights(rnd, 30, 1.0);
        double[] b = randomWeights(rnd, 30, 1.0);
        double[][] c = randomCosts(rnd, 30, 30, 1.0);
        Coupling r = solver.solve(a, b, c, Parameters.of("maxIterations", 5));
        assertThat(r.status()).isEqualTo(SolverStatus.MAX_ITERATIONS);
        assertThat(r.iterations()).isEqualTo(5);
        assertThat(r.marginalError()).isLessThanOrEqualTo(1e-12);
        Coupling best = solver.solve(a, b, c, Parameters.empty());
        assertThat(r.objective()).isGreaterThan(best.objective());
    }

    @Test
    void massesWithinOneBillionthAreAcceptedLargerDifferencesRejected() {
        double[] a = {0.25, 0.75};
        double[][] c = {{0, 1}, {1, 0}};
        Coupling r = solver.solve(a, new double[] {0.5, 0.5 * (1 + 1e-10)}, c, Parameters.empty());
        assertThat(r.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(r.marginalError()).isLessThanOrEqualTo(1e-10);
        assertThatThrownBy(() -> solver.solve(a, new double[] {0.5, 0.6}, c, Parameters.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sum(a) = 1.0")
                .hasMessageContaining("sum(b) = 1.1");
    }

    // ---- helpers ------------------------------------------------------------------------------

    /**
     * Primal feasibility, dual feasibility and complementary slackness: together they prove that the
     * plan is optimal and the potentials are an optimal dual solution.
     */
    static void assertCertificate(double[] a, double[] b, double[][] c, Coupling r, double tol) {
        int n = a.length;
        int m = b.length;
        double[] f = r.sourcePotential();
        double[] g = r.targetPotential();
        int nonZeros = 0;
        int posA = 0;
        int posB = 0;
        for (double x : a) {
            posA += x > 0 ? 1 : 0;
        }
        for (double x : b) {
            posB += x > 0 ? 1 : 0;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double rc = c[i][j] - f[i] - g[j];
                assertThat(rc).as("reduced cost (%d, %d)", i, j).isGreaterThanOrEqualTo(-tol);
                if (r.plan(i, j) > 0) {
                    nonZeros++;
                    assertThat(Math.abs(rc)).as("reduced cost on the support (%d, %d)", i, j).isLessThanOrEqualTo(tol);
                }
            }
        }
        assertThat(nonZeros).isLessThanOrEqualTo(posA + posB - 1);
        assertThat(r.marginalError()).isLessThanOrEqualTo(1e-12);
        double dual = 0;
        for (int i = 0; i < n; i++) {
            dual += a[i] * f[i];
        }
        for (int j = 0; j < m; j++) {
            dual += b[j] * g[j];
        }
        // Strong duality: <a, f> + <b, g> = <pi, C>.
        double scale = Math.max(1.0, Math.abs(r.objective()));
        assertThat(Math.abs(dual - r.objective())).isLessThanOrEqualTo(1e-9 * scale);
    }

    /** The optimal value of the transport LP by ojAlgo's general LP solver (independent of our code). */
    static double ojAlgoOptimum(double[] a, double[] b, double[][] c) {
        int n = a.length;
        int m = b.length;
        double sa = Arrays.stream(a).sum();
        double sb = Arrays.stream(b).sum();
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[][] x = new Variable[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                x[i][j] = model.addVariable("x" + i + "_" + j).lower(0).weight(c[i][j]);
            }
        }
        for (int i = 0; i < n; i++) {
            Expression row = model.addExpression("row" + i).level(a[i]);
            for (int j = 0; j < m; j++) {
                row.set(x[i][j], 1);
            }
        }
        // The column constraints use b rescaled to sum(a): the LP needs exactly equal masses.
        for (int j = 0; j < m; j++) {
            Expression col = model.addExpression("col" + j).level(b[j] * sa / sb);
            for (int i = 0; i < n; i++) {
                col.set(x[i][j], 1);
            }
        }
        Optimisation.Result result = model.minimise();
        assertThat(result.getState().isOptimal()).as("ojAlgo state %s", result.getState()).isTrue();
        return result.getValue();
    }

    private static Integer[] sortedOrder(double[] v) {
        Integer[] o = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = i;
        }
        Arrays.sort(o, (p, q) -> Double.compare(v[p], v[q]));
        return o;
    }
}
