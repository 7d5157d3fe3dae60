package io.gmmflow.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Parameters;
import io.gmmflow.core.testplugins.TranslationFlow;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * MixtureFlow against direct evaluation, with the test-only {@link TranslationFlow} (components of
 * one covariance, paths that translate the mean at unit speed, field dmu: it satisfies the
 * continuity equation exactly), so the mixing logic is checked independently of any method plugin.
 */
class MixtureFlowTest {

    /**
     * A mixture whose components all share one covariance, diag(0.3 .. 2) drawn from a seed fixed by
     * d, so that any two mixtures of one dimension can be joined by the translation flow.
     */
    static GaussianMixture mixture(int k, int d, SplittableRandom rng) {
        double[] var = new SplittableRandom(d).doubles(d, 0.3, 2).toArray();
        double[] w = new double[k];
        Gaussian[] comps = new Gaussian[k];
        double total = 0;
        for (int i = 0; i < k; i++) {
            w[i] = rng.nextDouble(0.2, 1);
            total += w[i];
            comps[i] = Gaussian.diagonal(rng.doubles(d, -3, 3).toArray(), var);
        }
        for (int i = 0; i < k; i++) {
            w[i] /= total;
        }
        return GaussianMixture.of(w, List.of(comps));
    }

    static double[][] productPlan(GaussianMixture a, GaussianMixture b) {
        double[][] plan = new double[a.size()][b.size()];
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                plan[i][j] = a.weight(i) * b.weight(j);
            }
        }
        return plan;
    }

    @Test
    void fieldIsTheResponsibilityWeightedAverageAndDensityTheMixture() {
        SplittableRandom rng = new SplittableRandom(1);
        int d = 3;
        GaussianMixture a = mixture(3, d, rng);
        GaussianMixture b = mixture(4, d, rng);
        double[][] plan = productPlan(a, b);
        plan[0][1] = 0; // a skipped pair
        MixtureFlow flow = MixtureFlow.of(a, b, plan, new TranslationFlow(), Parameters.empty(), 0);
        assertThat(flow.pairCount()).isEqualTo(11);
        double t = 0.37;
        int n = 300; // spans several chunks
        double[] pts = rng.doubles((long) n * d, -4, 4).toArray();
        double[] u = new double[n * d];
        double[] logRho = new double[n];
        flow.evaluate(t, pts, 0, n, u);
        flow.logDensity(t, pts, 0, n, logRho);
        for (int p = 0; p < n; p++) {
            double[] x = java.util.Arrays.copyOfRange(pts, p * d, p * d + d);
            double rho = 0;
            double[] num = new double[d];
            for (int i = 0; i < a.size(); i++) {
                for (int j = 0; j < b.size(); j++) {
                    if (plan[i][j] == 0) {
                        continue;
                    }
                    double[] m = new double[d];
                    for (int k = 0; k < d; k++) {
                        m[k] = a.component(i).mean(k) + t * (b.component(j).mean(k) - a.component(i).mean(k));
                    }
                    double dens = plan[i][j] * Math.exp(Gaussian.diagonal(m, a.component(i).variances()).logDensity(x));
                    rho += dens;
                    for (int k = 0; k < d; k++) {
                        num[k] += dens * (b.component(j).mean(k) - a.component(i).mean(k));
                    }
                }
            }
            assertThat(logRho[p]).isCloseTo(Math.log(rho), within(1e-12 * Math.abs(Math.log(rho)) + 1e-13));
            for (int k = 0; k < d; k++) {
                assertThat(u[p * d + k]).isCloseTo(num[k] / rho, within(1e-12));
            }
        }
        // Sub-ranges give bit-identical values (no dependence on chunking or threads).
        double[] u2 = new double[n * d];
        flow.evaluate(t, pts, 0, 130, u2);
        flow.evaluate(t, pts, 130, n, u2);
        assertThat(u2).containsExactly(u);
    }

    @Test
    void continuityEquationHoldsForTheMixtureIn1D() {
        // d/dt rho + d/dx (rho u) = 0 by central differences: the mixing of pair fields preserves it.
        SplittableRandom rng = new SplittableRandom(2);
        GaussianMixture a = mixture(3, 1, rng);
        GaussianMixture b = mixture(2, 1, rng);
        MixtureFlow flow = MixtureFlow.of(a, b, productPlan(a, b), new TranslationFlow(), Parameters.empty(), 0);
        double h = 1e-4;
        for (int trial = 0; trial < 50; trial++) {
            double t = rng.nextDouble(0.05, 0.95);
            double x = rng.nextDouble(-3, 3);
            double dRhoDt = (rho(flow, t + h, x) - rho(flow, t - h, x)) / (2 * h);
            double dFluxDx = (rho(flow, t, x + h) * u(flow, t, x + h) - rho(flow, t, x - h) * u(flow, t, x - h)) / (2 * h);
            double scale = Math.abs(dRhoDt) + Math.abs(dFluxDx) + 1e-12;
            // central differences have error O(h^2) ~ 1e-8 relative; 1e-6 leaves room for round-off (eps / h ~ 1e-12).
            assertThat(Math.abs(dRhoDt + dFluxDx) / scale).isLessThan(1e-6);
        }
    }

    static double rho(MixtureFlow f, double t, double x) {
        double[] out = new double[1];
        f.logDensity(t, new double[] {x}, 0, 1, out);
        return Math.exp(out[0]);
    }

    static double u(MixtureFlow f, double t, double x) {
        return f.velocity(t, new double[] {x})[0];
    }

    @Test
    void staysFiniteFarFromEveryComponentInHighDimension() {
        // In d = 200 raw densities underflow to 0 at distance ~40; the log domain keeps the field finite.
        SplittableRandom rng = new SplittableRandom(3);
        GaussianMixture a = mixture(2, 200, rng);
        GaussianMixture b = mixture(2, 200, rng);
        MixtureFlow flow = MixtureFlow.of(a, b, productPlan(a, b), new TranslationFlow(), Parameters.empty(), 0);
        double[] x = new double[200];
        java.util.Arrays.fill(x, 50);
        double[] v = flow.velocity(0.5, x);
        for (double c : v) {
            assertThat(c).isFinite();
        }
        double[] logRho = new double[1];
        flow.logDensity(0.5, x, 0, 1, logRho);
        assertThat(logRho[0]).isFinite().isLessThan(-1e4);
    }

    @Test
    void rejectsBadPlans() {
        SplittableRandom rng = new SplittableRandom(4);
        GaussianMixture a = mixture(2, 2, rng);
        GaussianMixture b = mixture(3, 2, rng);
        TranslationFlow f = new TranslationFlow();
        assertThatThrownBy(() -> MixtureFlow.of(a, b, new double[2][2], f, Parameters.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plan row 0 has 2 entries but the target has 3");
        double[][] neg = productPlan(a, b);
        neg[1][2] = -0.1;
        assertThatThrownBy(() -> MixtureFlow.of(a, b, neg, f, Parameters.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plan entry (1, 2)");
        assertThatThrownBy(() -> MixtureFlow.of(a, b, new double[2][3], f, Parameters.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no entry above the prune threshold");
        GaussianMixture other = mixture(3, 3, rng);
        assertThatThrownBy(() -> MixtureFlow.of(a, other, new double[2][3], f, Parameters.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
    }
}
