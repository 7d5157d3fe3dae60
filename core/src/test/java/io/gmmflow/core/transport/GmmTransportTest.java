package io.gmmflow.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.SolverStatus;
import io.gmmflow.core.registry.PluginRegistry;
import io.gmmflow.linalg.RandomMatrices;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End to end (seed 000 Algorithm 1 through the facade, with the real plugins found by
 * ServiceLoader): pushed samples of rho_0 must be distributed as rho_1 (DESIGN.md section 3).
 */
class GmmTransportTest {

    static final PluginRegistry REGISTRY = PluginRegistry.fromServiceLoader();

    static GaussianMixture randomMixture(int k, int d, double spread, SplittableRandom rng) {
        double[] w = new double[k];
        double total = 0;
        List<Gaussian> comps = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            w[i] = rng.nextDouble(0.3, 1);
            total += w[i];
            double[] mean = rng.doubles(d, -spread, spread).toArray();
            comps.add(Gaussian.ofFlat(mean, RandomMatrices.spd(d, 4, rng.nextDouble(0.2, 0.6), rng)));
        }
        for (int i = 0; i < k; i++) {
            w[i] /= total;
        }
        return GaussianMixture.of(w, comps);
    }

    static Stream<Arguments> cases() {
        // (method, K0, K1, d, seed); every method that has a component flow in the registry.
        List<Arguments> list = new ArrayList<>();
        for (String method : new String[] {"surrogate", "exact"}) {
            if (!REGISTRY.names(io.gmmflow.core.registry.PluginKind.TRANSPORT_METHOD).contains(method)) {
                continue;
            }
            list.add(Arguments.of(method, 2, 3, 1, 11L));
            list.add(Arguments.of(method, 3, 2, 2, 12L));
            list.add(Arguments.of(method, 6, 4, 5, 13L));
            list.add(Arguments.of(method, 4, 6, 10, 14L));
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0}: K0={1}, K1={2}, d={3}")
    @MethodSource("cases")
    void pushedSamplesAreDistributedAsTheTarget(String method, int k0, int k1, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        GaussianMixture source = randomMixture(k0, d, 3, rng);
        GaussianMixture target = randomMixture(k1, d, 3, rng);
        TransportPlan plan = GmmTransport.builder(REGISTRY).method(method).build().plan(source, target);
        assertThat(plan.coupling().status()).isEqualTo(SolverStatus.CONVERGED);
        int n = 5000;
        double[][] xs = source.sample(n, seed + 100);
        double[][] pushed = plan.push(xs, "rk4", Parameters.of("steps", 40));
        double[][] fresh = target.sample(n, seed + 200);
        // The linear-time MMD test at the 1% level does not reject pushed vs fresh target samples ...
        double z = TwoSampleTest.mmdZ(pushed, fresh);
        assertThat(z).as("MMD z of pushed vs target").isLessThan(TwoSampleTest.Z_99);
        // ... and does reject the source against the target (the test has power here).
        assertThat(TwoSampleTest.mmdZ(xs, fresh)).as("MMD z of source vs target").isGreaterThan(TwoSampleTest.Z_99);
        // Weight per target component: E_{y ~ rho_1}[b_j N(y|j) / rho_1(y)] = b_j exactly, so the mean
        // posterior over the pushed cloud must match b within 4 standard errors.
        double[] sum = new double[k1];
        double[] sumSq = new double[k1];
        for (double[] y : pushed) {
            double logRho = target.logDensity(y);
            for (int j = 0; j < k1; j++) {
                double post = Math.exp(Math.log(target.weight(j)) + target.component(j).logDensity(y) - logRho);
                sum[j] += post;
                sumSq[j] += post * post;
            }
        }
        for (int j = 0; j < k1; j++) {
            double mean = sum[j] / n;
            double se = Math.sqrt(Math.max(sumSq[j] / n - mean * mean, 1e-12) / n);
            assertThat(Math.abs(mean - target.weight(j))).as("weight of target component %d", j)
                    .isLessThan(4 * se + 1e-3);
        }
    }

    @Test
    void surrogateCarriesOneGaussianOntoAnother() {
        SplittableRandom rng = new SplittableRandom(5);
        int d = 3;
        Gaussian g0 = Gaussian.ofFlat(new double[] {0, 1, -1}, RandomMatrices.spd(d, 5, 1, rng));
        Gaussian g1 = Gaussian.ofFlat(new double[] {2, 0, 3}, RandomMatrices.spd(d, 5, 0.5, rng));
        TransportPlan plan = GmmTransport.builder(REGISTRY).method("surrogate").build()
                .plan(GaussianMixture.of(g0), GaussianMixture.of(g1));
        int n = 20000;
        double[][] pushed = plan.push(g0.sample(n, 9L), "rk4", Parameters.of("steps", 40));
        double[] mean = new double[d];
        for (double[] y : pushed) {
            for (int k = 0; k < d; k++) {
                mean[k] += y[k] / n;
            }
        }
        double[][] cov = new double[d][d];
        for (double[] y : pushed) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[a][b] += (y[a] - mean[a]) * (y[b] - mean[b]) / (n - 1);
                }
            }
        }
        double[][] s1 = g1.covariance();
        for (int a = 0; a < d; a++) {
            // mean: 5 standard errors sqrt(S_aa / n)
            assertThat(Math.abs(mean[a] - g1.mean(a))).isLessThan(5 * Math.sqrt(s1[a][a] / n));
            for (int b = 0; b < d; b++) {
                // covariance entry: 5 standard errors sqrt((S_aa S_bb + S_ab^2) / n)
                double se = Math.sqrt((s1[a][a] * s1[b][b] + s1[a][b] * s1[a][b]) / n);
                assertThat(Math.abs(cov[a][b] - s1[a][b])).isLessThan(5 * se);
            }
        }
        // The mixture cost of one pair is the pair cost.
        assertThat(plan.mixtureCost()).isEqualTo(plan.costs()[0][0]);
    }

    @Test
    void composesPluginsAndRejectsUnknownNames() {
        GmmTransport t = GmmTransport.builder(REGISTRY).cost("surrogate").solver("emd").flow("linear").build();
        assertThat(t.methodName()).isNull();
        SplittableRandom rng = new SplittableRandom(6);
        GaussianMixture a = randomMixture(3, 2, 2, rng);
        GaussianMixture b = randomMixture(3, 2, 2, rng);
        TransportPlan plan = t.plan(a, b);
        // An exact plan has at most K0 + K1 - 1 non-zeros.
        long nonZeros = java.util.Arrays.stream(plan.coupling().plan()).flatMapToDouble(java.util.Arrays::stream)
                .filter(v -> v > 0).count();
        assertThat(nonZeros).isLessThanOrEqualTo(5);
        assertThat(plan.flow().pairCount()).isEqualTo((int) nonZeros);
        // Parameters laid over the method's: a larger epsilon gives a more diffuse plan.
        TransportPlan diffuse = GmmTransport.builder(REGISTRY).method("surrogate")
                .solverParameters(Parameters.of("epsilon", 50.0)).build().plan(a, b);
        assertThat(diffuse.coupling().plan()[0][0]).isGreaterThan(0.01);
        assertThatThrownBy(() -> GmmTransport.builder(REGISTRY).method("teleport"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("teleport").hasMessageContaining("surrogate");
        assertThatThrownBy(() -> GmmTransport.builder(REGISTRY).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("choose a method");
        assertThatThrownBy(() -> plan.push(new double[][] {{1, 2, 3}}, "rk4", Parameters.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("point 0 has dimension 3");
        assertThatThrownBy(() -> plan.push(new double[][] {{1, 2}}, "leapfrog", Parameters.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leapfrog");
        assertThatThrownBy(() -> t.plan(a, randomMixture(2, 3, 1, rng)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
    }
}
