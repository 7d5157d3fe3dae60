package io.gmmflow.solvers;

import io.gmmflow.api.Coupling;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.SolverStatus;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.gmmflow.api.contract.CouplingSolverContract.checkResult;
import static io.gmmflow.api.contract.CouplingSolverContract.randomCosts;
import static io.gmmflow.api.contract.CouplingSolverContract.randomWeights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code unbalanced} against the 1 x 1 closed form, the first-order optimality conditions of the
 * relaxed problem, a convexity check by perturbation, and the balanced limit regM -> infinity.
 */
class UnbalancedSinkhornSolverTest {

    private final UnbalancedSinkhornSolver solver = new UnbalancedSinkhornSolver();

    /**
     * One point each: minimizing p C + eps KL(p || ab) + regM KL(p || a) + regM KL(p || b) over p > 0
     * gives log p = (eps log(ab) + regM log a + regM log b - C) / (eps + 2 regM).
     */
    @Test
    void oneByOneMatchesClosedForm() {
        double a = 0.7;
        double b = 1.6;
        double c = 0.9;
        for (double[] er : new double[][] {{0.05, 1.0}, {0.5, 0.1}, {1e-2, 1.0}}) {
            double eps = er[0];
            double regM = er[1];
            double expected = Math.exp((eps * Math.log(a * b) + regM * Math.log(a) + regM * Math.log(b) - c)
                    / (eps + 2 * regM));
            Coupling r = solver.solve(new double[] {a}, new double[] {b}, new double[][] {{c}},
                    Parameters.of("epsilon", eps, "regM", regM, "tolerance", 1e-13, "maxIterations", 1000000));
            assertThat(r.status()).isEqualTo(SolverStatus.CONVERGED);
            assertThat(Math.abs(r.plan(0, 0) - expected)).as("eps %s regM %s", eps, regM)
                    .isLessThanOrEqualTo(1e-11 * expected);
            assertThat(Math.abs(r.marginalError() - (Math.abs(expected - a) + Math.abs(expected - b))))
                    .isLessThanOrEqualTo(1e-10);
        }
    }

    /**
     * Stationarity of the primal objective: for every (i, j),
     * C_ij + eps log(pi_ij / (a_i b_j)) + regM log(r_i / a_i) + regM log(c_j / b_j) = 0.
     * At residual 1e-12 the logs are accurate to ~1e-12 / min(r, c) ~ 1e-10; asserted 1e-8.
     * Also: the objective grows under random multiplicative perturbations of the plan (strict convexity).
     */
    @Test
    void satisfiesFirstOrderConditionsAndIsAMinimum() {
        Random rnd = new Random(11L);
        double[] a = randomWeights(rnd, 8, 1.5);
        double[] b = randomWeights(rnd, 12, 1.0);
        double[][] c = randomCosts(rnd, 8, 12, 1.0);
        double eps = 0.1;
        double regM = 0.5;
        Coupling r = solver.solve(a, b, c, Parameters.of("epsilon", eps, "regM", regM, "tolerance", 1e-12));
        assertThat(r.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(UnbalancedSinkhornSolver.stationarityResidual(a, b, r, regM)).isLessThanOrEqualTo(1e-12);
        double[][] pi = r.plan();
        double[] rows = new double[8];
        double[] cols = new double[12];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 12; j++) {
                rows[i] += pi[i][j];
                cols[j] += pi[i][j];
            }
        }
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 12; j++) {
                double grad = c[i][j] + eps * Math.log(pi[i][j] / (a[i] * b[j]))
                        + regM * Math.log(rows[i] / a[i]) + regM * Math.log(cols[j] / b[j]);
                assertThat(Math.abs(grad)).as("gradient (%d, %d)", i, j).isLessThanOrEqualTo(1e-8);
            }
        }
        double best = UnbalancedSinkhornSolver.objective(a, b, c, pi, eps, regM);
        for (int trial = 0; trial < 20; trial++) {
            double[][] q = new double[8][12];
            for (int i = 0; i < 8; i++) {
                for (int j = 0; j < 12; j++) {
                    q[i][j] = pi[i][j] * Math.exp(1e-3 * rnd.nextGaussian());
                }
            }
            assertThat(UnbalancedSinkhornSolver.objective(a, b, c, q, eps, regM)).isGreaterThan(best);
        }
    }

    /** As regM grows the plan tends to the balanced {@code sinkhorn} plan; the L1 distance shrinks with regM. */
    @Test
    void largeRegMApproachesBalancedSinkhorn() {
        Random rnd = new Random(12L);
        double[] a = randomWeights(rnd, 10, 1.0);
        double[] b = randomWeights(rnd, 9, 1.0);
        double[][] c = randomCosts(rnd, 10, 9, 1.0);
        Parameters p = Parameters.of("epsilon", 0.1, "tolerance", 1e-12, "maxIterations", 1000000);
        double[][] balanced = new LogSinkhornSolver().solve(a, b, c, p).plan();
        double previous = Double.POSITIVE_INFINITY;
        for (double regM : new double[] {1.0, 10.0, 100.0, 1000.0}) {
            Coupling r = solver.solve(a, b, c, p.with("regM", regM));
            assertThat(r.status()).isEqualTo(SolverStatus.CONVERGED);
            double d = LogSinkhornSolverTest.l1(r.plan(), balanced);
            assertThat(d).isLessThan(previous);
            previous = d;
        }
        // The marginal deviation is O(eps / regM) times the costs: 1e-4 at regM = 1000.
        assertThat(previous).isLessThan(1e-3);
    }

    @Test
    void differentMassesAreAllowed() {
        Random rnd = new Random(13L);
        double[] a = randomWeights(rnd, 6, 2.0);
        double[] b = randomWeights(rnd, 5, 1.0);
        double[][] c = randomCosts(rnd, 6, 5, 1.0);
        Coupling r = solver.solve(a, b, c, Parameters.empty());
        assertThat(r.status()).isEqualTo(SolverStatus.CONVERGED);
        checkResult(solver, a, b, c, r);
        double mass = 0;
        for (double[] row : r.plan()) {
            for (double x : row) {
                mass += x;
            }
        }
        // Between the two masses: the relaxed plan compromises.
        assertThat(mass).isBetween(1.0, 2.0);
        assertThat(UnbalancedSinkhornSolver.stationarityResidual(a, b, r, 1.0)).isLessThanOrEqualTo(1e-9);
    }

    @Test
    void rejectsBadRegM() {
        double[] a = {0.5, 0.5};
        double[][] c = {{0, 1}, {1, 0}};
        for (double regM : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> solver.solve(a, a, c, Parameters.of("regM", regM)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("regM");
        }
    }
}
