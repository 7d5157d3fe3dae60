package io.gmmflow.core.testplugins;

import io.gmmflow.api.Coupling;
import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.SolverStatus;

/** Test solver: the independent coupling pi = a b^T (feasible for equal masses, not optimal). */
public final class ProductSolver implements CouplingSolver {

    @Override
    public String name() {
        return "test-product";
    }

    @Override
    public String description() {
        return "test only: the independent coupling a b^T";
    }

    @Override
    public Coupling solve(double[] a, double[] b, double[][] cost, Parameters parameters) {
        double[][] plan = new double[a.length][b.length];
        double objective = 0;
        double sb = 0;
        for (double x : b) {
            sb += x;
        }
        double err = 0;
        for (int i = 0; i < a.length; i++) {
            double row = 0;
            for (int j = 0; j < b.length; j++) {
                plan[i][j] = a[i] * b[j];
                row += plan[i][j];
                objective += plan[i][j] * cost[i][j];
            }
            err += Math.abs(row - a[i]);
        }
        err += Math.abs(sb - 1);
        return new Coupling(plan, new double[a.length], new double[b.length], objective, 0, err, SolverStatus.CONVERGED);
    }
}
