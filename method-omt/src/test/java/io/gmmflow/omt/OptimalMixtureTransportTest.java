package io.gmmflow.omt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.SolverStatus;
import io.gmmflow.linalg.CholeskyFactor;
import io.gmmflow.linalg.Dense;
import io.gmmflow.linalg.GaussianFactor;
import io.gmmflow.linalg.PairKernels;
import io.gmmflow.linalg.RandomMatrices;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OptimalMixtureTransportTest {

    static final OptimalMixtureTransport OMT = OptimalMixtureTransport.omt(new TestSolvers.LogSinkhorn());
    static final OptimalMixtureTransport GMM_OT = OptimalMixtureTransport.gmmOt(new TestSolvers.ExactLp());

    static GaussianMixture randomMixture(int k, int d, double spread, SplittableRandom rng) {
        List<Gaussian> comps = new ArrayList<>();
        double[] w = new double[k];
        double total = 0;
        for (int i = 0; i < k; i++) {
            double[] mean = rng.doubles(d, -spread, spread).toArray();
            comps.add(Gaussian.ofFlat(mean, RandomMatrices.spd(d, 10, rng.nextDouble(0.2, 1), rng)));
            w[i] = rng.nextDouble(0.5, 1.5);
            total += w[i];
        }
        for (int i = 0; i < k; i++) {
            w[i] /= total;
        }
        return GaussianMixture.of(w, comps);
    }

    static Parameters params(double eps1, double eps2) {
        return Parameters.of("eps1", eps1, "eps2", eps2, "tolerance", 1e-12, "maxIterations", 100000);
    }

    @Test
    void oneComponentEachIsEntropicOtBetweenTwoGaussians() {
        // Remark 1: K0 = K1 = 1 collapses to entropic OT between the two Gaussians.
        SplittableRandom rng = new SplittableRandom(1);
        GaussianMixture p = randomMixture(1, 3, 2, rng);
        GaussianMixture q = randomMixture(1, 3, 2, rng);
        double eps1 = 0.3;
        OmtResult r = OMT.solve(p, q, params(eps1, 0.05));
        EntropicPairPlan pair = EntropicGaussianPair.plan(p.component(0), q.component(0), eps1);
        assertThat(r.weights()[0][0]).isCloseTo(1.0, within(1e-15));
        assertThat(r.objective()).isCloseTo(pair.objective().objective(), within(1e-12));
        assertThat(r.transportCost()).isCloseTo(pair.objective().transport(), within(1e-12));
        // the forward map is the conditional mean b + C^T A^{-1} (x - a), computed here by a Cholesky
        // solve with the cross-covariance (independent of the factored map)
        int d = 3;
        double[][] xs = p.sample(20, 3);
        double[][] mapped = r.plan().forward(xs);
        double[] c = pair.crossCovariance();
        CholeskyFactor ch = CholeskyFactor.of(p.component(0).covarianceRowMajor(), d, "A");
        for (int s = 0; s < xs.length; s++) {
            double[] diff = Dense.subtract(xs[s], p.component(0).mean());
            double[] z = ch.solve(diff);
            double[] expected = Dense.multiplyVector(Dense.transpose(c, d, d), z, d, d);
            for (int k = 0; k < d; k++) {
                assertThat(mapped[s][k]).isCloseTo(q.component(0).mean(k) + expected[k], within(1e-10));
            }
        }
    }

    @Test
    void weightsHaveTheMarginalsWithinTheReportedErrorAndTheObjectiveIsEq12() {
        SplittableRandom rng = new SplittableRandom(2);
        GaussianMixture p = randomMixture(4, 3, 3, rng);
        GaussianMixture q = randomMixture(5, 3, 3, rng);
        double eps2 = 0.5;
        OmtResult r = OMT.solve(p, q, params(0.2, eps2));
        assertThat(r.status()).isEqualTo(SolverStatus.CONVERGED);
        double[][] w = r.weights();
        double err = 0;
        for (int i = 0; i < 4; i++) {
            double s = 0;
            for (int j = 0; j < 5; j++) {
                s += w[i][j];
            }
            err += Math.abs(s - p.weight(i));
        }
        for (int j = 0; j < 5; j++) {
            double s = 0;
            for (int i = 0; i < 4; i++) {
                s += w[i][j];
            }
            err += Math.abs(s - q.weight(j));
        }
        assertThat(err).isLessThanOrEqualTo(r.marginalError() + 1e-15).isLessThan(1e-11);
        // the objective of eq. 12 from its definition
        double[][] l = r.pairCosts();
        double obj = 0;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 5; j++) {
                assertThat(l[i][j]).isEqualTo(EntropicGaussianPair.objective(p.component(i), q.component(j), 0.2).objective());
                obj += w[i][j] * l[i][j] + eps2 * w[i][j] * Math.log(w[i][j] / (p.weight(i) * q.weight(j)));
            }
        }
        assertThat(r.objective()).isCloseTo(obj, within(1e-10));
    }

    @Test
    void mapsAreUnbiasedAndTheRandomMapAndPlanSamplesHaveTheTargetMoments() {
        SplittableRandom rng = new SplittableRandom(4);
        int d = 2;
        GaussianMixture p = randomMixture(3, d, 3, rng);
        GaussianMixture q = randomMixture(4, d, 3, rng);
        OmtResult r = OMT.solve(p, q, params(0.1, 0.1));
        MixtureTransportPlan plan = r.plan();
        int n = 100_000;
        double[][] xs = p.sample(n, 11);
        double[][] ys = q.sample(n, 12);
        // E[T(X)] = E[E[Y | X]] = E[Y] exactly for this plan; Monte Carlo error 5 standard errors.
        assertMean(plan.forward(xs), q.mean(), 5);
        assertMean(plan.backward(ys), p.mean(), 5);
        double[][] rnd = plan.randomForward(xs, 13);
        assertMean(rnd, q.mean(), 5);
        assertCovariance(rnd, q.mean(), q.covariance(), 5);
        assertCovariance(plan.randomBackward(ys, 14), p.mean(), p.covariance(), 5);
        double[][] joint = plan.sample(n, 15);
        double[][] jx = new double[n][];
        double[][] jy = new double[n][];
        for (int s = 0; s < n; s++) {
            jx[s] = java.util.Arrays.copyOfRange(joint[s], 0, d);
            jy[s] = java.util.Arrays.copyOfRange(joint[s], d, 2 * d);
        }
        assertCovariance(jx, p.mean(), p.covariance(), 5);
        assertCovariance(jy, q.mean(), q.covariance(), 5);
        // reproducible for a seed
        assertThat(plan.randomForward(xs, 13)).isDeepEqualTo(rnd);
    }

    @Test
    void aggregatedForwardMapEqualsTheDoubleSumOfEq44() {
        SplittableRandom rng = new SplittableRandom(6);
        int d = 3;
        GaussianMixture p = randomMixture(3, d, 2, rng);
        GaussianMixture q = randomMixture(4, d, 2, rng);
        double eps1 = 0.4;
        OmtResult r = OMT.solve(p, q, params(eps1, 0.2));
        double[][] w = r.weights();
        double[][] xs = p.sample(50, 7);
        double[][] mapped = r.plan().forward(xs);
        for (int s = 0; s < xs.length; s++) {
            double[] num = new double[d];
            double den = 0;
            for (int i = 0; i < 3; i++) {
                double dens = Math.exp(p.component(i).logDensity(xs[s]));
                for (int j = 0; j < 4; j++) {
                    double wij = w[i][j] * dens;
                    double[] tij = EntropicGaussianPair.plan(p.component(i), q.component(j), eps1).forward(xs[s]);
                    for (int k = 0; k < d; k++) {
                        num[k] += wij * tij[k];
                    }
                    den += wij;
                }
            }
            for (int k = 0; k < d; k++) {
                assertThat(mapped[s][k]).isCloseTo(num[k] / den, within(1e-10 * (1 + Math.abs(num[k] / den))));
            }
        }
    }

    @Test
    void gmmOtBaselineUsesW2CostsTheExactPlanAndBuresMaps() {
        SplittableRandom rng = new SplittableRandom(9);
        int d = 2;
        GaussianMixture p = randomMixture(3, d, 3, rng);
        GaussianMixture q = randomMixture(3, d, 3, rng);
        OmtResult r = GMM_OT.solve(p, q);
        assertThat(r.status()).isEqualTo(SolverStatus.CONVERGED);
        double[][] w = r.weights();
        double[][] l = r.pairCosts();
        double obj = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double w2 = PairKernels.w2Squared(GaussianFactor.of(p.component(i)), GaussianFactor.of(q.component(j)));
                assertThat(l[i][j]).isEqualTo(w2);
                obj += w[i][j] * w2;
            }
        }
        assertThat(r.objective()).isCloseTo(obj, within(1e-12)).isCloseTo(r.coupling().objective(), within(1e-9));
        assertThat(r.transportCost()).isCloseTo(obj, within(1e-12));
        // a one-to-one pair map is the Bures map; the maps of GMM-OT are deterministic given (i, j)
        GaussianMixture p1 = GaussianMixture.of(p.component(0));
        GaussianMixture q1 = GaussianMixture.of(q.component(1));
        MixtureTransportPlan plan = GMM_OT.solve(p1, q1).plan();
        double[] m = PairKernels.buresMap(GaussianFactor.of(p.component(0)), GaussianFactor.of(q.component(1)));
        double[][] xs = p1.sample(10, 1);
        double[][] t = plan.forward(xs);
        double[][] tr = plan.randomForward(xs, 2);
        for (int s = 0; s < 10; s++) {
            double[] e = Dense.multiplyVector(m, Dense.subtract(xs[s], p.component(0).mean()), d, d);
            for (int k = 0; k < d; k++) {
                assertThat(t[s][k]).isCloseTo(q.component(1).mean(k) + e[k], within(1e-10));
                assertThat(tr[s][k]).isCloseTo(t[s][k], within(1e-12));
            }
        }
        assertThat(plan.asGaussianMixture().component(0).isPositiveDefinite()).isFalse();
    }

    @Test
    void smallRegularizationApproachesTheGmmOtValueWithinTheProvenBound() {
        // Omega_omt minimizes sum w L + eps2 KL, so with L >= W2^2 and Omega_lp the exact plan:
        // sum w_omt W2^2 <= sum w_lp W2^2 + max_ij (L_ij - W2^2_ij) + eps2 KL(Omega_lp || a x b).
        SplittableRandom rng = new SplittableRandom(10);
        GaussianMixture p = randomMixture(3, 2, 3, rng);
        GaussianMixture q = randomMixture(4, 2, 3, rng);
        OmtResult lp = GMM_OT.solve(p, q);
        double[][] wlp = lp.weights();
        double[][] w2 = lp.pairCosts();
        double klLp = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                if (wlp[i][j] > 0) {
                    klLp += wlp[i][j] * Math.log(wlp[i][j] / (p.weight(i) * q.weight(j)));
                }
            }
        }
        for (double eps : new double[] {0.3, 0.03}) {
            OmtResult omt = OMT.solve(p, q, params(eps, eps));
            double[][] w = omt.weights();
            double[][] l = omt.pairCosts();
            double value = 0;
            double gap = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    value += w[i][j] * w2[i][j];
                    gap = Math.max(gap, l[i][j] - w2[i][j]);
                }
            }
            assertThat(value).isGreaterThanOrEqualTo(lp.objective() - 1e-9);
            assertThat(value).isLessThanOrEqualTo(lp.objective() + gap + eps * klLp + 1e-9);
        }
    }

    @Test
    void diagonalFastPathMapsAgreeWithTheFullRoute() {
        SplittableRandom rng = new SplittableRandom(12);
        int d = 40;
        List<Gaussian> pd = new ArrayList<>();
        List<Gaussian> pf = new ArrayList<>();
        List<Gaussian> qd = new ArrayList<>();
        List<Gaussian> qf = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            double[] m = rng.doubles(d, -1, 1).toArray();
            double[] v = rng.doubles(d, 0.2, 2).toArray();
            pd.add(Gaussian.diagonal(m, v));
            pf.add(Gaussian.ofFlat(m, Gaussian.diagonal(m, v).covarianceRowMajor()));
            double[] m2 = rng.doubles(d, -1, 1).toArray();
            double[] v2 = rng.doubles(d, 0.2, 2).toArray();
            qd.add(Gaussian.diagonal(m2, v2));
            qf.add(Gaussian.ofFlat(m2, Gaussian.diagonal(m2, v2).covarianceRowMajor()));
        }
        OmtResult rd = OMT.solve(GaussianMixture.uniform(pd), GaussianMixture.uniform(qd), params(0.5, 1));
        OmtResult rf = OMT.solve(GaussianMixture.uniform(pf), GaussianMixture.uniform(qf), params(0.5, 1));
        double[][] xs = GaussianMixture.uniform(pd).sample(30, 1);
        double[][] a = rd.plan().forward(xs);
        double[][] b = rf.plan().forward(xs);
        for (int s = 0; s < xs.length; s++) {
            assertThat(Dense.maxAbsDifference(a[s], b[s])).isLessThan(1e-9);
        }
        assertThat(Dense.maxAbsDifference(Dense.flatten(rd.weights()), Dense.flatten(rf.weights()))).isLessThan(1e-12);
    }

    @Test
    void badInputIsRejected() {
        GaussianMixture p = GaussianMixture.of(Gaussian.standard(2));
        GaussianMixture q3 = GaussianMixture.of(Gaussian.standard(3));
        for (double bad : new double[] {0, -0.1, Double.NaN}) {
            assertThatThrownBy(() -> OMT.solve(p, p, Parameters.of("eps1", bad)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eps1");
            assertThatThrownBy(() -> OMT.solve(p, p, Parameters.of("eps2", bad)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eps2");
        }
        assertThatThrownBy(() -> OMT.solve(p, q3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension 2").hasMessageContaining("dimension 3");
        MixtureTransportPlan plan = OMT.solve(p, p).plan();
        assertThatThrownBy(() -> plan.forward(new double[][] {{1, 2}, {1, 2, 3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("point 1 has dimension 3");
        assertThatThrownBy(() -> plan.backward(new double[][] {{1, Double.NaN}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coordinate 1 is not finite");
    }

    @Test
    void planAsAGaussianMixtureHasTheMixturesAsMarginals() {
        SplittableRandom rng = new SplittableRandom(13);
        int d = 2;
        GaussianMixture p = randomMixture(2, d, 2, rng);
        GaussianMixture q = randomMixture(3, d, 2, rng);
        OmtResult r = OMT.solve(p, q, params(0.2, 0.2));
        GaussianMixture joint = r.plan().asGaussianMixture();
        assertThat(joint.dimension()).isEqualTo(2 * d);
        double[] m = joint.mean();
        double[][] c = joint.covariance();
        double[] pm = p.mean();
        double[] qm = q.mean();
        double[][] pc = p.covariance();
        double[][] qc = q.covariance();
        // marginals hold to the solver's marginal error (1e-12) times the spread of the components
        for (int k = 0; k < d; k++) {
            assertThat(m[k]).isCloseTo(pm[k], within(1e-10));
            assertThat(m[d + k]).isCloseTo(qm[k], within(1e-10));
            for (int l = 0; l < d; l++) {
                assertThat(c[k][l]).isCloseTo(pc[k][l], within(1e-10));
                assertThat(c[d + k][d + l]).isCloseTo(qc[k][l], within(1e-10));
            }
        }
    }

    static void assertMean(double[][] pts, double[] expected, double ses) {
        int n = pts.length;
        int d = expected.length;
        for (int k = 0; k < d; k++) {
            double s = 0;
            double s2 = 0;
            for (double[] x : pts) {
                s += x[k];
                s2 += x[k] * x[k];
            }
            double mean = s / n;
            double sd = Math.sqrt(Math.max(s2 / n - mean * mean, 0));
            assertThat(mean).isCloseTo(expected[k], within(ses * sd / Math.sqrt(n)));
        }
    }

    static void assertCovariance(double[][] pts, double[] mean, double[][] expected, double ses) {
        int n = pts.length;
        int d = mean.length;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double s = 0;
                double s4 = 0;
                for (double[] x : pts) {
                    double t = (x[a] - mean[a]) * (x[b] - mean[b]);
                    s += t;
                    s4 += t * t;
                }
                double est = s / n;
                // standard error of a mean of (x_a - m_a)(x_b - m_b), estimated from the sample
                double se = Math.sqrt(Math.max(s4 / n - est * est, 0) / n);
                assertThat(est).isCloseTo(expected[a][b], within(ses * se));
            }
        }
    }
}
