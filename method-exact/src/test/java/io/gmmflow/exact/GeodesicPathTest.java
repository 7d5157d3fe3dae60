package io.gmmflow.exact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianPath;
import io.gmmflow.linalg.CholeskyFactor;
import io.gmmflow.linalg.Dense;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeodesicPathTest {

    private final BuresWassersteinCost cost = new BuresWassersteinCost();


    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {1, 2, 3, 10, 50, 300})
    void mapPushesSigma0OntoSigma1AndMatchesEq26(int d) {
        SplittableRandom rng = new SplittableRandom(31 * d);
        Gaussian a = TestSupport.randomFull(d, 100, rng);
        Gaussian b = TestSupport.randomFull(d, 100, rng);
        GeodesicPath path = GeodesicFlow.geodesic(a, b);
        double[] m = path.map();
        double[] mam = Dense.multiply(m, Dense.multiply(a.covarianceRowMajor(), m, d, d, d), d, d, d);
        // Errors ~ cond(Sigma0) * d * eps relative: 1e2 * 3e2 * 1e-16 = 3e-12; bound 1e-10.
        assertThat(TestSupport.relativeError(mam, b.covarianceRowMajor())).isLessThanOrEqualTo(1e-10);
        if (d <= 50) {
            assertThat(TestSupport.relativeError(m, TestSupport.buresMapBySquareRoots(a, b))).isLessThanOrEqualTo(1e-10);
        }
        // at(1) is the target, and the map sends mu0 to mu1.
        assertThat(TestSupport.relativeError(path.transport(a.mean()), b.mean())).isLessThanOrEqualTo(1e-14);
        assertThat(path.at(1)).isSameAs(b);
        assertThat(path.at(0)).isSameAs(a);
        assertThat(TestSupport.relativeError(path.covariance(1), b.covarianceRowMajor())).isLessThanOrEqualTo(1e-10);
    }

    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {1, 2, 4, 12, 40})
    void kineticActionEqualsW2SquaredTheorem3(int d) {
        SplittableRandom rng = new SplittableRandom(7 * d + 1);
        Gaussian a = TestSupport.randomFull(d, 50, rng);
        Gaussian b = TestSupport.randomFull(d, 50, rng);
        GeodesicPath path = GeodesicFlow.geodesic(a, b);
        // int_0^1 E|v(t, X_t)|^2 dt = int_0^1 (|m'(t)|^2 + tr(B(t) Sigma(t) B(t)^T)) dt by 20-point
        // Gauss-Legendre; the integrand is constant in t (eq. 57-58), so the rule is exact to round-off.
        double[][] gl = io.gmmflow.api.contract.ComponentFlowContract.gaussLegendre(20);
        double action = 0;
        for (int q = 0; q < 20; q++) {
            double t = 0.5 * (gl[0][q] + 1); // nodes on [-1, 1] mapped to [0, 1]
            double[] bt = path.velocityMatrix(t);
            double[] sig = path.covariance(t);
            double[] bsb = Dense.multiply(bt, Dense.multiply(sig, Dense.transpose(bt, d, d), d, d, d), d, d, d);
            double dm = 0;
            for (double v : path.meanVelocity(t)) {
                dm += v * v;
            }
            action += 0.5 * gl[1][q] * (dm + Dense.trace(bsb, d));
        }
        double w2 = TestSupport.w2BySquareRoots(a, b);
        assertThat(Math.abs(action - w2)).isLessThanOrEqualTo(1e-10 * w2);
        assertThat(Math.abs(path.kineticAction() - w2)).isLessThanOrEqualTo(1e-10 * w2);
        assertThat(Math.abs(path.kineticAction() - cost.cost(a, b))).isLessThanOrEqualTo(1e-12 * w2);
    }

    @Test
    void kineticActionByMonteCarloWithinFourStandardErrors() {
        SplittableRandom rng = new SplittableRandom(77);
        int d = 3;
        Gaussian a = TestSupport.randomFull(d, 20, rng);
        Gaussian b = TestSupport.randomFull(d, 20, rng);
        GeodesicPath path = GeodesicFlow.geodesic(a, b);
        int n = 40000;
        double t = 0.37;
        double[] pts = new double[n * d];
        double[][] s = path.at(t).sample(n, 99L);
        for (int i = 0; i < n; i++) {
            System.arraycopy(s[i], 0, pts, i * d, d);
        }
        double[] v = new double[n * d];
        path.evaluate(t, pts, 0, n, null, v);
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < n; i++) {
            double e = 0;
            for (int k = 0; k < d; k++) {
                e += v[i * d + k] * v[i * d + k];
            }
            sum += e;
            sum2 += e * e;
        }
        double mean = sum / n;
        double se = Math.sqrt((sum2 / n - mean * mean) / n);
        assertThat(Math.abs(mean - path.kineticAction())).isLessThanOrEqualTo(4 * se);
    }

    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {1, 2, 5, 20})
    void geodesicCovarianceIsTheW2Geodesic(int d) {
        SplittableRandom rng = new SplittableRandom(13 * d);
        Gaussian a = TestSupport.randomFull(d, 100, rng);
        Gaussian b = TestSupport.randomFull(d, 100, rng);
        GeodesicPath path = GeodesicFlow.geodesic(a, b);
        double w = Math.sqrt(cost.cost(a, b));
        double[] times = {0, 0.1, 0.25, 0.5, 0.8, 1};
        for (double s : times) {
            for (double t : times) {
                double wst = Math.sqrt(cost.cost(path.at(s), path.at(t)));
                // W2(N(s), N(t)) = |t - s| W2(N0, N1) (eq. 4 of seed 002); 1e-9 relative to W2.
                assertThat(Math.abs(wst - Math.abs(t - s) * w)).as("s=%s t=%s", s, t).isLessThanOrEqualTo(1e-9 * w);
            }
        }
    }

    @Test
    void trajectoriesOfTheFieldAreTheMapInterpolation() {
        // x(t) = m(t) + A(t)(x0 - mu0) solves x' = v(t, x): its derivative dmu + (M - I)(x0 - mu0)
        // must equal v(t, x(t)) at every t.
        SplittableRandom rng = new SplittableRandom(3);
        for (int d : new int[] {1, 2, 6, 25}) {
            Gaussian a = TestSupport.randomFull(d, 30, rng);
            Gaussian b = TestSupport.randomFull(d, 30, rng);
            GeodesicPath path = GeodesicFlow.geodesic(a, b);
            double[] m = path.map();
            int n = 40;
            double[] x0 = rng.doubles(n * d, -3, 3).toArray();
            for (double t : new double[] {0, 0.3, 0.9, 1}) {
                double[] xt = new double[n * d];
                double[] expected = new double[n * d];
                double[] mt = path.mean(t);
                for (int q = 0; q < n; q++) {
                    for (int i = 0; i < d; i++) {
                        double ax = 0;
                        double mx = 0;
                        for (int j = 0; j < d; j++) {
                            double r = x0[q * d + j] - a.mean(j);
                            double aij = t * m[i * d + j] + (i == j ? 1 - t : 0);
                            ax += aij * r;
                            mx += (m[i * d + j] - (i == j ? 1 : 0)) * r;
                        }
                        xt[q * d + i] = mt[i] + ax;
                        expected[q * d + i] = b.mean(i) - a.mean(i) + mx;
                    }
                }
                double[] v = new double[n * d];
                path.evaluate(t, xt, 0, n, null, v);
                assertThat(TestSupport.relativeError(v, expected)).as("d=%d t=%s", d, t).isLessThanOrEqualTo(1e-10);
                // The end point of the trajectory is T(x0).
                if (t == 1) {
                    double[] tx = new double[n * d];
                    path.transport(x0, 0, n, tx);
                    assertThat(TestSupport.relativeError(xt, tx)).isLessThanOrEqualTo(1e-12);
                }
            }
        }
    }

    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {1, 2, 3, 8, 30})
    void evaluateMatchesTheGaussianAtTAndTheAffineField(int d) {
        SplittableRandom rng = new SplittableRandom(41 * d);
        Gaussian a = TestSupport.randomFull(d, 50, rng);
        Gaussian b = TestSupport.randomFull(d, 50, rng);
        GeodesicPath path = GeodesicFlow.geodesic(a, b);
        int n = 2 * d + 3;   // enough points for the batched route; single calls use the other route
        double[] pts = rng.doubles(n * d, -4, 4).toArray();
        for (double t : new double[] {0, 0.2, 0.5, 0.99, 1}) {
            double[] ld = new double[n];
            double[] v = new double[n * d];
            path.evaluate(t, pts, 0, n, ld, v);
            Gaussian g = path.at(t);
            double[] bt = path.velocityMatrix(t);
            double[] mt = path.mean(t);
            for (int q = 0; q < n; q++) {
                double[] x = java.util.Arrays.copyOfRange(pts, q * d, q * d + d);
                // log N(x | m(t), Sigma(t)) through the Gaussian's own Cholesky of Sigma(t).
                double ref = g.logDensity(x);
                assertThat(Math.abs(ld[q] - ref)).isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(ref)));
                double[] vref = Dense.multiplyVector(bt, Dense.subtract(x, mt), d, d);
                double[] vq = java.util.Arrays.copyOfRange(v, q * d, q * d + d);
                for (int i = 0; i < d; i++) {
                    vref[i] += b.mean(i) - a.mean(i);
                }
                assertThat(TestSupport.relativeError(vq, vref)).isLessThanOrEqualTo(1e-10);
                // One point at a time (the unbatched route) gives the same numbers.
                double[] ld1 = new double[n];
                double[] v1 = new double[n * d];
                path.evaluate(t, pts, q, q + 1, ld1, v1);
                assertThat(Math.abs(ld1[q] - ld[q])).isLessThanOrEqualTo(1e-10 * Math.max(1, Math.abs(ref)));
                assertThat(TestSupport.relativeError(java.util.Arrays.copyOfRange(v1, q * d, q * d + d), vq))
                        .isLessThanOrEqualTo(1e-10);
            }
            assertThat(Math.abs(path.logDeterminant(t) - g.logDeterminant())).isLessThanOrEqualTo(1e-10 * (1 + Math.abs(g.logDeterminant())));
        }
    }

    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {1, 2, 4})
    void continuityEquationHolds(int d) {
        // d/dt log rho + div v + v . grad log rho = 0 along the path; d/dt by a central difference
        // (h = 1e-4, error ~ h^2 |d3 log rho / dt3| ~ 1e-8), div v = tr B(t), grad log rho =
        // -Sigma(t)^{-1}(x - m(t)) by a separate Cholesky solve.
        SplittableRandom rng = new SplittableRandom(5 + d);
        Gaussian a = TestSupport.randomFull(d, 10, rng);
        Gaussian b = TestSupport.randomFull(d, 10, rng);
        GeodesicPath path = GeodesicFlow.geodesic(a, b);
        double h = 1e-4;
        for (int trial = 0; trial < 30; trial++) {
            double t = rng.nextDouble(0.05, 0.95);
            double[] x = path.at(t).sample(1, rng.nextLong())[0];
            double[] lp = new double[1];
            double[] lm = new double[1];
            double[] v = new double[d];
            path.evaluate(t + h, x, 0, 1, lp, null);
            path.evaluate(t - h, x, 0, 1, lm, null);
            path.evaluate(t, x, 0, 1, null, v);
            double dt = (lp[0] - lm[0]) / (2 * h);
            double div = Dense.trace(path.velocityMatrix(t), d);
            double[] grad = CholeskyFactor.of(path.covariance(t), d, "Sigma(t)").solve(Dense.subtract(x, path.mean(t)));
            double adv = 0;
            double scale = Math.abs(dt) + Math.abs(div);
            for (int i = 0; i < d; i++) {
                adv -= v[i] * grad[i];
                scale += Math.abs(v[i] * grad[i]);
            }
            assertThat(Math.abs(dt + div + adv)).isLessThanOrEqualTo(1e-6 * scale);
        }
    }

    @Test
    void diagonalRouteAgreesWithTheFullRoute() {
        SplittableRandom rng = new SplittableRandom(8);
        int d = 6;
        double[] ma = rng.doubles(d, -1, 1).toArray();
        double[] mb = rng.doubles(d, -1, 1).toArray();
        double[] va = rng.doubles(d, 0.1, 5).toArray();
        double[] vb = rng.doubles(d, 0.1, 5).toArray();
        GeodesicPath diag = GeodesicFlow.geodesic(Gaussian.diagonal(ma, va), Gaussian.diagonal(mb, vb));
        GeodesicPath full = GeodesicFlow.geodesic(Gaussian.ofFlat(ma, Gaussian.diagonal(ma, va).covarianceRowMajor()),
                Gaussian.ofFlat(mb, Gaussian.diagonal(mb, vb).covarianceRowMajor()));
        assertThat(diag.isDiagonal()).isTrue();
        assertThat(full.isDiagonal()).isFalse();
        assertThat(Math.abs(diag.kineticAction() - full.kineticAction())).isLessThanOrEqualTo(1e-13 * full.kineticAction());
        int n = 20;
        double[] pts = rng.doubles(n * d, -3, 3).toArray();
        for (double t : new double[] {0, 0.4, 1}) {
            double[] ld1 = new double[n];
            double[] v1 = new double[n * d];
            double[] ld2 = new double[n];
            double[] v2 = new double[n * d];
            diag.evaluate(t, pts, 0, n, ld1, v1);
            full.evaluate(t, pts, 0, n, ld2, v2);
            assertThat(TestSupport.relativeError(ld1, ld2)).isLessThanOrEqualTo(1e-12);
            assertThat(TestSupport.relativeError(v1, v2)).isLessThanOrEqualTo(1e-12);
            assertThat(TestSupport.relativeError(diag.covariance(t), full.covariance(t))).isLessThanOrEqualTo(1e-12);
            assertThat(diag.at(t).covarianceType()).isEqualTo(t == 1 || t == 0 ? CovarianceType.DIAGONAL : CovarianceType.DIAGONAL);
        }
        GeodesicPath sph = GeodesicFlow.geodesic(Gaussian.spherical(ma, 2), Gaussian.spherical(mb, 0.5));
        assertThat(sph.at(0.5).covarianceType()).isEqualTo(CovarianceType.SPHERICAL);
        // sigma(1/2) = (sqrt 2 + sqrt 0.5) / 2
        assertThat(sph.at(0.5).covariance(0, 0)).isCloseTo(Math.pow((Math.sqrt(2) + Math.sqrt(0.5)) / 2, 2),
                org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void identicalCovariancesGiveATranslation() {
        SplittableRandom rng = new SplittableRandom(10);
        Gaussian a = TestSupport.randomFull(7, 1e6, rng);
        Gaussian b = Gaussian.ofFlat(new double[7], a.covarianceRowMajor());
        GeodesicPath path = GeodesicFlow.geodesic(a, b);
        assertThat(path.map()).isEqualTo(Dense.identity(7));
        assertThat(path.kineticAction()).isEqualTo(Dense.squaredDistance(a.mean(), b.mean()));
        double[] v = path.velocity(0.3, new double[7]);
        assertThat(TestSupport.relativeError(v, Dense.subtract(b.mean(), a.mean()))).isLessThanOrEqualTo(1e-15);
    }

    @Test
    void badInputIsRejectedWithAMessage() {
        Gaussian a = Gaussian.standard(2);
        GeodesicFlow flow = new GeodesicFlow();
        assertThatThrownBy(() -> flow.path(a, Gaussian.standard(3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension 2").hasMessageContaining("dimension 3");
        Gaussian point = Gaussian.semiDefinite(new double[2], CovarianceType.SPHERICAL, new double[] {0});
        assertThatThrownBy(() -> flow.path(point, a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source covariance is not positive definite");
        assertThatThrownBy(() -> flow.path(a, point)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("target covariance is not positive definite");
        GaussianPath path = flow.path(a, Gaussian.spherical(new double[] {1, 1}, 2));
        for (double t : new double[] {-0.1, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> path.at(t)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t must be in [0, 1]");
            assertThatThrownBy(() -> path.evaluate(t, new double[2], 0, 1, new double[1], null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> path.evaluate(0.5, new double[3], 0, 2, null, new double[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("point range");
        assertThatThrownBy(() -> path.evaluate(0.5, new double[4], 0, 2, new double[1], null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("log-density");
        assertThatThrownBy(() -> path.velocity(0.5, new double[3])).isInstanceOf(IllegalArgumentException.class);
    }
}
