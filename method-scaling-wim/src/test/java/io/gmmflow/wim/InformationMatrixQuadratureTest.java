package io.gmmflow.wim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The information-matrix quadrature validated independently of itself. */
class InformationMatrixQuadratureTest {

    private static double rel(double a, double b) {
        return Math.abs(a - b) / Math.abs(b);
    }

    /**
     * Reference values computed with mpmath 1.3.0 at 30 digits (mp.quad, tanh-sinh, breakpoints at the
     * means and around the crossing points; src/test/resources/mpmath_reference.py). Tolerance 1e-11
     * relative: the mpmath values carry 20+ digits, ours are requested to 1e-12.
     */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "0,1,2.5; 0.3,0.2,0.4; 0.2,0.5,0.3; W00=3.548829714147842259744326 W01=0.2040692976941383168887662 "
            + "W11=11.97027557164565489432151 F00=6.51714839486609541024133 F01=-1.8311078310535659396595 "
            + "F11=5.202547950711025869605809 B00=0.5319627862835099715632033 B01=0.4675035867986951884553593 "
            + "B12=0.9427966280018145930168163",
        "-1,0,2; 0.1,0.1,0.3; 0.2,0.5,0.3; W00=7098.100049156762563921112 W01=0.07787463624934039471068936 "
            + "W11=32144.04568665990661355879 F00=6.999992544192884818872288 F01=-1.999996524113010229289691 "
            + "F11=5.333328751805736092500469 B00=0.4908371011395321421576561 B01=0.5091628930766493958459949 "
            + "B12=1.476687171298337988803817",
        "0,1; 0.05,0.05; 0.3,0.7; W00=11289150604528804161.65388 F00=4.761904761904762118750346 "
            + "B00=0.4978817553490319907966371 B01=0.5021182446509680092033629",
    })
    void matchesMpmathReferenceValues(String means, String sigmas, String weights, String values) {
        Gmm1d m = new Gmm1d(parse(means), parse(sigmas), parse(weights));
        for (InformationMatrixQuadrature.Rule rule : InformationMatrixQuadrature.Rule.values()) {
            InformationMatrices im = InformationMatrixQuadrature.compute(m, rule, 1e-12);
            assertThat(im.converged()).isTrue();
            for (String kv : values.trim().split("\\s+")) {
                String key = kv.substring(0, kv.indexOf('='));
                double ref = Double.parseDouble(kv.substring(kv.indexOf('=') + 1));
                int i = key.charAt(1) - '0';
                int j = key.charAt(2) - '0';
                double got = switch (key.charAt(0)) {
                    case 'W' -> im.wasserstein()[i][j];
                    case 'F' -> im.fisher()[i][j];
                    default -> im.wassersteinThetaMu()[i][j];
                };
                assertThat(rel(got, ref)).as("%s %s", rule, key).isLessThan(1e-11);
                if (key.charAt(0) == 'F') {
                    assertThat(rel(im.fisherDirect()[i][j], ref)).as("direct %s", key).isLessThan(1e-11);
                }
            }
        }
    }

    private static double[] parse(String csv) {
        String[] s = csv.trim().split(",");
        double[] v = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            v[i] = Double.parseDouble(s[i]);
        }
        return v;
    }

    /**
     * Gauss-Kronrod against tanh-sinh on random models (N = 2..5, random gaps, sigmas, weights) for
     * sigma/d from 1 down to 0.05: every entry of every matrix agrees to 1e-10 relative (entries of G_W
     * relative to sqrt(G_ii G_jj), the Cauchy-Schwarz bound; of the theta-mu block to the gap).
     */
    @Test
    void twoRulesAgreeOnRandomModels() {
        SplittableRandom rnd = new SplittableRandom(20240604);
        for (int trial = 0; trial < 12; trial++) {
            int n = 2 + trial % 4;
            double[] mu = new double[n];
            double[] p = new double[n];
            double[] s = new double[n];
            double sum = 0;
            double scale = new double[] {1.0, 0.5, 0.2, 0.1, 0.05}[trial % 5];
            for (int i = 0; i < n; i++) {
                mu[i] = (i == 0 ? 0 : mu[i - 1] + 0.7 + 0.6 * rnd.nextDouble());
                s[i] = scale * (0.8 + 0.4 * rnd.nextDouble());
                p[i] = 0.1 + rnd.nextDouble();
                sum += p[i];
            }
            for (int i = 0; i < n; i++) {
                p[i] /= sum;
            }
            Gmm1d m = new Gmm1d(mu, s, p);
            InformationMatrices a = InformationMatrixQuadrature.compute(m, InformationMatrixQuadrature.Rule.GAUSS_KRONROD, 1e-12);
            InformationMatrices b = InformationMatrixQuadrature.compute(m, InformationMatrixQuadrature.Rule.TANH_SINH, 1e-12);
            assertThat(a.converged()).isTrue();
            assertThat(b.converged()).isTrue();
            double[][] la = a.logAbsWasserstein();
            double[][] lb = b.logAbsWasserstein();
            double[][] sa = a.signWasserstein();
            double[][] sb = b.signWasserstein();
            for (int i = 0; i < n - 1; i++) {
                for (int j = 0; j < n - 1; j++) {
                    // |a - b| / sqrt(G_ii G_jj), all in logs
                    double norm = 0.5 * (la[i][i] + la[j][j]);
                    double diff = Math.abs(sa[i][j] * Math.exp(la[i][j] - norm) - sb[i][j] * Math.exp(lb[i][j] - norm));
                    assertThat(diff).as("trial %d W(%d,%d)", trial, i, j).isLessThan(1e-10);
                    assertThat(Math.abs(a.fisher()[i][j] - b.fisher()[i][j]))
                            .isLessThan(1e-10 * Math.sqrt(a.fisher()[i][i] * a.fisher()[j][j]));
                }
                for (int j = 0; j < n; j++) {
                    assertThat(Math.abs(a.wassersteinThetaMu()[i][j] - b.wassersteinThetaMu()[i][j]))
                            .isLessThan(1e-10 * (mu[i + 1] - mu[i]));
                }
            }
        }
    }

    /**
     * For N = 2 and equal sigmas the diagonal has a closed-form asymptotic series whose remainder is
     * ~exp(-d^2/(8 sigma^2)) (ScalingLimits.homogeneousDiagonalSeries): at sigma/d <= 0.05 it is exact
     * to round-off, and the quadrature matches it to 1e-11 for sigma/d from 0.05 to 0.002 (where G_W
     * itself is exp(31250) and cannot be a double).
     */
    @Test
    void matchesTheClosedFormSeriesAsSigmaShrinks() {
        for (double[] p : new double[][] {{0.5, 0.5}, {0.3, 0.7}, {0.05, 0.95}}) {
            for (double s : new double[] {0.05, 0.03, 0.01, 0.005, 0.002}) {
                InformationMatrices im = InformationMatrixQuadrature.compute(Gmm1d.of(new double[] {0, 1}, s, p));
                double scaled = im.wassersteinScaled()[0][0] * Math.sqrt(p[0] * p[1]);
                double series = ScalingLimits.homogeneousDiagonalSeries(p[0], p[1], s, 24);
                // exp(log G - log K) with log K = 1/(8 s^2) up to 31250: its ulp (3.6e-12 at 31250) limits
                // the relative accuracy, so the tolerance grows with it
                double tol = 1e-12 + 8 * Math.ulp(1 / (8 * s * s));
                assertThat(rel(scaled, series)).as("p %s sigma %s", p[0], s).isLessThan(tol);
            }
        }
    }

    /** Exact identities: sum_b p_b M_ab = 1, sum_j (theta-mu)_ij = mu_{i+1} - mu_i, fisher = fisherDirect. */
    @Test
    void exactIdentitiesHold() {
        double[] mu = {-1, 0, 1.2, 3};
        double[] p = {0.1, 0.4, 0.3, 0.2};
        for (double s : new double[] {0.8, 0.3, 0.1, 0.02}) {
            Gmm1d m = new Gmm1d(mu, new double[] {s, 1.5 * s, s, 0.7 * s}, p);
            InformationMatrices im = InformationMatrixQuadrature.compute(m);
            double[][] mm = im.densityProducts();
            for (int a = 0; a < 4; a++) {
                double sum = 0;
                for (int b = 0; b < 4; b++) {
                    sum += p[b] * mm[a][b];
                }
                assertThat(sum).as("sum_b p_b M_%d,b at sigma %s", a, s).isCloseTo(1.0, offset(1e-12));
            }
            double[][] b = im.wassersteinThetaMu();
            for (int i = 0; i < 3; i++) {
                double sum = 0;
                for (int j = 0; j < 4; j++) {
                    sum += b[i][j];
                }
                assertThat(sum).isCloseTo(mu[i + 1] - mu[i], offset(1e-12));
                for (int j = 0; j < 3; j++) {
                    assertThat(Math.abs(im.fisher()[i][j] - im.fisherDirect()[i][j]))
                            .isLessThan(1e-12 * im.fisher()[i][i]);
                }
            }
        }
    }

    /**
     * Small sigma: G_W overflows (wasserstein() infinite, wassersteinOrNull null), G_W / K stays finite
     * and close to its limit; off-diagonal G_W stays representable.
     */
    @Test
    void overflowIsReportedNotHidden() {
        double[] p = {0.2, 0.5, 0.3};
        InformationMatrices im = InformationMatrixQuadrature.compute(Gmm1d.of(new double[] {0, 1, 2}, 0.01, p));
        assertThat(im.logScale()).isGreaterThan(709);
        assertThat(im.wasserstein()[0][0]).isInfinite();
        assertThat(im.wassersteinOrNull(0, 0)).isNull();
        assertThat(im.wassersteinOrNull(0, 1)).isNotNull();
        // ~ (sigma^2/p_2) 2 log(d/(2 sigma)) = 1.6e-3: the logarithmic growth of Proposition 1's off-diagonal
        assertThat(im.wassersteinOrNull(0, 1)).isPositive().isLessThan(5e-3);
        double[][] scaled = im.wassersteinScaled();
        double[][] lim = im.wassersteinLimit();
        for (int i = 0; i < 2; i++) {
            double c = ScalingLimits.secondOrderCoefficient(p[i], p[i + 1]);
            assertThat(scaled[i][i] / lim[i][i]).isCloseTo(1 + c * 1e-4, offset(1e-6));
        }
        assertThat(im.converged()).isTrue();
    }

    @Test
    void badTolerance() {
        Gmm1d m = Gmm1d.of(new double[] {0, 1}, 0.1, new double[] {0.5, 0.5});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InformationMatrixQuadrature.compute(m,
                InformationMatrixQuadrature.Rule.GAUSS_KRONROD, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tolerance");
    }
}
