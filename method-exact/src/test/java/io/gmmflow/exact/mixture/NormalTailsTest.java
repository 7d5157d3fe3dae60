package io.gmmflow.exact.mixture;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class NormalTailsTest {

    private static final MathContext MC = new MathContext(90);
    private static final BigDecimal PI = new BigDecimal(
            "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803");

    /**
     * erfc(x) = 1 - (2 / sqrt(pi)) sum_n (-1)^n x^(2n+1) / (n! (2n+1)) in 90-digit arithmetic: the
     * alternating series loses about x^2 / ln 10 digits to cancellation (16 at x = 6), leaving
     * more than 60 correct digits. An independent route from the code under test.
     */
    static double erfcReference(double xd) {
        BigDecimal x = new BigDecimal(xd);
        BigDecimal x2 = x.multiply(x, MC);
        BigDecimal term = x;             // (-1)^n x^(2n+1) / n!
        BigDecimal sum = x;
        for (int n = 1; n < 2000; n++) {
            term = term.multiply(x2, MC).divide(BigDecimal.valueOf(-n), MC);
            BigDecimal add = term.divide(BigDecimal.valueOf(2L * n + 1), MC);
            sum = sum.add(add, MC);
            if (add.abs().compareTo(new BigDecimal("1e-80")) < 0) {
                break;
            }
        }
        BigDecimal erf = sum.multiply(BigDecimal.valueOf(2), MC).divide(PI.sqrt(MC), MC);
        return BigDecimal.ONE.subtract(erf, MC).doubleValue();
    }

    @Test
    void erfcIsAccurateTo1e14RelativeOnBothSidesOfTheSwitch() {
        double worst = 0;
        for (double x = 0; x <= 6.0; x += 0.0625) {
            double ref = erfcReference(x);
            double rel = Math.abs(NormalTails.erfc(x) - ref) / ref;
            worst = Math.max(worst, rel);
            assertThat(rel).as("x = %s", x).isLessThanOrEqualTo(2e-15 * (1 + x));
            double refNeg = 2 - ref;
            assertThat(Math.abs(NormalTails.erfc(-x) - refNeg)).isLessThanOrEqualTo(4e-16 * refNeg);
        }
        assertThat(worst).isLessThan(1.5e-14);
    }

    @Test
    void farTailsAgainstPublishedValues() {
        // erfc(10) = 2.0884875837625447570007862949577886e-45, erfc(20) = 5.3958656116079009289e-176
        // (Abramowitz-Stegun / DLMF tables; 20-digit values).
        assertThat(NormalTails.erfc(10)).isCloseTo(2.0884875837625447570e-45, org.assertj.core.data.Offset.offset(1e-59));
        assertThat(NormalTails.erfc(20) / 5.3958656116079009289e-176).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-13));
        assertThat(NormalTails.erfc(30)).isZero();
        assertThat(NormalTails.erfc(-30)).isEqualTo(2);
    }

    @Test
    void cdfAndSurvivalAreMirrorImagesWithRelativeAccuracyInTheTails() {
        for (double z = -12; z <= 12; z += 0.25) {
            assertThat(NormalTails.cdf(z)).isEqualTo(NormalTails.survival(-z));
            double sum = NormalTails.cdf(z) + NormalTails.survival(z);
            assertThat(sum).isCloseTo(1, org.assertj.core.data.Offset.offset(4e-16));
        }
        // Phi(-10) = 7.6198530241604696e-24 (1/2 erfc(10 / sqrt 2)).
        assertThat(NormalTails.cdf(-10) / 7.6198530241604696e-24).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-13));
        assertThat(NormalTails.density(0)).isEqualTo(1 / Math.sqrt(2 * Math.PI));
    }
}
