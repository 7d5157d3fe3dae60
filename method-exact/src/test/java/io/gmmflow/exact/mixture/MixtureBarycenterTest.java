package io.gmmflow.exact.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.SolverStatus;
import io.gmmflow.exact.LpCouplingSolver;
import io.gmmflow.exact.TestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MixtureBarycenterTest {

    private final MixtureMetric metric = new MixtureMetric(new LpCouplingSolver());

    /** J(mu) = sum_k lambda_k d(mu, mu_k)^2 through the metric (an independent LP per input). */
    double objective(GaussianMixture mu, List<GaussianMixture> inputs, double[] lambdas) {
        double j = 0;
        for (int k = 0; k < inputs.size(); k++) {
            j += lambdas[k] * metric.transport(mu, inputs.get(k)).distanceSquared();
        }
        return j;
    }

    /** The three mixtures of seed 002 Fig. 8 (Section V-C), equal component weights. */
    static List<GaussianMixture> figure8() {
        return List.of(
                TestSupport.mixture1d(new double[] {0.5, 0.5}, new double[] {0.5, 0.1}, new double[] {0.01, 0.05}),
                TestSupport.mixture1d(new double[] {0.5, 0.5}, new double[] {0, -0.35}, new double[] {0.02, 0.02}),
                TestSupport.mixture1d(new double[] {0.5, 0.5}, new double[] {0.4, -0.45}, new double[] {0.025, 0.021}));
    }

    @Test
    void figure8BarycentersBeatEveryInputAndTheirObjectiveIsTheMetricOne() {
        List<GaussianMixture> inputs = figure8();
        for (double[] lambdas : new double[][] {{1 / 3.0, 1 / 3.0, 1 - 2 / 3.0}, {0.6, 0.2, 0.2}, {0.1, 0.1, 0.8}}) {
            MixtureBarycenter.Result r = MixtureBarycenter.overAllTuples(inputs, lambdas);
            assertThat(r.status()).isEqualTo(SolverStatus.CONVERGED);
            assertThat(r.candidates()).isEqualTo(8);
            double sum = 0;
            for (double w : r.barycenter().weights()) {
                sum += w;
                assertThat(w).isPositive();
            }
            assertThat(sum).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
            // The LP value is J at the barycenter (computed again through d), and no input does better.
            double j = objective(r.barycenter(), inputs, lambdas);
            assertThat(Math.abs(j - r.objective())).isLessThanOrEqualTo(1e-9 * j);
            for (GaussianMixture input : inputs) {
                assertThat(r.objective()).isLessThanOrEqualTo(objective(input, inputs, lambdas) * (1 + 1e-12));
            }
        }
    }

    @Test
    void multiMarginalFormEqualsTheLiteralLp19OverTheTupleCandidates() {
        SplittableRandom rng = new SplittableRandom(8);
        for (int trial = 0; trial < 4; trial++) {
            int d = 1 + rng.nextInt(3);
            List<GaussianMixture> inputs = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                inputs.add(TestSupport.randomMixture(2 + rng.nextInt(2), d, 10, 2, rng));
            }
            double[] lambdas = GaussianBarycenterTest.randomWeights(3, rng);
            MixtureBarycenter.Result all = MixtureBarycenter.overAllTuples(inputs, lambdas);
            List<Gaussian> candidates = new ArrayList<>();
            for (int i = 0; i < inputs.get(0).size(); i++) {
                for (int j = 0; j < inputs.get(1).size(); j++) {
                    for (int k = 0; k < inputs.get(2).size(); k++) {
                        candidates.add(GaussianBarycenter.compute(List.of(inputs.get(0).component(i),
                                inputs.get(1).component(j), inputs.get(2).component(k)), lambdas).barycenter());
                    }
                }
            }
            MixtureBarycenter.Result literal = MixtureBarycenter.overCandidates(inputs, lambdas, candidates);
            assertThat(literal.status()).isEqualTo(SolverStatus.CONVERGED);
            assertThat(Math.abs(all.objective() - literal.objective())).isLessThanOrEqualTo(1e-9 * all.objective());
            // Its objective is also J at its own barycenter.
            double j = objective(literal.barycenter(), inputs, lambdas);
            assertThat(Math.abs(j - literal.objective())).isLessThanOrEqualTo(1e-9 * j);
            // Restricting the candidates to the first input's components can only cost more.
            MixtureBarycenter.Result restricted = MixtureBarycenter.overCandidates(inputs, lambdas,
                    inputs.get(0).components());
            assertThat(restricted.objective()).isGreaterThanOrEqualTo(all.objective() * (1 - 1e-12));
            assertThat(restricted.objective()).isLessThanOrEqualTo(objective(inputs.get(0), inputs, lambdas) * (1 + 1e-9));
            double sum = 0;
            for (double w : restricted.barycenter().weights()) {
                sum += w;
            }
            assertThat(sum).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void oneInputIsItsOwnBarycenter() {
        SplittableRandom rng = new SplittableRandom(3);
        GaussianMixture mu = TestSupport.randomMixture(3, 2, 10, 2, rng);
        GaussianMixture other = TestSupport.randomMixture(2, 2, 10, 2, rng);
        MixtureBarycenter.Result r = MixtureBarycenter.overAllTuples(List.of(mu, other), new double[] {1, 0});
        assertThat(r.objective()).isLessThanOrEqualTo(1e-14);
        assertThat(metric.distance(r.barycenter(), mu)).isLessThanOrEqualTo(1e-7);
    }

    @Test
    void badInputIsRejected() {
        GaussianMixture a = GaussianMixture.of(Gaussian.standard(2));
        GaussianMixture b = GaussianMixture.of(Gaussian.standard(3));
        assertThatThrownBy(() -> MixtureBarycenter.overAllTuples(List.of(a, a), new double[] {-0.5, 1.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda 0");
        assertThatThrownBy(() -> MixtureBarycenter.overAllTuples(List.of(a, a), new double[] {0.5, 0.6}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to 1.1");
        assertThatThrownBy(() -> MixtureBarycenter.overAllTuples(List.of(a, b), new double[] {0.5, 0.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input mixture 1 has dimension 3");
        assertThatThrownBy(() -> MixtureBarycenter.overAllTuples(List.of(a), new double[] {0.5, 0.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 input mixtures but 2 weights");
        assertThatThrownBy(() -> MixtureBarycenter.overCandidates(List.of(a), new double[] {1}, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("candidate set is empty");
        assertThatThrownBy(() -> MixtureBarycenter.overCandidates(List.of(a), new double[] {1}, List.of(Gaussian.standard(3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("candidate 0 has dimension 3");
        List<GaussianMixture> big = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(1);
        for (int k = 0; k < 4; k++) {
            big.add(TestSupport.randomMixture(6, 1, 2, 1, rng));
        }
        assertThatThrownBy(() -> MixtureBarycenter.overAllTuples(big, new double[] {0.25, 0.25, 0.25, 0.25},
                Parameters.of("maxTuples", 1000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTuples");
    }
}
