package io.gmmflow.wim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogQuadratureTest {

    /** The hard-coded QUADPACK constants: Kronrod exact to degree 31, embedded Gauss to degree 19. */
    @Test
    void kronrodAndGaussRulesAreExactForTheirDegrees() {
        double[] x = LogQuadrature.kronrodNodes();
        double[] wk = LogQuadrature.kronrodWeights(false);
        double[] wg = LogQuadrature.kronrodWeights(true);
        for (int deg = 0; deg <= 31; deg++) {
            double exact = deg % 2 == 1 ? 0.0 : 2.0 / (deg + 1);
            double k = 0;
            double g = 0;
            for (int i = 0; i < 21; i++) {
                double v = Math.pow(x[i], deg);
                k += wk[i] * v;
                g += wg[i] * v;
            }
            assertThat(Math.abs(k - exact)).as("Kronrod, degree %d", deg).isLessThan(1e-15);
            if (deg <= 19) {
                assertThat(Math.abs(g - exact)).as("Gauss, degree %d", deg).isLessThan(1e-15);
            }
        }
        // degree 20 must not be exact for the 10-point Gauss rule (otherwise the error estimate is blind)
        double g20 = 0;
        for (int i = 0; i < 21; i++) {
            g20 += wg[i] * Math.pow(x[i], 20);
        }
        assertThat(Math.abs(g20 - 2.0 / 21)).isGreaterThan(1e-8);
    }

    /**
     * A Gaussian of height e^2000 (overflows any double) and width 0.01 on [-1, 1]: its integral is
     * e^2000 sqrt(2 pi) 0.01 (the cut tails are below e^-5000), so the log is known exactly. A second
     * component cos(x) (sign-changing beyond pi/2 on [-3, 3]) checks signs: int_{-3}^{3} cos = 2 sin 3.
     */
    @Test
    void bothRulesIntegrateOverflowingAndSignedIntegrands() {
        LogQuadrature.LogIntegrand f = new LogQuadrature.LogIntegrand() {
            @Override
            public int size() {
                return 2;
            }

            @Override
            public void evaluate(double x, double[] logAbs, double[] sign) {
                logAbs[0] = 2000.0 - x * x / (2 * 1e-4);
                sign[0] = 1;
                double c = Math.cos(x);
                logAbs[1] = Math.log(Math.abs(c));
                sign[1] = Math.signum(c);
            }
        };
        double[] bp = {-3, -1, 0, 1, 3};
        double expectedLog0 = 2000.0 + Math.log(Math.sqrt(2 * Math.PI) * 0.01);
        double expected1 = 2 * Math.sin(3.0);
        for (LogQuadrature.Result r : new LogQuadrature.Result[] {
            LogQuadrature.gaussKronrod(f, bp, 1e-13, 1000), LogQuadrature.tanhSinh(f, bp, 1e-13, 12)}) {
            assertThat(r.converged()).isTrue();
            assertThat(Math.abs(r.logAbs()[0] - expectedLog0)).isLessThan(1e-12);
            assertThat(Math.abs(r.value(1) - expected1)).isLessThan(1e-13);
        }
    }

    @Test
    void badBreakpointsAreRejected() {
        LogQuadrature.LogIntegrand f = new LogQuadrature.LogIntegrand() {
            @Override
            public int size() {
                return 1;
            }

            @Override
            public void evaluate(double x, double[] logAbs, double[] sign) {
                logAbs[0] = 0;
                sign[0] = 1;
            }
        };
        assertThatThrownBy(() -> LogQuadrature.gaussKronrod(f, new double[] {0, 1, 1}, 1e-10, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("breakpoint 2");
        assertThatThrownBy(() -> LogQuadrature.tanhSinh(f, new double[] {0, 1}, 0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tolerance");
    }
}
