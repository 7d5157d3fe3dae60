package io.gmmflow.omt;

import io.gmmflow.api.Coupling;
import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.SolverStatus;
import io.gmmflow.linalg.LinearProgram;

/**
 * Test-only coupling solvers, so this module's tests do not depend on the solvers module (plugins
 * never depend on each other): a plain log-domain Sinkhorn (seed 003 eq. 37) and an exact plan by
 * the LP of core-linalg.
 */
final class TestSolvers {

    private TestSolvers() {
    }

    /** Log-domain Sinkhorn with reference a x b; stops when |pi 1 - a|_1 + |pi^T 1 - b|_1 <= tolerance. */
    static final class LogSinkhorn implements CouplingSolver {
        @Override
        public String name() {
            return "test-sinkhorn";
        }

        @Override
        public String description() {
            return "test-only log-domain Sinkhorn";
        }

        @Override
        public Coupling solve(double[] a, double[] b, double[][] c, Parameters parameters) {
            double eps = parameters.positive("epsilon", 0.05);
            int maxIt = parameters.integer("maxIterations", 5000, 1);
            double tol = parameters.positive("tolerance", 1e-9);
            int n = a.length;
            int m = b.length;
            double[] f = new double[n];
            double[] g = new double[m];
            double[] t = new double[Math.max(n, m)];
            double err = Double.POSITIVE_INFINITY;
            int it = 0;
            while (it < maxIt) {
                it++;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < m; j++) {
                        t[j] = Math.log(b[j]) + (g[j] - c[i][j]) / eps;
                    }
                    f[i] = -eps * lse(t, m);
                }
                for (int j = 0; j < m; j++) {
                    for (int i = 0; i < n; i++) {
                        t[i] = Math.log(a[i]) + (f[i] - c[i][j]) / eps;
                    }
                    g[j] = -eps * lse(t, n);
                }
                err = 0;
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int j = 0; j < m; j++) {
                        s += a[i] * b[j] * Math.exp((f[i] + g[j] - c[i][j]) / eps);
                    }
                    err += Math.abs(s - a[i]);
                }
                if (err <= tol) {
                    break;
                }
            }
            double[][] plan = new double[n][m];
            double obj = 0;
            double colErr = 0;
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    plan[i][j] = a[i] * b[j] * Math.exp((f[i] + g[j] - c[i][j]) / eps);
                    obj += plan[i][j] * c[i][j];
                    s += plan[i][j];
                }
                colErr += Math.abs(s - b[j]);
            }
            return new Coupling(plan, f, g, obj, it, err + colErr, err <= tol ? SolverStatus.CONVERGED
                    : SolverStatus.MAX_ITERATIONS);
        }
    }

    /** The exact plan (minimize <pi, C> subject to the marginals) by core-linalg's LP. */
    static final class ExactLp implements CouplingSolver {
        @Override
        public String name() {
            return "test-emd";
        }

        @Override
        public String description() {
            return "test-only exact transport LP";
        }

        @Override
        public Coupling solve(double[] a, double[] b, double[][] c, Parameters parameters) {
            int n = a.length;
            int m = b.length;
            double[] cost = new double[n * m];
            double[][] rows = new double[n + m - 1][n * m];
            double[] rhs = new double[n + m - 1];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    cost[i * m + j] = c[i][j];
                    rows[i][i * m + j] = 1;
                    if (j < m - 1) {
                        rows[n + j][i * m + j] = 1;
                    }
                }
                rhs[i] = a[i];
            }
            for (int j = 0; j < m - 1; j++) {
                rhs[n + j] = b[j];
            }
            LinearProgram.Solution s = LinearProgram.minimize(cost, rows, rhs);
            double[][] plan = new double[n][m];
            double err = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    plan[i][j] = Math.max(s.x()[i * m + j], 0);
                }
            }
            for (int i = 0; i < n; i++) {
                double r = 0;
                for (int j = 0; j < m; j++) {
                    r += plan[i][j];
                }
                err += Math.abs(r - a[i]);
            }
            for (int j = 0; j < m; j++) {
                double r = 0;
                for (int i = 0; i < n; i++) {
                    r += plan[i][j];
                }
                err += Math.abs(r - b[j]);
            }
            return new Coupling(plan, new double[n], new double[m], s.objective(), 1, err, s.status());
        }
    }

    static double lse(double[] v, int len) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < len; k++) {
            max = Math.max(max, v[k]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (int k = 0; k < len; k++) {
            s += Math.exp(v[k] - max);
        }
        return max + Math.log(s);
    }
}
