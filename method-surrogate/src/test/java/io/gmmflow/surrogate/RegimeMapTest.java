package io.gmmflow.surrogate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmmflow.api.Gaussian;
import io.gmmflow.api.Parameters;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RegimeMapTest {

    private static final Parameters NO_SPLIT = Parameters.of("splitWorkLimit", 0);

    @Test
    void modeRelativeGapIsMonotoneOnEachSideAndQuadraticAtZero() {
        double previous = Double.POSITIVE_INFINITY;
        for (double lambda = -0.999; lambda < -1e-3; lambda += 1e-3) {
            double r = RegimeMap.modeRelativeGap(lambda);
            assertThat(r).isLessThan(previous).isPositive();
            previous = r;
        }
        previous = 0;
        for (double lambda = 1e-3; lambda < 1e4; lambda *= 1.01) {
            double r = RegimeMap.modeRelativeGap(lambda);
            assertThat(r).isGreaterThan(previous);
            previous = r;
        }
        // r = lambda^2 / 48 + O(lambda^3), continuous across the series switch at 1e-4
        for (double lambda : new double[] {1e-3, -1e-3, 2e-4, 0.99e-4, 1.01e-4}) {
            assertThat(RegimeMap.modeRelativeGap(lambda) / (lambda * lambda / 48)).isCloseTo(1,
                    org.assertj.core.data.Offset.offset(Math.abs(lambda) * 2));
        }
        // Table II row 1: lambda = 3, gap 0.0397 on W2_cov = 1
        assertThat(RegimeMap.modeRelativeGap(3)).isCloseTo(0.75 * Math.log(4) - 1, org.assertj.core.data.Offset.offset(1e-15));
        double[] interval = RegimeMap.accurateInterval(0.05);
        assertThat(RegimeMap.modeRelativeGap(interval[0])).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(RegimeMap.modeRelativeGap(interval[1])).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(interval[0]).isBetween(-0.80, -0.78);
        assertThat(interval[1]).isBetween(3.7, 3.8);
    }

    /**
     * The rule's guarantee for commuting pairs: when it advises the surrogate, (C - W2^2) / W2_cov^2 <= tau
     * (the relative gap is a weighted mean of the per-mode r); and every commuting pair whose relative
     * gap exceeds tau is sent to the exact method.
     */
    @Test
    void commutingAdviceKeepsTheRelativeGapBelowTheTolerance() {
        SplittableRandom rng = new SplittableRandom(97);
        int surrogate = 0;
        int exact = 0;
        for (int trial = 0; trial < 2000; trial++) {
            int d = 1 + trial % 5;
            double[] a = rng.doubles(d, 0.1, 3).toArray();
            double[] lambda = rng.doubles(d, -0.95, 8).toArray();
            Gaussian[] p = TestPairs.commuting(a, lambda, rng);
            GapDiagnostics g = GapDiagnostics.of(p[0], p[1], NO_SPLIT);
            double relativeGap = g.gap() / (g.w2() - g.meanDistanceSquared());
            if (g.recommended().equals("surrogate")) {
                surrogate++;
                assertThat(relativeGap).isLessThanOrEqualTo(RegimeMap.DEFAULT_TOLERANCE * (1 + 1e-9));
            } else {
                exact++;
            }
            if (relativeGap > RegimeMap.DEFAULT_TOLERANCE) {
                assertThat(g.recommended()).isEqualTo("exact");
            }
        }
        assertThat(surrogate).isGreaterThan(100);
        assertThat(exact).isGreaterThan(100);
    }

    /** Our constructed Table II pairs get the method Section VII-A's reading gives their rows. */
    @Test
    void classifiesTheConstructedTableTwoRowsAsSectionSevenA() {
        for (TableTwo.Row row : TableTwo.rows()) {
            Gaussian[] p = row.pair();
            GapDiagnostics g = GapDiagnostics.of(p[0], p[1], NO_SPLIT);
            assertThat(g.recommended()).as("%s: %s", row.printed().name(), g.recommendation().reason())
                    .isEqualTo(row.expected());
        }
    }

    /** The constructed pairs match the printed indicators they were fitted to (kappa exact, the rest within 10%). */
    @Test
    void constructedRowsMatchThePrintedIndicators() {
        for (TableTwo.Row row : TableTwo.rows()) {
            TableTwo.Printed t = row.printed();
            Gaussian[] p = row.pair();
            GapDiagnostics g = GapDiagnostics.of(p[0], p[1], NO_SPLIT);
            String name = t.name();
            assertThat(g.dimension()).isEqualTo(t.dimension());
            assertThat(g.kappa()).as(name).isCloseTo(t.kappa(), org.assertj.core.data.Offset.offset(1e-6 * t.kappa()));
            assertThat(g.rhoHat()).as(name).isCloseTo(t.rhoHat(), org.assertj.core.data.Offset.offset(0.1 * t.rhoHat()));
            assertThat(g.deltaSigmaNorm()).as(name)
                    .isCloseTo(t.deltaSigmaNorm(), org.assertj.core.data.Offset.offset(0.1 * t.deltaSigmaNorm()));
            assertThat(g.comm()).as(name).isCloseTo(t.comm(), org.assertj.core.data.Offset.offset(0.01));
            assertThat(g.w2()).as(name).isCloseTo(t.w2(), org.assertj.core.data.Offset.offset(0.01 * t.w2()));
        }
    }

    @Test
    void eachRuleFiresWithItsReason() {
        double tau = RegimeMap.DEFAULT_TOLERANCE;
        Recommendation certified = RegimeMap.advise(-0.01, 0.02, 2, 0, 1e-6, 1e-3, tau);
        assertThat(certified.regime()).isEqualTo(Regime.CERTIFIED_LOCAL);
        assertThat(certified.reason()).contains("Theorem 2");
        Recommendation boundary = RegimeMap.advise(-0.95, 0.5, 2, 0.1, Double.NaN, 1, tau);
        assertThat(boundary.regime()).isEqualTo(Regime.NEAR_BOUNDARY);
        assertThat(boundary.method()).isEqualTo("exact");
        assertThat(boundary.reason()).contains("lambda_min = -0.950");
        Recommendation nonlocal = RegimeMap.advise(-0.5, 12, 2, 0, Double.NaN, 1, tau);
        assertThat(nonlocal.regime()).isEqualTo(Regime.NONLOCAL);
        assertThat(nonlocal.reason()).contains("lambda_max = 12.0");
        assertThat(RegimeMap.advise(-0.5, 2, 50, 0, Double.NaN, 1, tau).regime()).isEqualTo(Regime.COMMUTING);
        assertThat(RegimeMap.advise(-0.5, 2, 5, 0.7, Double.NaN, 1, tau).regime()).isEqualTo(Regime.STRONGLY_NON_COMMUTING);
        assertThat(RegimeMap.advise(-0.5, 2, 500, 0.2, Double.NaN, 1, tau).regime()).isEqualTo(Regime.ILL_CONDITIONED);
        Recommendation moderate = RegimeMap.advise(-0.5, 2, 9, 0.19, Double.NaN, 1, tau);
        assertThat(moderate.regime()).isEqualTo(Regime.MODERATELY_NON_COMMUTING);
        assertThat(moderate.method()).isEqualTo("surrogate");
        assertThat(moderate.reason()).contains("not guaranteed");
        // a bound that is too large does not certify; the spectrum then decides
        assertThat(RegimeMap.advise(-0.01, 0.02, 2, 0, 10, 1e-3, tau).regime()).isEqualTo(Regime.COMMUTING);
        assertThatThrownBy(() -> RegimeMap.advise(-1, 2, 1, 0, 0, 0, tau)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Recommendation("exact", Regime.COMMUTING, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
