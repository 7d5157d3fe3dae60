package io.gmmflow.exact.mixture;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmmflow.api.SolverStatus;
import org.junit.jupiter.api.Test;

class GaussKronrodTest {

    @Test
    void kronrodRuleIsExactForPolynomialsUpToDegree22() {
        for (int k = 0; k <= 22; k++) {
            int kk = k;
            GaussKronrod.Result r = GaussKronrod.integrate(x -> Math.pow(x, kk), 0, 1, 1, 1e300, 0, 1);
            assertThat(r.value()).as("x^%d", k).isCloseTo(1.0 / (k + 1), org.assertj.core.data.Offset.offset(1e-15));
        }
        // The embedded 7-point Gauss rule is exact to degree 13, so the error estimate vanishes there.
        GaussKronrod.Result r13 = GaussKronrod.integrate(x -> Math.pow(x, 13), 0, 1, 1, 1e300, 0, 1);
        assertThat(r13.error()).isLessThan(1e-15);
        GaussKronrod.Result r20 = GaussKronrod.integrate(x -> Math.pow(x, 20), 0, 1, 1, 1e300, 0, 1);
        assertThat(r20.error()).isGreaterThan(1e-6);
    }

    @Test
    void adaptiveRefinementResolvesASteepStep() {
        // int_{-0.7}^{1} (1 + tanh(200 (x - 0.1))) dx = 1.7 + (log cosh 180 - log cosh 160) / 200 = 1.8
        // (to 1e-139). The step is placed off-centre: a symmetric split would hide it from both rules.
        GaussKronrod.Result r = GaussKronrod.integrate(x -> 1 + Math.tanh(200 * (x - 0.1)), -0.7, 1, 3, 1e-14, 1e-13, 1000);
        assertThat(r.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(r.value()).isCloseTo(1.8, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.intervals()).isGreaterThan(3);
        // Gaussian integral over [-12, 12]: sqrt(2 pi) (1 - erfc(12 / sqrt 2)) = sqrt(2 pi) to 1e-32.
        GaussKronrod.Result g = GaussKronrod.integrate(x -> Math.exp(-0.5 * x * x), -12, 12, 24, 1e-15, 1e-14, 1000);
        assertThat(g.value()).isCloseTo(Math.sqrt(2 * Math.PI), org.assertj.core.data.Offset.offset(1e-13));
    }

    @Test
    void anIntervalBudgetTooSmallIsReportedNotHidden() {
        GaussKronrod.Result r = GaussKronrod.integrate(x -> 1 + Math.tanh(1e4 * (x - 0.1)), -0.7, 1, 1, 1e-14, 1e-14, 4);
        assertThat(r.status()).isEqualTo(SolverStatus.MAX_ITERATIONS);
        assertThat(r.error()).isGreaterThan(1e-14);
    }
}
