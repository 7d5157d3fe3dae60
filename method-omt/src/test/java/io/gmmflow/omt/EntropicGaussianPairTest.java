package io.gmmflow.omt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.Gaussian;
import io.gmmflow.linalg.CholeskyFactor;
import io.gmmflow.linalg.Dense;
import io.gmmflow.linalg.GaussianFactor;
import io.gmmflow.linalg.PairKernels;
import io.gmmflow.linalg.RandomMatrices;
import io.gmmflow.linalg.SymmetricEigen;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EntropicGaussianPairTest {

    static Gaussian randomFull(int d, double cond, SplittableRandom rng) {
        double[] mean = rng.doubles(d, -2, 2).toArray();
        return Gaussian.ofFlat(mean, RandomMatrices.spd(d, cond, rng.nextDouble(0.3, 3), rng));
    }

    @ParameterizedTest(name = "sa={0}, sb={1}, eps1={2}")
    @CsvSource({"1,1,0.1", "1,4,1", "0.25,9,0.01", "2,0.5,10", "1e-6,3,0.5", "100,0.01,2"})
    void oneDimensionMatchesTheHandFormulasToRoundOff(double sa, double sb, double eps) {
        double a = 0.7;
        double b = -1.3;
        Gaussian p = Gaussian.of(new double[] {a}, new double[][] {{sa}});
        Gaussian q = Gaussian.of(new double[] {b}, new double[][] {{sb}});
        EntropicPairPlan plan = EntropicGaussianPair.plan(p, q, eps);
        // DESIGN.md 5a, d = 1: c = sqrt(sa sb + eps^2/16) - eps/4, evaluated here in that naive form,
        // whose cancellation costs a relative error of about 4 ulp * (eps/4) / c: the tolerance.
        double c = Math.sqrt(sa * sb + eps * eps / 16) - eps / 4;
        double rel = 1e-12 + 1e-15 * eps / c;
        double l = (a - b) * (a - b) + sa + sb - 2 * c + 0.5 * eps * Math.log(1 + 2 * c / eps);
        double tol = 1e-12 * (1 + Math.abs(l));
        assertThat(plan.objective().objective()).isCloseTo(l, within(tol));
        assertThat(plan.crossCovariance()[0]).isCloseTo(c, within(rel * c));
        assertThat(plan.forwardMatrix()[0]).isCloseTo(c / sa, within(rel * c / sa));
        assertThat(plan.conditionalCovariance()[0]).isCloseTo(eps * c / (2 * sa), within(rel * eps * c / sa));
        assertThat(plan.forward(new double[] {2.0})[0]).isCloseTo(b + c / sa * (2.0 - a), within(1e-10 * (1 + c / sa)));
        // backward: x | y has mean a + (c / sb)(y - b)
        assertThat(plan.backward(new double[] {2.0})[0]).isCloseTo(a + c / sb * (2.0 - b), within(1e-10 * (1 + c / sb)));
    }

    /**
     * The pair problem is convex in the cross-covariance C (transport is linear in C, -log det of the
     * joint covariance is convex), so a stationary point is the minimum. Stationarity of
     * -2 tr C - (eps1/2) log det Sigma(C) reads [Sigma^{-1}]_{xy} = -(2/eps1) I; we check it with an
     * inverse computed by Cholesky of the 2d x 2d joint, independently of the eigen route, together
     * with the Riccati equation K A K + (eps1/2) K = B, C = A K = K_b B, and both parts of L from
     * their definitions (tr C and log-determinants).
     */
    @ParameterizedTest(name = "d={0}, cond={1}, eps1={2}")
    @CsvSource({"2,10,0.1", "2,1e4,1", "3,100,0.01", "7,1e3,1", "12,50,0.3", "30,100,2"})
    void planIsStationaryAndItsPartsMatchTheirDefinitions(int d, double cond, double eps) {
        SplittableRandom rng = new SplittableRandom(31 * d + (long) cond);
        for (int trial = 0; trial < 3; trial++) {
            Gaussian p = randomFull(d, cond, rng);
            Gaussian q = randomFull(d, cond, rng);
            EntropicPairPlan plan = EntropicGaussianPair.plan(p, q, eps);
            double[] ma = p.covarianceRowMajor();
            double[] mb = q.covarianceRowMajor();
            double[] k = plan.forwardMatrix();
            double[] kak = Dense.multiply(k, Dense.multiply(ma, k, d, d, d), d, d, d);
            double scale = Dense.maxAbs(mb);
            for (int i = 0; i < d * d; i++) {
                // round-off: ~d * cond * eps_machine relative to |B|
                assertThat(kak[i] + 0.5 * eps * k[i]).isCloseTo(mb[i], within(1e-13 * d * cond * scale));
            }
            double[] c = plan.crossCovariance();
            double[] cb = Dense.multiply(plan.backwardMatrix(), mb, d, d, d);
            assertThat(Dense.maxAbsDifference(c, cb)).isLessThan(1e-13 * d * cond * Math.max(scale, Dense.maxAbs(ma)));

            double[] joint = plan.jointCovariance();
            CholeskyFactor ch = CholeskyFactor.of(joint, 2 * d, "joint covariance");
            // inverse column by column; check the off-diagonal block against -(2/eps) I
            for (int col = d; col < 2 * d; col++) {
                double[] e = new double[2 * d];
                e[col] = 1;
                double[] inv = ch.solve(e);
                for (int r = 0; r < d; r++) {
                    double expected = r == col - d ? -2 / eps : 0;
                    // the inverse amplifies round-off by cond(joint) ~ cond(A) cond(B)^... keep it loose
                    // but far below the 2/eps signal
                    assertThat(inv[r]).isCloseTo(expected, within(1e-6 * (2 / eps) * Math.max(1, cond / 10)));
                }
            }
            double trC = Dense.trace(c, d);
            double transport = Dense.squaredDistance(p.mean(), q.mean()) + p.trace() + q.trace() - 2 * trC;
            assertThat(plan.objective().transport()).isCloseTo(transport, within(1e-10 * (1 + transport) * cond));
            double kl = 0.5 * (p.logDeterminant() + q.logDeterminant() - ch.logDeterminant());
            assertThat(plan.objective().kl()).isCloseTo(kl, within(1e-8 * (1 + kl) * cond));
            assertThat(plan.objective().objective())
                    .isCloseTo(plan.objective().transport() + eps * plan.objective().kl(), within(1e-14 * (1 + transport)));
            // the values-only route of the cost gives the same objective
            assertThat(EntropicGaussianPair.objective(p, q, eps).objective())
                    .isCloseTo(plan.objective().objective(), within(1e-12 * (1 + transport)));
        }
    }

    @Test
    void derivativeOfTheObjectiveInEps1IsTheKlPart() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int d : new int[] {1, 2, 5, 20}) {
            Gaussian p = randomFull(d, 30, rng);
            Gaussian q = randomFull(d, 30, rng);
            for (double eps : new double[] {0.05, 0.5, 5}) {
                double hStep = 1e-4 * eps;
                double up = EntropicGaussianPair.objective(p, q, eps + hStep).objective();
                double down = EntropicGaussianPair.objective(p, q, eps - hStep).objective();
                double fd = (up - down) / (2 * hStep);
                double kl = EntropicGaussianPair.objective(p, q, eps).kl();
                // central difference: truncation O(h^2 L''') ~ 1e-8 relative, round-off 1e-16 L / h
                assertThat(fd).isCloseTo(kl, within(1e-6 * (1 + kl)));
            }
        }
    }

    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {1, 2, 4, 15})
    void smallEps1TendsToTheBuresCouplingWithTheStatedExpansion(int d) {
        SplittableRandom rng = new SplittableRandom(100 + d);
        Gaussian p = randomFull(d, 20, rng);
        Gaussian q = randomFull(d, 20, rng);
        GaussianFactor fp = GaussianFactor.of(p);
        GaussianFactor fq = GaussianFactor.of(q);
        double w2 = PairKernels.w2Squared(fp, fq);
        double[] lambda = SymmetricEigen.values(fq.congruenceTranspose(p.covarianceRowMajor()), d);
        double[] bures = PairKernels.buresMap(fp, fq);
        double previous = Double.NaN;
        for (double eps : new double[] {1e-2, 1e-3, 1e-4}) {
            EntropicPairPlan plan = EntropicGaussianPair.plan(p, q, eps);
            double expansion = 0;
            for (double l : lambda) {
                expansion += 1 + Math.log(2 * Math.sqrt(l) / eps);
            }
            expansion *= eps / 2;
            double remainder = Math.abs(plan.objective().objective() - w2 - expansion);
            // the remainder is O(eps^2): eps^2 / 8 sum 1/sqrt(lambda) at leading order
            double bound = eps * eps * (d / 4.0) * maxInvSqrt(lambda) + 1e-13 * (1 + w2);
            assertThat(remainder).isLessThan(bound);
            // the transport part tends to W2^2 (from above, by (eps/2) d at first order)
            assertThat(plan.objective().transport() - w2).isCloseTo(eps * d / 2, within(eps * eps * d * maxInvSqrt(lambda) + 1e-12 * (1 + w2)));
            double err = Dense.maxAbsDifference(plan.forwardMatrix(), bures);
            if (!Double.isNaN(previous)) {
                // K - M = O(eps): the error falls tenfold with eps
                assertThat(err).isLessThan(previous / 5);
            }
            previous = err;
        }
        // eps1 = 0 through the internal route gives exactly the Bures map and W2^2
        EntropicPairPlan zero = EntropicGaussianPair.plan(fp, fq, 0);
        assertThat(Dense.maxAbsDifference(zero.forwardMatrix(), bures)).isLessThan(1e-10 * Dense.maxAbs(bures));
        assertThat(zero.objective().objective()).isCloseTo(w2, within(1e-11 * (1 + w2)));
        assertThat(Dense.maxAbs(zero.conditionalCovariance())).isZero();
    }

    private static double maxInvSqrt(double[] lambda) {
        double m = 0;
        for (double l : lambda) {
            m = Math.max(m, 1 / Math.sqrt(l));
        }
        return m;
    }

    @Test
    void largeEps1DecouplesLikeTwoABOverEps() {
        SplittableRandom rng = new SplittableRandom(77);
        int d = 3;
        Gaussian p = randomFull(d, 10, rng);
        Gaussian q = randomFull(d, 10, rng);
        double[] ab = Dense.multiply(p.covarianceRowMajor(), q.covarianceRowMajor(), d, d, d);
        for (double eps : new double[] {1e2, 1e3, 1e4}) {
            double[] c = EntropicGaussianPair.plan(p, q, eps).crossCovariance();
            double[] lead = ab.clone();
            for (int i = 0; i < lead.length; i++) {
                lead[i] *= 2 / eps;
            }
            // C = (2/eps) A B + O(eps^-3): the remainder after the leading term
            double rem = Dense.maxAbsDifference(c, lead);
            double abNorm = Dense.maxAbs(ab);
            assertThat(rem).isLessThan(64 * abNorm * Dense.maxAbs(p.covarianceRowMajor())
                    * Dense.maxAbs(q.covarianceRowMajor()) / (eps * eps * eps) + 1e-15 * abNorm);
            // and C itself tends to 0 like 1/eps
            assertThat(Dense.maxAbs(c)).isLessThan(4 * abNorm / eps);
        }
    }

    @Test
    void diagonalFastPathAgreesWithTheFullRoute() {
        SplittableRandom rng = new SplittableRandom(3);
        int d = 6;
        double[] va = rng.doubles(d, 0.1, 4).toArray();
        double[] vb = rng.doubles(d, 0.1, 4).toArray();
        double[] ma = rng.doubles(d, -1, 1).toArray();
        double[] mb = rng.doubles(d, -1, 1).toArray();
        Gaussian pd = Gaussian.diagonal(ma, va);
        Gaussian qd = Gaussian.diagonal(mb, vb);
        Gaussian pf = Gaussian.ofFlat(ma, pd.covarianceRowMajor());
        Gaussian qf = Gaussian.ofFlat(mb, qd.covarianceRowMajor());
        for (double eps : new double[] {0.01, 1}) {
            EntropicPairPlan fast = EntropicGaussianPair.plan(pd, qd, eps);
            EntropicPairPlan full = EntropicGaussianPair.plan(pf, qf, eps);
            EntropicPairPlan mixed = EntropicGaussianPair.plan(pd, qf, eps);
            assertThat(fast.objective().objective()).isCloseTo(full.objective().objective(), within(1e-12));
            assertThat(mixed.objective().objective()).isCloseTo(full.objective().objective(), within(1e-12));
            assertThat(Dense.maxAbsDifference(fast.forwardMatrix(), full.forwardMatrix())).isLessThan(1e-12);
            assertThat(Dense.maxAbsDifference(fast.backwardMatrix(), full.backwardMatrix())).isLessThan(1e-12);
            assertThat(Dense.maxAbsDifference(fast.crossCovariance(), mixed.crossCovariance())).isLessThan(1e-12);
        }
        Gaussian ps = Gaussian.spherical(ma, 2.0);
        Gaussian pss = Gaussian.diagonal(ma, new double[] {2, 2, 2, 2, 2, 2});
        assertThat(EntropicGaussianPair.objective(ps, qd, 0.3).objective())
                .isEqualTo(EntropicGaussianPair.objective(pss, qd, 0.3).objective());
    }

    @Test
    void inverseFreeRouteStaysPositiveDefiniteForIllConditionedAndSingularSources() {
        SplittableRandom rng = new SplittableRandom(12);
        int d = 5;
        Gaussian p = Gaussian.ofFlat(new double[d], RandomMatrices.spd(d, 1e12, 1e-6, rng));
        Gaussian q = randomFull(d, 1e3, rng);
        EntropicPairPlan plan = EntropicGaussianPair.plan(p, q, 0.1);
        // the joint covariance must be a valid Gaussian covariance (the textbook route can fail here)
        assertThat(CholeskyFactor.tryFactor(plan.jointCovariance(), 2 * d).isSuccessful()).isTrue();
        assertThat(plan.objective().objective()).isFinite().isPositive();
        // a rank-2 source in 5-D: the cost and the forward map exist (no inverse of A is needed)
        double[] v = RandomMatrices.orthogonal(d, rng);
        double[] low = Dense.synthesize(v, new double[] {0, 0, 0, 1, 2}, d);
        Gaussian singular = Gaussian.semiDefinite(new double[d], CovarianceType.FULL, low);
        EntropicGaussianPair.Objective o = EntropicGaussianPair.objective(GaussianFactor.of(singular),
                GaussianFactor.of(q), 0.1);
        assertThat(o.objective()).isFinite().isPositive();
        EntropicPairPlan sp = EntropicGaussianPair.plan(GaussianFactor.of(singular), GaussianFactor.of(q), 0.1);
        double[] k = sp.forwardMatrix();
        double[] kak = Dense.multiply(k, Dense.multiply(low, k, d, d, d), d, d, d);
        double[] mb = q.covarianceRowMajor();
        for (int i = 0; i < d * d; i++) {
            assertThat(kak[i] + 0.05 * k[i]).isCloseTo(mb[i], within(1e-9 * Dense.maxAbs(mb)));
        }
    }

    @Test
    void badInputIsRejectedWithTheOffendingValue() {
        Gaussian p = Gaussian.standard(2);
        Gaussian q = Gaussian.standard(3);
        for (double eps : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> EntropicGaussianPair.objective(p, p, eps))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eps1").hasMessageContaining(String.valueOf(eps));
            assertThatThrownBy(() -> EntropicGaussianPair.plan(p, p, eps)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> EntropicGaussianPair.objective(p, q, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 2").hasMessageContaining("dimension 3");
        assertThatThrownBy(() -> EntropicGaussianPair.plan(p, p, 1).forward(new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 3");
    }

    @Test
    void planSamplesHaveTheJointMomentsWithinMonteCarloError() {
        SplittableRandom rng = new SplittableRandom(8);
        int d = 2;
        Gaussian p = randomFull(d, 5, rng);
        Gaussian q = randomFull(d, 5, rng);
        EntropicPairPlan plan = EntropicGaussianPair.plan(p, q, 0.5);
        int n = 200_000;
        double[][] s = plan.sample(n, 42);
        double[] joint = plan.jointCovariance();
        double[] mean = new double[2 * d];
        System.arraycopy(p.mean(), 0, mean, 0, d);
        System.arraycopy(q.mean(), 0, mean, d, d);
        for (int r = 0; r < 2 * d; r++) {
            for (int c = 0; c < 2 * d; c++) {
                double acc = 0;
                for (double[] x : s) {
                    acc += (x[r] - mean[r]) * (x[c] - mean[c]);
                }
                double est = acc / n;
                double sr = joint[r * 2 * d + r];
                double sc = joint[c * 2 * d + c];
                // standard error of a sample covariance: sqrt((s_rr s_cc + s_rc^2) / n); allow 5 SE
                double se = Math.sqrt((sr * sc + joint[r * 2 * d + c] * joint[r * 2 * d + c]) / n);
                assertThat(est).isCloseTo(joint[r * 2 * d + c], within(5 * se));
            }
        }
    }
}
