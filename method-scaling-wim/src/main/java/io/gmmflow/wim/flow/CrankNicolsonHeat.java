package io.gmmflow.wim.flow;

/**
 * The reference solver for the heat equation u_t = u_xx (+ u_yy) on a periodic grid: Crank-Nicolson
 * with the standard 3-point (5-point in 2-D) Laplacian,
 * (I - dt/2 L) u^{k+1} = (I + dt/2 L) u^k, second order in dt and dx and unconditionally stable.
 *
 * <p>Two routes. {@link #step1d} solves the cyclic tridiagonal system by the Thomas algorithm with a
 * Sherman-Morrison correction (O(n) per step). {@link #solve1d} and {@link #solve2d} use the fact that
 * the periodic Laplacian is diagonalised by the real Fourier basis (eigenvalues
 * -(4/dx^2) sin^2(pi k/n)): after m steps each mode is multiplied by r^m, r = (1 + dt lambda/2) /
 * (1 - dt lambda/2), which is exactly m Crank-Nicolson steps at O(n^2) (1-D) or O(n^3) (2-D) cost
 * regardless of m. The two routes agree to round-off (a test). Immutable and thread-safe.
 */
public final class CrankNicolsonHeat {

    private final double dx;
    private final double dt;

    /** @param dx grid spacing > 0; @param dt time step > 0 */
    public CrankNicolsonHeat(double dx, double dt) {
        if (!(dx > 0) || !Double.isFinite(dx)) {
            throw new IllegalArgumentException("dx must be a finite number > 0, got " + dx);
        }
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("dt must be a finite number > 0, got " + dt);
        }
        this.dx = dx;
        this.dt = dt;
    }

    /** One Crank-Nicolson step on a ring of u.length >= 3 nodes (cyclic Thomas + Sherman-Morrison). */
    public double[] step1d(double[] u) {
        int n = u.length;
        if (n < 3) {
            throw new IllegalArgumentException("1-D grid needs n >= 3, got " + n);
        }
        double r = dt / (dx * dx);
        double[] rhs = new double[n];
        for (int i = 0; i < n; i++) {
            double l = u[(i + n - 1) % n] - 2 * u[i] + u[(i + 1) % n];
            rhs[i] = u[i] + 0.5 * r * l;
        }
        // A = tridiag(-r/2, 1 + r, -r/2) with corners -r/2: A = T + w v^T (Sherman-Morrison).
        double a = -0.5 * r;
        double b = 1.0 + r;
        double gamma = -b;
        double[] diag = new double[n];
        java.util.Arrays.fill(diag, b);
        diag[0] = b - gamma;
        diag[n - 1] = b - a * a / gamma;
        double[] y = thomas(a, diag, rhs);
        double[] w = new double[n];
        w[0] = gamma;
        w[n - 1] = a;
        double[] z = thomas(a, diag, w);
        double fact = (y[0] + a * y[n - 1] / gamma) / (1.0 + z[0] + a * z[n - 1] / gamma);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = y[i] - fact * z[i];
        }
        return out;
    }

    /** Solves tridiag(off, diag, off) x = rhs (diagonally dominant: no pivoting needed). */
    private static double[] thomas(double off, double[] diag, double[] rhs) {
        int n = diag.length;
        double[] c = new double[n];
        double[] x = new double[n];
        double beta = diag[0];
        x[0] = rhs[0] / beta;
        for (int i = 1; i < n; i++) {
            c[i] = off / beta;
            beta = diag[i] - off * c[i];
            x[i] = (rhs[i] - off * x[i - 1]) / beta;
        }
        for (int i = n - 2; i >= 0; i--) {
            x[i] -= c[i + 1] * x[i + 1];
        }
        return x;
    }

    /** The orthonormal real Fourier basis of R^n (columns) and the eigenvalues of the periodic Laplacian. */
    private double[][] basis(int n, double[] lambda) {
        double[][] q = new double[n][n];
        int col = 0;
        double s0 = 1.0 / Math.sqrt(n);
        for (int j = 0; j < n; j++) {
            q[j][col] = s0;
        }
        lambda[col++] = 0.0;
        double s = Math.sqrt(2.0 / n);
        for (int k = 1; 2 * k < n; k++) {
            double lam = -4.0 / (dx * dx) * Math.pow(Math.sin(Math.PI * k / n), 2);
            for (int j = 0; j < n; j++) {
                q[j][col] = s * Math.cos(2 * Math.PI * k * j / n);
                q[j][col + 1] = s * Math.sin(2 * Math.PI * k * j / n);
            }
            lambda[col] = lam;
            lambda[col + 1] = lam;
            col += 2;
        }
        if (n % 2 == 0) {
            for (int j = 0; j < n; j++) {
                q[j][col] = (j % 2 == 0 ? 1.0 : -1.0) * s0;
            }
            lambda[col] = -4.0 / (dx * dx);
        }
        return q;
    }

    private double amplification(double lambda, int steps) {
        double r = (1.0 + 0.5 * dt * lambda) / (1.0 - 0.5 * dt * lambda);
        return Math.pow(r, steps);
    }

    /** u after {@code steps} Crank-Nicolson steps on a ring, by the spectral route. */
    public double[] solve1d(double[] u0, int steps) {
        int n = u0.length;
        if (n < 3 || steps < 0) {
            throw new IllegalArgumentException("1-D grid needs n >= 3 and steps >= 0, got n = " + n + ", steps = " + steps);
        }
        double[] lambda = new double[n];
        double[][] q = basis(n, lambda);
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            double c = 0;
            for (int j = 0; j < n; j++) {
                c += q[j][k] * u0[j];
            }
            c *= amplification(lambda[k], steps);
            for (int j = 0; j < n; j++) {
                out[j] += q[j][k] * c;
            }
        }
        return out;
    }

    /** u after {@code steps} Crank-Nicolson steps on an n x n periodic grid (row-major), spectral route. */
    public double[] solve2d(double[] u0, int n, int steps) {
        if (n < 3 || u0.length != n * n || steps < 0) {
            throw new IllegalArgumentException("2-D grid needs n >= 3, n*n values and steps >= 0; got n = " + n
                    + ", " + u0.length + " values, steps = " + steps);
        }
        double[] lambda = new double[n];
        double[][] q = basis(n, lambda);
        // C = Q^T U Q
        double[][] tmp = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int j = 0; j < n; j++) {
                double v = 0;
                for (int i = 0; i < n; i++) {
                    v += q[i][a] * u0[i * n + j];
                }
                tmp[a][j] = v;
            }
        }
        double[][] c = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double v = 0;
                for (int j = 0; j < n; j++) {
                    v += tmp[a][j] * q[j][b];
                }
                c[a][b] = v * amplification(lambda[a] + lambda[b], steps);
            }
        }
        // U = Q C Q^T
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < n; b++) {
                double v = 0;
                for (int a = 0; a < n; a++) {
                    v += q[i][a] * c[a][b];
                }
                tmp[i][b] = v;
            }
        }
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = 0;
                for (int b = 0; b < n; b++) {
                    v += tmp[i][b] * q[j][b];
                }
                out[i * n + j] = v;
            }
        }
        return out;
    }

    /**
     * The exact solution of u_t = u_xx on a ring of period L started from the periodised Gaussian
     * N(0, s0^2): sum_m N(x + m L; 0, s0^2 + 2t) (images summed until they fall below 1e-300).
     */
    public static double exactPeriodicGaussian(double x, double t, double s0, double period) {
        double var = s0 * s0 + 2 * t;
        double sum = 0;
        for (int m = 0; m < 1000; m++) {
            double a = gauss(x + m * period, var);
            double b = m == 0 ? 0 : gauss(x - m * period, var);
            sum += a + b;
            if (m > 0 && a + b < 1e-300) {
                break;
            }
        }
        return sum;
    }

    private static double gauss(double x, double var) {
        return Math.exp(-0.5 * x * x / var) / Math.sqrt(2 * Math.PI * var);
    }
}
