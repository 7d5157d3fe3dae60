package io.gmmflow.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmmflow.api.ComponentFlow;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianPath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link ComponentFlow} plugin meets, run over every flow {@link ServiceLoader}
 * finds on the test class path (and failing if it finds none). A plugin module adds the one-line
 * subclass {@code class ComponentFlowContractTest extends ComponentFlowContract {}}.
 *
 * <p>Each flow is checked on a fixed, seeded set of pairs: full covariances in d = 1, 2, 3, 5, 8,
 * diagonal, spherical and mixed storage, all with target/source variance ratios in about [0.2, 5]
 * (so every flow's path is smooth on [0, 1]). The properties are generic, true of any Gaussian path
 * with an affine field that carries it:
 * <ul>
 *   <li>the end points: at(0) is the source and at(1) the target (1e-12 relative);</li>
 *   <li>mean, meanVelocity (central differences of mean(t)), velocityMatrix, logDeterminant and
 *       at(t) agree with what evaluate returns (1e-10 relative);</li>
 *   <li>the continuity equation d/dt rho + div(rho v) = 0, divided by rho:
 *       d/dt log rho + div v + grad log rho . v = 0, every derivative by central differences
 *       (step 1e-4: truncation ~1e-8, round-off ~1e-11), residual below 1e-6 of the sum of the
 *       terms' absolute values, at random (t, x);</li>
 *   <li>kineticAction() equals composite Gauss-Legendre quadrature in t (10 panels x 20 nodes; the
 *       integrand's nearest singularity is at least 0.2 away from [0, 1], so the rule is exact to
 *       round-off) of the closed-form E|v|^2 = |m'|^2 + tr(B Sigma B^T), to 1e-10 relative;</li>
 *   <li>a batched evaluate equals single-point calls, writes only its range, and accepts a null output;</li>
 *   <li>mismatched dimensions give an IllegalArgumentException.</li>
 * </ul>
 */
public abstract class ComponentFlowContract {

    /** Every component flow registered with ServiceLoader; fails when there is none. */
    static List<ComponentFlow> plugins() {
        List<ComponentFlow> list = new ArrayList<>();
        ServiceLoader.load(ComponentFlow.class).forEach(list::add);
        assertThat(list).as("ComponentFlow plugins found by ServiceLoader").isNotEmpty();
        return list;
    }

    static Stream<ComponentFlow> flows() {
        return plugins().stream();
    }

    /** A random SPD matrix B B^T / d + c I, row-major, with eigenvalues in about [c, c + 4]. */
    static double[] randomSpd(int d, double c, SplittableRandom rng) {
        double[] b = new double[d * d];
        for (int i = 0; i < d * d; i++) {
            b[i] = rng.nextGaussian();
        }
        double[] s = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double t = 0;
                for (int k = 0; k < d; k++) {
                    t += b[i * d + k] * b[j * d + k];
                }
                t /= d;
                if (i == j) {
                    t += c;
                }
                s[i * d + j] = t;
                s[j * d + i] = t;
            }
        }
        return s;
    }

    static double[] randomMean(int d, SplittableRandom rng) {
        return rng.doubles(d, -2, 2).toArray();
    }

    /** The fixed set of test pairs. */
    static List<Gaussian[]> pairs() {
        SplittableRandom rng = new SplittableRandom(20240611L);
        List<Gaussian[]> list = new ArrayList<>();
        for (int d : new int[] {1, 2, 3, 5, 8}) {
            for (int rep = 0; rep < 2; rep++) {
                list.add(new Gaussian[] {
                    Gaussian.ofFlat(randomMean(d, rng), randomSpd(d, 0.5, rng)),
                    Gaussian.ofFlat(randomMean(d, rng), randomSpd(d, 0.5, rng))});
            }
        }
        list.add(new Gaussian[] {
            Gaussian.diagonal(randomMean(4, rng), rng.doubles(4, 0.3, 2).toArray()),
            Gaussian.diagonal(randomMean(4, rng), rng.doubles(4, 0.3, 2).toArray())});
        list.add(new Gaussian[] {Gaussian.spherical(randomMean(3, rng), 0.7), Gaussian.spherical(randomMean(3, rng), 1.9)});
        list.add(new Gaussian[] {
            Gaussian.ofFlat(randomMean(3, rng), randomSpd(3, 0.5, rng)),
            Gaussian.diagonal(randomMean(3, rng), rng.doubles(3, 0.5, 2).toArray())});
        return list;
    }

    static double relativeError(double a, double b) {
        return Math.abs(a - b) / Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /** A point near N(m(t), Sigma(t)): the mean plus a standard normal draw (scales are O(1) here). */
    static double[] pointNear(GaussianPath path, double t, SplittableRandom rng) {
        double[] x = path.mean(t);
        for (int i = 0; i < x.length; i++) {
            x[i] += rng.nextGaussian();
        }
        return x;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void endPointsAreSourceAndTarget(ComponentFlow flow) {
        for (Gaussian[] p : pairs()) {
            GaussianPath path = flow.path(p[0], p[1]);
            assertThat(path.dimension()).isEqualTo(p[0].dimension());
            for (int end = 0; end <= 1; end++) {
                Gaussian expected = p[end];
                Gaussian got = path.at(end);
                double scale = maxAbs(expected.covarianceRowMajor());
                assertThat(maxDiff(got.mean(), expected.mean())).as("mean at t = %d", end)
                        .isLessThanOrEqualTo(1e-12 * Math.max(1, maxAbs(expected.mean())));
                assertThat(maxDiff(got.covarianceRowMajor(), expected.covarianceRowMajor()))
                        .as("covariance at t = %d", end).isLessThanOrEqualTo(1e-12 * scale);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void accessorsAgreeWithEvaluate(ComponentFlow flow) {
        SplittableRandom rng = new SplittableRandom(7);
        for (Gaussian[] p : pairs()) {
            GaussianPath path = flow.path(p[0], p[1]);
            int d = path.dimension();
            for (double t : new double[] {0, 0.3, 0.71, 1}) {
                Gaussian g = path.at(t);
                assertThat(maxDiff(path.mean(t), g.mean())).isLessThanOrEqualTo(1e-12 * Math.max(1, maxAbs(g.mean())));
                assertThat(relativeError(path.logDeterminant(t), g.logDeterminant())).as("log det at t = %s", t)
                        .isLessThanOrEqualTo(1e-10);
                if (t > 0 && t < 1) {
                    double h = 1e-5;
                    double[] up = path.mean(t + h);
                    double[] down = path.mean(t - h);
                    double[] mv = path.meanVelocity(t);
                    for (int i = 0; i < d; i++) {
                        double fd = (up[i] - down[i]) / (2 * h);
                        // central difference: O(h^2 |m'''|) truncation, O(eps |m| / h) ~ 1e-11 round-off
                        assertThat(relativeError(fd, mv[i])).as("m'(t) component %d", i).isLessThanOrEqualTo(1e-7);
                    }
                }
                double[] b = path.velocityMatrix(t);
                double[] m = path.mean(t);
                double[] mv = path.meanVelocity(t);
                int n = 5;
                double[] pts = new double[n * d];
                for (int q = 0; q < n; q++) {
                    System.arraycopy(pointNear(path, t, rng), 0, pts, q * d, d);
                }
                double[] logDensity = new double[n];
                double[] v = new double[n * d];
                path.evaluate(t, pts, 0, n, logDensity, v);
                for (int q = 0; q < n; q++) {
                    double[] x = Arrays.copyOfRange(pts, q * d, q * d + d);
                    assertThat(relativeError(logDensity[q], g.logDensity(x))).as("log-density at t = %s", t)
                            .isLessThanOrEqualTo(1e-10);
                    for (int i = 0; i < d; i++) {
                        double affine = mv[i];
                        for (int j = 0; j < d; j++) {
                            affine += b[i * d + j] * (x[j] - m[j]);
                        }
                        assertThat(relativeError(v[q * d + i], affine)).as("v = m' + B (x - m) at t = %s", t)
                                .isLessThanOrEqualTo(1e-10);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void satisfiesTheContinuityEquation(ComponentFlow flow) {
        SplittableRandom rng = new SplittableRandom(11);
        for (Gaussian[] p : pairs()) {
            GaussianPath path = flow.path(p[0], p[1]);
            int d = path.dimension();
            for (int trial = 0; trial < 4; trial++) {
                double t = rng.nextDouble(0.05, 0.95);
                double[] x = pointNear(path, t, rng);
                double h = 1e-4;
                double dtLog = (logDensity(path, t + h, x) - logDensity(path, t - h, x)) / (2 * h);
                double[] v = path.velocity(t, x);
                double div = 0;
                double transport = 0;
                double scale = Math.abs(dtLog);
                for (int i = 0; i < d; i++) {
                    double[] xp = x.clone();
                    double[] xm = x.clone();
                    xp[i] += h;
                    xm[i] -= h;
                    double gradLog = (logDensity(path, t, xp) - logDensity(path, t, xm)) / (2 * h);
                    double dv = (path.velocity(t, xp)[i] - path.velocity(t, xm)[i]) / (2 * h);
                    div += dv;
                    transport += gradLog * v[i];
                    scale += Math.abs(dv) + Math.abs(gradLog * v[i]);
                }
                double residual = dtLog + div + transport;
                assertThat(Math.abs(residual)).as("continuity residual at t = %s, d = %d", t, d)
                        .isLessThanOrEqualTo(1e-6 * scale);
            }
        }
    }

    static double logDensity(GaussianPath path, double t, double[] x) {
        double[] out = new double[1];
        path.evaluate(t, x, 0, 1, out, null);
        return out[0];
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void kineticActionIsTheQuadratureOfTheExpectedSquaredSpeed(ComponentFlow flow) {
        double[][] gl = gaussLegendre(20);
        int panels = 10;
        for (Gaussian[] p : pairs()) {
            GaussianPath path = flow.path(p[0], p[1]);
            int d = path.dimension();
            double quad = 0;
            for (int panel = 0; panel < panels; panel++) {
                double lo = (double) panel / panels;
                double hi = (double) (panel + 1) / panels;
                for (int q = 0; q < gl[0].length; q++) {
                    double t = lo + 0.5 * (hi - lo) * (gl[0][q] + 1);
                    double[] mv = path.meanVelocity(t);
                    double[] b = path.velocityMatrix(t);
                    double[] sigma = path.at(t).covarianceRowMajor();
                    double e = 0;
                    for (double c : mv) {
                        e += c * c;
                    }
                    // tr(B Sigma B^T) = sum_ij (B Sigma)_ij B_ij
                    for (int i = 0; i < d; i++) {
                        for (int j = 0; j < d; j++) {
                            double bs = 0;
                            for (int k = 0; k < d; k++) {
                                bs += b[i * d + k] * sigma[k * d + j];
                            }
                            e += bs * b[i * d + j];
                        }
                    }
                    quad += 0.5 * (hi - lo) * gl[1][q] * e;
                }
            }
            double action = path.kineticAction();
            assertThat(Math.abs(action - quad)).as("kinetic action vs quadrature, d = %d", d)
                    .isLessThanOrEqualTo(1e-10 * Math.max(quad, 1e-300));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void batchedEvaluateEqualsSinglePointCalls(ComponentFlow flow) {
        SplittableRandom rng = new SplittableRandom(13);
        for (Gaussian[] p : pairs()) {
            GaussianPath path = flow.path(p[0], p[1]);
            int d = path.dimension();
            double t = 0.37;
            int n = 9;
            double[] pts = new double[n * d];
            for (int q = 0; q < n; q++) {
                System.arraycopy(pointNear(path, t, rng), 0, pts, q * d, d);
            }
            double[] logDensity = new double[n];
            double[] v = new double[n * d];
            Arrays.fill(logDensity, Double.NaN);
            Arrays.fill(v, Double.NaN);
            int from = 2;
            int to = 7;
            path.evaluate(t, pts, from, to, logDensity, v);
            double[] velocityOnly = new double[n * d];
            path.evaluate(t, pts, from, to, null, velocityOnly);
            double[] densityOnly = new double[n];
            path.evaluate(t, pts, from, to, densityOnly, null);
            for (int q = 0; q < n; q++) {
                if (q < from || q >= to) {
                    assertThat(logDensity[q]).as("slot %d outside the range is untouched", q).isNaN();
                    assertThat(v[q * d]).as("slot %d outside the range is untouched", q).isNaN();
                    continue;
                }
                double[] x = Arrays.copyOfRange(pts, q * d, q * d + d);
                double[] single = new double[1];
                double[] sv = new double[d];
                path.evaluate(t, x, 0, 1, single, sv);
                assertThat(relativeError(logDensity[q], single[0])).isLessThanOrEqualTo(1e-14);
                assertThat(relativeError(densityOnly[q], single[0])).isLessThanOrEqualTo(1e-14);
                double[] viaDefault = path.velocity(t, x);
                for (int i = 0; i < d; i++) {
                    assertThat(relativeError(v[q * d + i], sv[i])).isLessThanOrEqualTo(1e-14);
                    assertThat(relativeError(velocityOnly[q * d + i], sv[i])).isLessThanOrEqualTo(1e-14);
                    assertThat(relativeError(viaDefault[i], sv[i])).isLessThanOrEqualTo(1e-14);
                }
            }
        }
    }

    @Test
    void everyFlowRejectsMismatchedDimensions() {
        Gaussian a = Gaussian.standard(2);
        Gaussian b = Gaussian.standard(3);
        for (ComponentFlow flow : plugins()) {
            assertThatThrownBy(() -> flow.path(a, b)).as(flow.name()).isInstanceOf(IllegalArgumentException.class);
            GaussianPath path = flow.path(a, Gaussian.spherical(new double[] {1, 0}, 2));
            assertThatThrownBy(() -> path.velocity(0.5, new double[] {1, 2, 3})).as(flow.name())
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(flow.name()).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(flow.description()).isNotBlank();
        }
    }

    /** n-point Gauss-Legendre nodes and weights on [-1, 1] by Newton on P_n (exact to round-off). */
    public static double[][] gaussLegendre(int n) {
        double[] x = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 1;
            for (int it = 0; it < 100; it++) {
                double p0 = 1;
                double p1 = z;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                dp = n * (z * p1 - p0) / (z * z - 1);
                double dz = p1 / dp;
                z -= dz;
                if (Math.abs(dz) < 1e-16) {
                    break;
                }
            }
            double p0 = 1;
            double p1 = z;
            for (int k = 2; k <= n; k++) {
                double p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
                p0 = p1;
                p1 = p2;
            }
            dp = n * (z * p1 - p0) / (z * z - 1);
            x[i] = z;
            w[i] = 2 / ((1 - z * z) * dp * dp);
        }
        return new double[][] {x, w};
    }
}
