package io.gmmflow.exact;

import io.gmmflow.api.Coupling;
import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.SolverStatus;
import io.gmmflow.linalg.LinearProgram;

/**
 * Test-only exact coupling solver: the discrete transport LP solved by core-linalg's
 * {@link LinearProgram} (ojAlgo simplex), so the seed 002 code can be tested with exact plans
 * without depending on the solvers module. Fine for K up to ~30. Not registered with ServiceLoader.
 */
public final class LpCouplingSolver implements CouplingSolver {

    @Override
    public String name() {
        return "lp-test";
    }

    @Override
    public String description() {
        return "test-only exact transport LP";
    }

    @Override
    public Coupling solve(double[] a, double[] b, double[][] cost, Parameters parameters) {
        int k0 = a.length;
        int k1 = b.length;
        double[] c = new double[k0 * k1];
        for (int i = 0; i < k0; i++) {
            for (int j = 0; j < k1; j++) {
                c[i * k1 + j] = cost[i][j];
            }
        }
        // Row sums, and all column sums but the last (implied by the others; dropping it keeps the
        // LP feasible when the masses agree only to round-off).
        int rows = k0 + k1 - 1;
        double[][] m = new double[rows][k0 * k1];
        double[] rhs = new double[rows];
        for (int i = 0; i < k0; i++) {
            for (int j = 0; j < k1; j++) {
                m[i][i * k1 + j] = 1;
            }
            rhs[i] = a[i];
        }
        for (int j = 0; j < k1 - 1; j++) {
            for (int i = 0; i < k0; i++) {
                m[k0 + j][i * k1 + j] = 1;
            }
            rhs[k0 + j] = b[j];
        }
        LinearProgram.Solution s = LinearProgram.minimize(c, m, rhs);
        double[][] plan = new double[k0][k1];
        double err = 0;
        double objective = 0;
        for (int i = 0; i < k0; i++) {
            for (int j = 0; j < k1; j++) {
                plan[i][j] = Math.max(s.x()[i * k1 + j], 0);
                objective += plan[i][j] * cost[i][j];
            }
        }
        for (int i = 0; i < k0; i++) {
            double r = -a[i];
            for (int j = 0; j < k1; j++) {
                r += plan[i][j];
            }
            err += Math.abs(r);
        }
        for (int j = 0; j < k1; j++) {
            double r = -b[j];
            for (int i = 0; i < k0; i++) {
                r += plan[i][j];
            }
            err += Math.abs(r);
        }
        return new Coupling(plan, new double[k0], new double[k1], objective, 0, err,
                s.status() == SolverStatus.CONVERGED ? SolverStatus.CONVERGED : SolverStatus.FAILED);
    }
}
