package io.gmmflow.omt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.SolverStatus;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** OMT and GMM-OT with the project's {@code sinkhorn} and {@code emd} solvers (test scope only). */
class RealSolversTest {

    static CouplingSolver solver(String name) {
        for (CouplingSolver s : ServiceLoader.load(CouplingSolver.class)) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no solver " + name);
    }

    @Test
    void sinkhornWeightsAgreeWithThePlainLogDomainSinkhorn() {
        SplittableRandom rng = new SplittableRandom(21);
        GaussianMixture p = OptimalMixtureTransportTest.randomMixture(6, 2, 3, rng);
        GaussianMixture q = OptimalMixtureTransportTest.randomMixture(7, 2, 3, rng);
        Parameters par = Parameters.of("eps1", 0.1, "eps2", 0.2, "tolerance", 1e-11, "maxIterations", 100000);
        OmtResult real = OptimalMixtureTransport.omt(solver("sinkhorn")).solve(p, q, par);
        OmtResult plain = OptimalMixtureTransportTest.OMT.solve(p, q, par);
        assertThat(real.status()).isEqualTo(SolverStatus.CONVERGED);
        double[][] a = real.weights();
        double[][] b = plain.weights();
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 7; j++) {
                // both plans meet marginals to 1e-11; the entropic plan is unique, so they agree to ~that
                assertThat(a[i][j]).isCloseTo(b[i][j], within(1e-9));
            }
        }
        assertThat(real.objective()).isCloseTo(plain.objective(), within(1e-9));
    }

    @Test
    void emdGivesTheLpOptimumForGmmOt() {
        SplittableRandom rng = new SplittableRandom(22);
        GaussianMixture p = OptimalMixtureTransportTest.randomMixture(5, 3, 3, rng);
        GaussianMixture q = OptimalMixtureTransportTest.randomMixture(6, 3, 3, rng);
        OmtResult emd = OptimalMixtureTransport.gmmOt(solver("emd")).solve(p, q);
        OmtResult lp = OptimalMixtureTransportTest.GMM_OT.solve(p, q);
        assertThat(emd.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(emd.objective()).isCloseTo(lp.objective(), within(1e-10 * lp.objective()));
    }

    @Test
    void largerProblemHasMarginalsWithinTheReportedErrorAndUnbiasedMaps() {
        SplittableRandom rng = new SplittableRandom(23);
        GaussianMixture p = OptimalMixtureTransportTest.randomMixture(60, 2, 5, rng);
        GaussianMixture q = OptimalMixtureTransportTest.randomMixture(80, 2, 5, rng);
        OmtResult r = OptimalMixtureTransport.omt(solver("sinkhorn")).solve(p, q, Parameters.of("eps1", 0.01, "eps2", 0.01));
        assertThat(r.status()).isEqualTo(SolverStatus.CONVERGED);
        double[][] w = r.weights();
        double err = 0;
        for (int i = 0; i < 60; i++) {
            double s = 0;
            for (double v : w[i]) {
                s += v;
            }
            err += Math.abs(s - p.weight(i));
        }
        for (int j = 0; j < 80; j++) {
            double s = 0;
            for (int i = 0; i < 60; i++) {
                s += w[i][j];
            }
            err += Math.abs(s - q.weight(j));
        }
        assertThat(err).isLessThanOrEqualTo(r.marginalError() * (1 + 1e-6) + 1e-15).isLessThanOrEqualTo(1e-9);
        double[][] xs = p.sample(50_000, 5);
        OptimalMixtureTransportTest.assertMean(r.plan().forward(xs), q.mean(), 5);
    }
}
