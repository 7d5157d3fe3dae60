package io.gmmflow.api.contract;

import io.gmmflow.api.Coupling;
import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.SolverStatus;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract every {@link CouplingSolver} plugin found by {@link ServiceLoader} must meet. A plugin
 * module runs it with a one-line subclass {@code class CouplingSolverContractTest extends
 * CouplingSolverContract {}}; the tests fail if no solver is registered.
 *
 * <p>What it checks, on seeded random problems with the solver's default parameters: the plan is
 * finite and non-negative with the problem's shape; its marginal error |pi 1 - a|_1 + |pi^T 1 - b|_1,
 * recomputed here, is within the reported {@code marginalError} (slack 1e-14 per unit mass for the
 * summation order); {@code objective} equals &lt;pi, C&gt; to 1e-12 relative; zero weights give zero
 * plan rows/columns; a solver converges on an easy problem; concurrent calls agree (plugins are
 * stateless); and bad input (negative, NaN or infinite weights or costs, a cost matrix of the wrong
 * shape, and for solvers that read {@code epsilon} a value <= 0 or NaN) throws an
 * {@link IllegalArgumentException} whose message names the offending item.
 */
public abstract class CouplingSolverContract {

    /** Summation-order slack when recomputing the marginal error, per unit of mass. */
    private static final double ERROR_SLACK = 1e-14;

    static Stream<Arguments> solvers() {
        List<Arguments> found = new ArrayList<>();
        for (CouplingSolver s : ServiceLoader.load(CouplingSolver.class)) {
            found.add(Arguments.of(Named.of(s.name(), s)));
        }
        assertThat(found).as("CouplingSolver plugins registered with ServiceLoader").isNotEmpty();
        return found.stream();
    }

