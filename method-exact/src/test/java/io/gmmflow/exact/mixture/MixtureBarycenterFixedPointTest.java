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

class MixtureBarycenterFixedPointTest {

    private final LpCouplingSolver solver = new LpCouplingSolver();
    private final MixtureMetric metric = new MixtureMetric(solver);

    double objective(GaussianMixture mu, List<GaussianMixture> inputs, double[] lambdas) {
        double j = 0;
        for (int k = 0; k < inputs.size(); k++) {
            j += lambdas[k] * metric.transport(mu, inputs.get(k)).distanceSquared();
        }
        return j;
    }

    @Test
    void neverBeatsTheGlobalLpAndReachesItFromTheFirstInput() {
        List<GaussianMixture> inputs = MixtureBarycenterTest.figure8();
        double[] lambdas = {0.2, 0.3, 0.5};
        MixtureBarycenter.Result lp = MixtureBarycenter.overAllTuples(inputs, lambdas);
        for (int proj = 0; proj <= 1; proj++) {
            MixtureBarycenterFixedPoint.Result fp = MixtureBarycenterFixedPoint.compute(inputs, lambdas, inputs.get(0), solver,
                    Parameters.of("buresProjection", proj));
            assertThat(fp.status()).isEqualTo(SolverStatus.CONVERGED);
            assertThat(fp.objective()).isGreaterThanOrEqualTo(lp.objective() * (1 - 1e-12));
            // Equal weights and well-separated components: the fixed point finds the LP barycenter here.
            assertThat(Math.abs(fp.objective() - lp.objective())).isLessThanOrEqualTo(1e-9 * lp.objective());
            // Its reported objective is J at its barycenter, and no worse than J at the start.
            double j = objective(fp.barycenter(), inputs, lambdas);
            assertThat(Math.abs(j - fp.objective())).isLessThanOrEqualTo(1e-9 * j);
            assertThat(j).isLessThanOrEqualTo(objective(inputs.get(0), inputs, lambdas));
        }
    }

    @Test
    void theLpBarycenterIsAFixedPointAndRandomStartsDoNotBeatIt() {
        SplittableRandom rng = new SplittableRandom(4);
        List<GaussianMixture> inputs = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            inputs.add(TestSupport.randomMixture(2, 2, 10, 2, rng));
        }
        double[] lambdas = {0.3, 0.3, 0.4};
        MixtureBarycenter.Result lp = MixtureBarycenter.overAllTuples(inputs, lambdas);
        MixtureBarycenterFixedPoint.Result fromLp = MixtureBarycenterFixedPoint.compute(inputs, lambdas, lp.barycenter(),
                solver, Parameters.of("buresProjection", 1));
        assertThat(Math.abs(fromLp.objective() - lp.objective())).isLessThanOrEqualTo(1e-9 * lp.objective());
        for (int trial = 0; trial < 3; trial++) {
            GaussianMixture start = TestSupport.randomMixture(2, 2, 10, 2, rng);
            MixtureBarycenterFixedPoint.Result fp = MixtureBarycenterFixedPoint.compute(inputs, lambdas, start, solver,
                    Parameters.empty());
            assertThat(fp.objective()).isGreaterThanOrEqualTo(lp.objective() * (1 - 1e-12));
            assertThat(fp.objective()).isLessThanOrEqualTo(objective(start, inputs, lambdas) * (1 + 1e-12));
        }
        MixtureBarycenterFixedPoint.Result cut = MixtureBarycenterFixedPoint.compute(inputs, lambdas,
                TestSupport.randomMixture(2, 2, 10, 2, rng), solver, Parameters.of("maxIterations", 1));
        assertThat(cut.status()).isEqualTo(SolverStatus.MAX_ITERATIONS);
        assertThat(cut.iterations()).isEqualTo(1);
    }

    @Test
    void badInputIsRejected() {
        GaussianMixture a = GaussianMixture.of(Gaussian.standard(2));
        assertThatThrownBy(() -> MixtureBarycenterFixedPoint.compute(List.of(a), new double[] {1},
                GaussianMixture.of(Gaussian.standard(3)), solver, Parameters.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 2")
                .hasMessageContaining("dimension 3");
        assertThatThrownBy(() -> MixtureBarycenterFixedPoint.compute(List.of(a, a), new double[] {0.7, 0.7}, a, solver,
                Parameters.empty())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to 1.4");
        assertThatThrownBy(() -> MixtureBarycenterFixedPoint.compute(List.of(a), new double[] {1}, a, null,
                Parameters.empty())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("solver");
    }
}
