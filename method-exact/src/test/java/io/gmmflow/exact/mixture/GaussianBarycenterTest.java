package io.gmmflow.exact.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.SolverStatus;
import io.gmmflow.exact.BuresWassersteinCost;
import io.gmmflow.exact.GeodesicFlow;
import io.gmmflow.exact.TestSupport;
import io.gmmflow.linalg.Dense;
import io.gmmflow.linalg.RandomMatrices;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GaussianBarycenterTest {

    static double[] randomWeights(int k, SplittableRandom rng) {
        double[] w = new double[k];
        double s = 0;
        for (int i = 0; i < k; i++) {
            w[i] = rng.nextDouble(0.1, 1);
            s += w[i];
        }
        double acc = 0;
        for (int i = 0; i < k - 1; i++) {
            w[i] /= s;
            acc += w[i];
        }
        w[k - 1] = 1 - acc;
        return w;
    }

    /** |S - sum_k lambda_k (S^{1/2} S_k S^{1/2})^{1/2}|_F / |S|_F with Denman-Beavers roots (independent of the code). */
    static double eq16Residual(Gaussian bary, List<Gaussian> inputs, double[] lambdas) {
        int d = bary.dimension();
        double[] s = bary.covarianceRowMajor();
        double[] root = TestSupport.sqrtDenmanBeavers(s, d);
        double[] sum = new double[d * d];
        for (int k = 0; k < inputs.size(); k++) {
            double[] inner = Dense.symmetrize(Dense.multiply(root,
                    Dense.multiply(inputs.get(k).covarianceRowMajor(), root, d, d, d), d, d, d), d);
            double[] r = TestSupport.sqrtDenmanBeavers(inner, d);
            for (int i = 0; i < d * d; i++) {
                sum[i] += lambdas[k] * r[i];
            }
        }
        return Dense.frobeniusNorm(Dense.subtract(s, sum)) / Dense.frobeniusNorm(s);
    }

    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {2, 3, 8, 20})
    void satisfiesTheFixedPointEquation16To1e10(int d) {
        SplittableRandom rng = new SplittableRandom(100 + d);
        for (int trial = 0; trial < 3; trial++) {
            int k = 2 + rng.nextInt(4);
            List<Gaussian> inputs = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                inputs.add(TestSupport.randomFull(d, 100, rng));
            }
            double[] lambdas = randomWeights(k, rng);
            GaussianBarycenter.Result r = GaussianBarycenter.compute(inputs, lambdas);
            assertThat(r.status()).isEqualTo(SolverStatus.CONVERGED);
            assertThat(r.residual()).isLessThanOrEqualTo(1e-12);
            assertThat(eq16Residual(r.barycenter(), inputs, lambdas)).isLessThanOrEqualTo(1e-10);
            double[] mean = new double[d];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < d; j++) {
                    mean[j] += lambdas[i] * inputs.get(i).mean(j);
                }
            }
            assertThat(TestSupport.relativeError(r.barycenter().mean(), mean)).isLessThanOrEqualTo(1e-14);
        }
    }

    @Test
    void commutingCovariancesGiveTheClosedForm() {
        // S_k = Q diag(s_k) Q^T with one Q: the barycenter is Q diag((sum_k lambda_k sqrt s_k)^2) Q^T.
        SplittableRandom rng = new SplittableRandom(7);
        int d = 6;
        double[] q = RandomMatrices.orthogonal(d, rng);
        int k = 4;
        double[] lambdas = randomWeights(k, rng);
        List<Gaussian> inputs = new ArrayList<>();
        double[] root = new double[d];
        for (int i = 0; i < k; i++) {
            double[] spec = rng.doubles(d, 0.05, 20).toArray();
            for (int j = 0; j < d; j++) {
                root[j] += lambdas[i] * Math.sqrt(spec[j]);
            }
            inputs.add(Gaussian.ofFlat(rng.doubles(d, -1, 1).toArray(), Dense.synthesize(q, spec, d)));
        }
        double[] expectedSpec = new double[d];
        for (int j = 0; j < d; j++) {
            expectedSpec[j] = root[j] * root[j];
        }
        double[] expected = Dense.synthesize(q, expectedSpec, d);
        GaussianBarycenter.Result r = GaussianBarycenter.compute(inputs, lambdas);
        assertThat(r.converged()).isTrue();
        assertThat(TestSupport.relativeError(r.barycenter().covarianceRowMajor(), expected)).isLessThanOrEqualTo(1e-11);
        // Diagonal inputs take the closed form directly.
        List<Gaussian> diag = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            diag.add(Gaussian.diagonal(inputs.get(i).mean(), rng.doubles(d, 0.1, 3).toArray()));
        }
        GaussianBarycenter.Result rd = GaussianBarycenter.compute(diag, lambdas);
        assertThat(rd.iterations()).isZero();
        assertThat(rd.barycenter().covarianceType()).isEqualTo(CovarianceType.DIAGONAL);
        List<Gaussian> full = new ArrayList<>();
        for (Gaussian g : diag) {
            full.add(Gaussian.ofFlat(g.mean(), g.covarianceRowMajor()));
        }
        GaussianBarycenter.Result rf = GaussianBarycenter.compute(full, lambdas);
        assertThat(TestSupport.relativeError(rd.barycenter().covarianceRowMajor(), rf.barycenter().covarianceRowMajor()))
                .isLessThanOrEqualTo(1e-11);
    }

    @Test
    void twoInputsGiveThePointOfTheGeodesic() {
        // The barycenter of N0, N1 with weights (1 - t, t) is the displacement interpolation at t.
        SplittableRandom rng = new SplittableRandom(9);
        for (int d : new int[] {2, 5, 12}) {
            Gaussian a = TestSupport.randomFull(d, 50, rng);
            Gaussian b = TestSupport.randomFull(d, 50, rng);
            for (double t : new double[] {0.2, 0.5, 0.85}) {
                GaussianBarycenter.Result r = GaussianBarycenter.compute(List.of(a, b), new double[] {1 - t, t});
                double[] geo = GeodesicFlow.geodesic(a, b).covariance(t);
                assertThat(TestSupport.relativeError(r.barycenter().covarianceRowMajor(), geo)).isLessThanOrEqualTo(1e-10);
            }
        }
    }

    @Test
    void gradientStepsConvergeToTheSamePointAndTheBudgetIsReported() {
        SplittableRandom rng = new SplittableRandom(11);
        int d = 4;
        List<Gaussian> inputs = List.of(TestSupport.randomFull(d, 100, rng), TestSupport.randomFull(d, 100, rng),
                TestSupport.randomFull(d, 100, rng));
        double[] lambdas = {0.2, 0.3, 0.5};
        GaussianBarycenter.Result fixed = GaussianBarycenter.compute(inputs, lambdas);
        GaussianBarycenter.Result damped = GaussianBarycenter.compute(inputs, lambdas, Parameters.of("stepSize", 0.5));
        assertThat(damped.converged()).isTrue();
        assertThat(damped.iterations()).isGreaterThan(fixed.iterations());
        assertThat(TestSupport.relativeError(damped.barycenter().covarianceRowMajor(),
                fixed.barycenter().covarianceRowMajor())).isLessThanOrEqualTo(1e-10);
        GaussianBarycenter.Result cut = GaussianBarycenter.compute(inputs, lambdas, Parameters.of("maxIterations", 1));
        assertThat(cut.status()).isEqualTo(SolverStatus.MAX_ITERATIONS);
        assertThat(cut.residual()).isGreaterThan(1e-12);
        assertThat(cut.iterations()).isEqualTo(1);
        // The barycenter minimizes sum_k lambda_k W2^2(., N_k): no input does better.
        BuresWassersteinCost w2 = new BuresWassersteinCost();
        double best = 0;
        for (int k = 0; k < 3; k++) {
            best += lambdas[k] * w2.cost(fixed.barycenter(), inputs.get(k));
        }
        for (Gaussian candidate : inputs) {
            double j = 0;
            for (int k = 0; k < 3; k++) {
                j += lambdas[k] * w2.cost(candidate, inputs.get(k));
            }
            assertThat(best).isLessThan(j);
        }
    }

    @Test
    void badWeightsAndDimensionsAreRejected() {
        Gaussian a = Gaussian.standard(2);
        Gaussian b = Gaussian.standard(2);
        assertThatThrownBy(() -> GaussianBarycenter.compute(List.of(a, b), new double[] {1.2, -0.2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda 1").hasMessageContaining("-0.2");
        assertThatThrownBy(() -> GaussianBarycenter.compute(List.of(a, b), new double[] {0.5, 0.4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to 0.9");
        assertThatThrownBy(() -> GaussianBarycenter.compute(List.of(a, b), new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 inputs but 1 weights");
        assertThatThrownBy(() -> GaussianBarycenter.compute(List.of(a, Gaussian.standard(3)), new double[] {0.5, 0.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input 1 has dimension 3");
        assertThatThrownBy(() -> GaussianBarycenter.compute(List.of(), new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GaussianBarycenter.compute(List.of(a, b), new double[] {0.5, 0.5}, Parameters.of("stepSize", 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stepSize");
        assertThat(GaussianBarycenter.compute(List.of(a, b), new double[] {0, 1}).barycenter()).isSameAs(b);
    }
}
