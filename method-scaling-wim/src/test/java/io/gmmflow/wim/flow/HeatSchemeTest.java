package io.gmmflow.wim.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.gmmflow.api.Parameters;
import org.junit.jupiter.api.Test;

/**
 * The parametric heat schemes (eq. 63, 56) against Crank-Nicolson on the seed's setting: nodes
 * mu_i = i dx, i = -n..n on [-5, 5] treated as a ring of 2n+1 nodes, Gaussian start p_i = phi(mu_i)
 * (eq. 62), dt = 0.001 at dx = 0.1; refinement keeps dt / dx^2 = 0.1.
 */
class HeatSchemeTest {

    static double[] gaussianStart1d(double dx) {
        int n = (int) Math.round(5.0 / dx);
        double[] p = new double[2 * n + 1];
        for (int i = -n; i <= n; i++) {
            double x = i * dx;
            p[i + n] = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
        }
        return p;
    }

    static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /** Mass to round-off, positivity, and the seed-parameter error against Crank-Nicolson. */
    @Test
    void seedParameters1d() {
        double dx = 0.1;
        double dt = 0.001;
        double[] p0 = gaussianStart1d(dx);
        HeatScheme.Run run = new HeatScheme(dx, dt).run1d(p0, 1000);
        assertThat(run.positive()).isTrue();
        assertThat(run.minimum()).isPositive();
        // 1000 steps, each adding ~1e-16 relative round-off to the sum
        assertThat(run.massDrift()).isLessThan(1e-13);
        double[] cn = new CrankNicolsonHeat(dx, dt).solve1d(p0, 1000);
        double err = maxAbsDiff(run.state(), cn);
        // measured 3.0e-5 at t = 1 (peak value 0.23): the two schemes differ at O(dx^2) + O(dt)
        assertThat(err).isLessThan(5e-5).isGreaterThan(1e-6);
    }

    /** The error against Crank-Nicolson shrinks under refinement, by ~4 per halving of dx (dt ~ dx^2). */
    @Test
    void errorShrinksUnderRefinement() {
        double prev = Double.NaN;
        for (double dx : new double[] {0.2, 0.1, 0.05}) {
            double dt = 0.1 * dx * dx;
            int steps = (int) Math.round(0.5 / dt);
            double[] p0 = gaussianStart1d(dx);
            double[] sw = new HeatScheme(dx, dt).run1d(p0, steps).state();
            double[] cn = new CrankNicolsonHeat(dx, dt).solve1d(p0, steps);
            double err = maxAbsDiff(sw, cn);
            if (!Double.isNaN(prev)) {
                assertThat(prev / err).as("dx = %s", dx).isBetween(3.5, 4.5);
            }
            prev = err;
        }
    }

    /** One scheme step is one Euler step of the entropy flow on a ring with rate 1/dx^2 (the plugin). */
    @Test
    void schemeIsEulerOnTheEntropyFlow() {
        double dx = 0.1;
        double dt = 0.001;
        double[] p0 = gaussianStart1d(dx);
        SimplexGradientFlow flow = new SimplexGradientFlow(Energies.entropy(p0.length), 1 / (dx * dx), true);
        double[] euler = Integrators.named("euler").integrate(flow, 0, 10 * dt, p0, Parameters.of("steps", 10)).endPoints();
        double[] scheme = new HeatScheme(dx, dt).run1d(p0, 10).state();
        assertThat(maxAbsDiff(euler, scheme)).isLessThan(1e-15);
    }

    /** The two Crank-Nicolson routes agree, and CN converges to the exact periodic heat kernel. */
    @Test
    void crankNicolsonIsRight() {
        double dx = 0.1;
        double dt = 0.001;
        double[] u = gaussianStart1d(dx);
        CrankNicolsonHeat cn = new CrankNicolsonHeat(dx, dt);
        double[] stepped = u.clone();
        for (int s = 0; s < 200; s++) {
            stepped = cn.step1d(stepped);
        }
        assertThat(maxAbsDiff(stepped, cn.solve1d(u, 200))).isLessThan(1e-14);
        double prev = Double.NaN;
        for (double h : new double[] {0.2, 0.1, 0.05}) {
            int n = (int) Math.round(5.0 / h);
            int nodes = 2 * n + 1;
            double period = nodes * h;
            double[] u0 = new double[nodes];
            double[] exact = new double[nodes];
            for (int i = 0; i < nodes; i++) {
                double x = (i - n) * h;
                u0[i] = CrankNicolsonHeat.exactPeriodicGaussian(x, 0, 1, period);
                exact[i] = CrankNicolsonHeat.exactPeriodicGaussian(x, 0.5, 1, period);
            }
            double k = 0.5 * h; // dt ~ dx keeps CN's second order in both
            double[] num = new CrankNicolsonHeat(h, k).solve1d(u0, (int) Math.round(0.5 / k));
            double err = maxAbsDiff(num, exact);
            if (!Double.isNaN(prev)) {
                assertThat(prev / err).isBetween(3.5, 4.5);
            }
            prev = err;
        }
    }

    /** 2-D (eq. 56): mass, positivity, and error against 2-D Crank-Nicolson shrinking under refinement. */
    @Test
    void scheme2d() {
        double prev = Double.NaN;
        for (double dx : new double[] {0.4, 0.2}) {
            double dt = 0.1 * dx * dx;
            int n = (int) Math.round(5.0 / dx);
            int m = 2 * n + 1;
            double[] p0 = new double[m * m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    double x = (i - n) * dx;
                    double y = (j - n) * dx;
                    p0[i * m + j] = Math.exp(-0.5 * (x * x + y * y)) / (2 * Math.PI);
                }
            }
            int steps = (int) Math.round(0.25 / dt);
            HeatScheme.Run run = new HeatScheme(dx, dt).run2d(p0, m, steps);
            assertThat(run.positive()).isTrue();
            assertThat(run.massDrift()).isLessThan(1e-13);
            double[] cn = new CrankNicolsonHeat(dx, dt).solve2d(p0, m, steps);
            double err = maxAbsDiff(run.state(), cn);
            if (!Double.isNaN(prev)) {
                assertThat(prev / err).isBetween(3.0, 5.0);
            }
            prev = err;
        }
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> new HeatScheme(0, 0.1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dx");
        assertThatThrownBy(() -> new HeatScheme(0.1, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dt");
        assertThatThrownBy(() -> new HeatScheme(0.1, 0.001).run1d(new double[] {1, 0, 1}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("state value 1");
        assertThat(new CrankNicolsonHeat(0.1, 0.001).solve1d(new double[] {1, 2, 3}, 0)).containsExactly(
                new double[] {1, 2, 3}, offset(1e-15));
    }
}