    @Test
    void atLeastOneSolverIsRegistered() {
        assertThat(solvers()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("solvers")
    void describesItself(CouplingSolver solver) {
        assertThat(solver.name()).matches("[a-z0-9]+(-[a-z0-9]+)*");
        assertThat(solver.description()).isNotBlank();
        assertThat(solver.defaults()).isNotNull();
        for (double v : solver.defaults().asMap().values()) {
            assertThat(v).isFinite();
        }
    }

    @ParameterizedTest
    @MethodSource("solvers")
    void planIsNonNegativeWithinReportedErrorAndObjectiveIsInnerProduct(CouplingSolver solver) {
        Random rnd = new Random(20240601L);
        int[][] shapes = {{1, 1}, {1, 5}, {6, 1}, {3, 4}, {7, 5}, {12, 9}};
        for (int[] shape : shapes) {
            double[] a = randomWeights(rnd, shape[0], 1.0);
            double[] b = randomWeights(rnd, shape[1], 1.0);
            double[][] c = randomCosts(rnd, shape[0], shape[1], 2.0);
            checkResult(solver, a, b, c, solver.solve(a, b, c, Parameters.empty()));
        }
    }

    @ParameterizedTest
    @MethodSource("solvers")
    void zeroWeightsCarryNoMass(CouplingSolver solver) {
        Random rnd = new Random(7L);
        double[] a = randomWeights(rnd, 5, 1.0);
        double[] b = randomWeights(rnd, 4, 1.0);
        double moved = a[2];
        a[2] = 0;
        a[0] += moved;
        moved = b[3];
        b[3] = 0;
        b[1] += moved;
        double[][] c = randomCosts(rnd, 5, 4, 1.0);
        Coupling r = solver.solve(a, b, c, Parameters.empty());
        checkResult(solver, a, b, c, r);
        for (int j = 0; j < 4; j++) {
            assertThat(r.plan(2, j)).as("plan row of the zero source weight").isZero();
        }
        for (int i = 0; i < 5; i++) {
            assertThat(r.plan(i, 3)).as("plan column of the zero target weight").isZero();
        }
        for (double f : r.sourcePotential()) {
            assertThat(f).isFinite();
        }
        for (double g : r.targetPotential()) {
            assertThat(g).isFinite();
        }
    }

    @ParameterizedTest
    @MethodSource("solvers")
    void convergesOnAnEasyProblem(CouplingSolver solver) {
        Random rnd = new Random(11L);
        double[] a = randomWeights(rnd, 8, 1.0);
        double[] b = randomWeights(rnd, 10, 1.0);
        double[][] c = randomCosts(rnd, 8, 10, 1.0);
        Coupling r = solver.solve(a, b, c, Parameters.empty());
        assertThat(r.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(r.converged()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("solvers")
    void concurrentCallsAgree(CouplingSolver solver) throws Exception {
        Random rnd = new Random(3L);
        double[] a = randomWeights(rnd, 30, 1.0);
        double[] b = randomWeights(rnd, 25, 1.0);
        double[][] c = randomCosts(rnd, 30, 25, 1.0);
        Coupling reference = solver.solve(a, b, c, Parameters.empty());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Coupling>> futures = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                futures.add(pool.submit(() -> solver.solve(a, b, c, Parameters.empty())));
            }
            for (Future<Coupling> fu : futures) {
                Coupling r = fu.get();
                assertThat(r.objective()).isEqualTo(reference.objective());
                assertThat(r.plan()).isDeepEqualTo(reference.plan());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("solvers")
    void rejectsBadWeights(CouplingSolver solver) {
        double[] b = {0.5, 0.5};
        double[][] c = {{0, 1}, {1, 0}};
        expectRejected(solver, new double[] {1.2, -0.2}, b, c, "a[1]");
        expectRejected(solver, new double[] {Double.NaN, 1.0}, b, c, "a[0]");
        expectRejected(solver, new double[] {0.5, Double.POSITIVE_INFINITY}, b, c, "a[1]");
        expectRejected(solver, b, new double[] {-0.5, 1.5}, c, "b[0]");
        expectRejected(solver, b, new double[] {0.5, Double.NaN}, c, "b[1]");
        expectRejected(solver, null, b, c, "weights a");
        expectRejected(solver, new double[0], b, new double[0][], "weights a");
    }

    @ParameterizedTest
    @MethodSource("solvers")
    void rejectsBadCosts(CouplingSolver solver) {
        double[] a = {0.5, 0.5};
        double[] b = {0.25, 0.75};
        expectRejected(solver, a, b, new double[][] {{0, Double.NaN}, {1, 0}}, "cost[0][1]");
        expectRejected(solver, a, b, new double[][] {{0, 1}, {-1, 0}}, "cost[1][0]");
        expectRejected(solver, a, b, new double[][] {{0, 1}, {1, Double.POSITIVE_INFINITY}}, "cost[1][1]");
        expectRejected(solver, a, b, new double[][] {{0, 1}}, "1 rows");
        expectRejected(solver, a, b, new double[][] {{0, 1}, {1, 0, 2}}, "row 1");
        expectRejected(solver, a, b, new double[][] {{0, 1, 2}, {1, 0, 2}}, "row 0");
        expectRejected(solver, a, b, null, "cost");
    }

    @ParameterizedTest
    @MethodSource("solvers")
    void rejectsBadEpsilonWhenItReadsOne(CouplingSolver solver) {
        if (!solver.defaults().has("epsilon")) {
            return;
        }
        double[] a = {0.5, 0.5};
        double[][] c = {{0, 1}, {1, 0}};
        for (double eps : new double[] {0.0, -1e-3, Double.NaN}) {
            assertThatThrownBy(() -> solver.solve(a, a, c, Parameters.of("epsilon", eps)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("epsilon");
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static void expectRejected(CouplingSolver solver, double[] a, double[] b, double[][] c, String names) {
        assertThatThrownBy(() -> solver.solve(a, b, c, Parameters.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(names);
    }

    /** The checks every result must pass; public so that plugin tests can reuse them. */
    public static void checkResult(CouplingSolver solver, double[] a, double[] b, double[][] c, Coupling r) {
        assertThat(r.rows()).isEqualTo(a.length);
        assertThat(r.columns()).isEqualTo(b.length);
        assertThat(r.sourcePotential()).hasSize(a.length);
        assertThat(r.targetPotential()).hasSize(b.length);
        assertThat(r.iterations()).isNotNegative();
        double[] col = new double[b.length];
        double err = 0;
        double inner = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            double row = 0;
            for (int j = 0; j < b.length; j++) {
                double p = r.plan(i, j);
                assertThat(p).as("plan[%d][%d] of %s", i, j, solver.name()).isFinite().isGreaterThanOrEqualTo(0.0);
                row += p;
                col[j] += p;
                inner += p * c[i][j];
                scale += Math.abs(p * c[i][j]);
            }
            err += Math.abs(row - a[i]);
        }
        for (int j = 0; j < b.length; j++) {
            err += Math.abs(col[j] - b[j]);
        }
        double mass = 0;
        for (double x : a) {
            mass += x;
        }
        assertThat(r.marginalError()).as("reported marginal error of %s", solver.name()).isFinite().isNotNegative();
        assertThat(err).as("recomputed marginal error of %s", solver.name())
                .isLessThanOrEqualTo(r.marginalError() + ERROR_SLACK * mass);
        assertThat(Math.abs(r.objective() - inner)).as("objective of %s minus <plan, C>", solver.name())
                .isLessThanOrEqualTo(1e-12 * scale + 1e-300);
    }

    /** Positive weights with total {@code mass}, seeded. */
    public static double[] randomWeights(Random rnd, int k, double mass) {
        double[] w = new double[k];
        double s = 0;
        for (int i = 0; i < k; i++) {
            w[i] = 0.1 + rnd.nextDouble();
            s += w[i];
        }
        for (int i = 0; i < k; i++) {
            w[i] *= mass / s;
        }
        return w;
    }

    /** Uniform costs in [0, scale), seeded. */
    public static double[][] randomCosts(Random rnd, int n, int m, double scale) {
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                c[i][j] = scale * rnd.nextDouble();
            }
        }
        return c;
    }
}
