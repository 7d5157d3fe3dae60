package io.gmmflow.linalg;

import io.gmmflow.api.SolverStatus;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * A linear program in standard equality form, minimize c^T x subject to A x = b and x >= 0,
 * solved by ojAlgo's LP solver (simplex). Used for the GMM barycenter LP of seed 002 (eq. 19-20)
 * and as an independent check of the transport solvers.
 *
 * <p>The result carries a status instead of throwing: {@link SolverStatus#CONVERGED} when ojAlgo
 * reports an optimal solution, {@link SolverStatus#FAILED} for infeasible, unbounded or failed
 * runs. ojAlgo types do not leave this class. Stateless and thread-safe.
 */
public final class LinearProgram {

    private LinearProgram() {
    }

    /**
     * The solution of an LP.
     *
     * @param x         the primal solution (length n), or all NaN when the solve failed
     * @param objective c^T x (NaN when failed)
     * @param status    CONVERGED when optimal
     * @param detail    ojAlgo's state name, for messages
     */
    public record Solution(double[] x, double objective, SolverStatus status, String detail) {
    }

    /**
     * Minimizes c^T x subject to A x = b (A given as m rows of n numbers) and x >= 0.
     *
     * @throws IllegalArgumentException for inconsistent shapes or non-finite data
     */
    public static Solution minimize(double[] c, double[][] a, double[] b) {
        int n = c.length;
        int m = a.length;
        if (b.length != m) {
            throw new IllegalArgumentException("LP has " + m + " constraint rows but " + b.length + " right-hand sides");
        }
        for (int j = 0; j < n; j++) {
            if (!Double.isFinite(c[j])) {
                throw new IllegalArgumentException("LP cost " + j + " is not finite (" + c[j] + ")");
            }
        }
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] vars = new Variable[n];
        for (int j = 0; j < n; j++) {
            vars[j] = model.addVariable("x" + j).lower(0).weight(c[j]);
        }
        for (int i = 0; i < m; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("LP constraint row " + i + " has " + a[i].length
                        + " coefficients, expected " + n);
            }
            if (!Double.isFinite(b[i])) {
                throw new IllegalArgumentException("LP right-hand side " + i + " is not finite (" + b[i] + ")");
            }
            Expression e = model.addExpression("r" + i).level(b[i]);
            for (int j = 0; j < n; j++) {
                double v = a[i][j];
                if (v != 0.0) {
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("LP coefficient (" + i + ", " + j + ") is not finite");
                    }
                    e.set(vars[j], v);
                }
            }
        }
        Optimisation.Result r = model.minimise();
        Optimisation.State state = r.getState();
        double[] x = new double[n];
        if (!state.isOptimal()) {
            java.util.Arrays.fill(x, Double.NaN);
            return new Solution(x, Double.NaN, SolverStatus.FAILED, state.name());
        }
        double obj = 0;
        for (int j = 0; j < n; j++) {
            x[j] = r.doubleValue(j);
            obj += c[j] * x[j];
        }
        return new Solution(x, obj, SolverStatus.CONVERGED, state.name());
    }
}
