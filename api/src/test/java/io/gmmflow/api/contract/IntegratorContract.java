package io.gmmflow.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gmmflow.api.IntegrationStatus;
import io.gmmflow.api.Integrator;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.Trajectory;
import io.gmmflow.api.VelocityField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link Integrator} plugin meets, run over every integrator that
 * {@link ServiceLoader} finds on the test class path (and failing if it finds none). A plugin
 * module adds a one-line subclass, {@code class IntegratorContractTest extends IntegratorContract {}}.
 *
 * <p>Generic properties only; accuracy and convergence order are each module's own tests. Where a
 * test needs accuracy, it asks for 1% on a unit-time smooth problem with the plugin's defaults: the
 * least accurate standard method, explicit Euler with 100 steps, has relative error about
 * h T / 2 = 5e-3 on x' = -x over [0, 1].
 */
public abstract class IntegratorContract {

    /** Every integrator registered with ServiceLoader; fails when there is none. */
    static List<Integrator> plugins() {
        List<Integrator> list = new ArrayList<>();
        ServiceLoader.load(Integrator.class).forEach(list::add);
        assertThat(list).as("Integrator plugins found by ServiceLoader").isNotEmpty();
        return list;
    }

    static Stream<Integrator> integrators() {
        return plugins().stream();
    }

    /** u(t, x) = c, a constant. */
    static VelocityField constant(double... c) {
        return new VelocityField() {
            @Override
            public int dimension() {
                return c.length;
            }

            @Override
            public void evaluate(double t, double[] points, int from, int to, double[] out) {
                for (int p = from; p < to; p++) {
                    System.arraycopy(c, 0, out, p * c.length, c.length);
                }
            }
        };
    }

    /** u(t, x) = -x in dimension d. */
    static VelocityField decay(int d) {
        return new VelocityField() {
            @Override
            public int dimension() {
                return d;
            }

            @Override
            public void evaluate(double t, double[] points, int from, int to, double[] out) {
                for (int i = from * d; i < to * d; i++) {
                    out[i] = -points[i];
                }
            }
        };
    }

    static double[] randomPoints(int n, int d, long seed) {
        Random rnd = new Random(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian() * 2;
        }
        return x;
    }

    @Test
    void serviceLoaderFindsIntegratorsWithUniqueNames() {
        List<Integrator> all = plugins();
        Set<String> names = new HashSet<>();
        for (Integrator it : all) {
            assertThat(names.add(it.name())).as("duplicate integrator name %s", it.name()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("integrators")
    void describesItself(Integrator it) {
        assertThat(it.name()).matches("[a-z0-9]+(-[a-z0-9]+)*");
        assertThat(it.description()).isNotBlank();
        assertThat(it.defaults()).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("integrators")
    void zeroFieldLeavesPointsUnchanged(Integrator it) {
        double[] x = randomPoints(5, 3, 1);
        Trajectory tr = it.integrate(constant(0, 0, 0), 0, 1, x, Parameters.empty());
        assertThat(tr.endPoints()).isEqualTo(x);
        assertThat(tr.endTime()).isEqualTo(1.0);
        assertThat(tr.status()).isEqualTo(IntegrationStatus.COMPLETED);
        assertThat(tr.steps()).isPositive();
        assertThat(tr.evaluations()).isPositive();
        assertThat(tr.rejectedSteps()).isNotNegative();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("integrators")
    void constantFieldMovesPointsByElapsedTimeTimesVelocity(Integrator it) {
        double[] c = {0.75, -2.5};
        double[] x = randomPoints(9, 2, 2);
        for (double[] span : new double[][] {{0.25, 1.75}, {1.75, 0.25}}) {
            Trajectory tr = it.integrate(constant(c), span[0], span[1], x, Parameters.empty());
            assertThat(tr.status()).isEqualTo(IntegrationStatus.COMPLETED);
            assertThat(tr.endTime()).isEqualTo(span[1]);
            double[] end = tr.endPoints();
            for (int i = 0; i < x.length; i++) {
                // exact in exact arithmetic for every consistent method; allow round-off of a few hundred steps
                assertThat(end[i]).isCloseTo(x[i] + (span[1] - span[0]) * c[i % 2], within(1e-12 * (1 + Math.abs(x[i]))));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("integrators")
    void decayMatchesClosedFormForwardsAndBackwards(Integrator it) {
        double[] x = randomPoints(4, 2, 3);
        Trajectory fwd = it.integrate(decay(2), 0, 1, x, Parameters.empty());
        Trajectory bwd = it.integrate(decay(2), 1, 0, x, Parameters.empty());
        assertThat(fwd.status()).isEqualTo(IntegrationStatus.COMPLETED);
        assertThat(bwd.status()).isEqualTo(IntegrationStatus.COMPLETED);
        assertThat(bwd.endTime()).isEqualTo(0.0);
        for (int i = 0; i < x.length; i++) {
            double f = x[i] * Math.exp(-1);
            double b = x[i] * Math.E;
            assertThat(fwd.endPoints()[i]).isCloseTo(f, within(1e-2 * Math.abs(f)));
            assertThat(bwd.endPoints()[i]).isCloseTo(b, within(1e-2 * Math.abs(b)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("integrators")
    void snapshotsHaveTheRequestedShapeAndOrder(Integrator it) {
        int n = 7;
        int d = 2;
        double[] x = randomPoints(n, d, 4);
        double[] times = {0.5, 0.0, 1.0, 0.5, 0.3};
        Trajectory tr = it.integrate(decay(d), 0, 1, x, Parameters.empty(), times);
        assertThat(tr.endPoints()).hasSize(n * d);
        assertThat(tr.times()).containsExactly(times);
        double[][] snaps = tr.snapshots();
        assertThat(snaps).hasNumberOfRows(times.length);
        for (double[] s : snaps) {
            assertThat(s).hasSize(n * d);
        }
        assertThat(snaps[1]).as("snapshot at t0 is the start").isEqualTo(x);
        assertThat(snaps[2]).as("snapshot at t1 is the end").isEqualTo(tr.endPoints());
        assertThat(snaps[0]).as("duplicate record times give equal snapshots").isEqualTo(snaps[3]);
        for (int i = 0; i < n * d; i++) {
            double exact = x[i] * Math.exp(-0.3);
            assertThat(snaps[4][i]).isCloseTo(exact, within(1e-2 * Math.abs(exact)));
        }
        Trajectory none = it.integrate(decay(d), 0, 1, x, Parameters.empty());
        assertThat(none.times()).isEmpty();
        assertThat(none.snapshots()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("integrators")
    void doesNotModifyItsInputs(Integrator it) {
        double[] x = randomPoints(6, 3, 5);
        double[] xCopy = x.clone();
        double[] times = {0.9, 0.1};
        double[] timesCopy = times.clone();
        it.integrate(decay(3), 0, 1, x, Parameters.empty(), times);
        assertThat(x).isEqualTo(xCopy);
        assertThat(times).isEqualTo(timesCopy);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("integrators")
    void zeroLengthIntervalReturnsTheStart(Integrator it) {
        double[] x = randomPoints(3, 2, 6);
        Trajectory tr = it.integrate(decay(2), 0.5, 0.5, x, Parameters.empty(), 0.5);
        assertThat(tr.endPoints()).isEqualTo(x);
        assertThat(tr.snapshots()[0]).isEqualTo(x);
        assertThat(tr.status()).isEqualTo(IntegrationStatus.COMPLETED);
    }

    /** Fields such as Gaussian paths may be undefined outside [t0, t1]; ranges must lie inside the batch. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("integrators")
    void callsTheFieldOnlyInsideTheIntervalOnValidRanges(Integrator it) {
        int n = 600;
        int d = 2;
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        for (double[] span : new double[][] {{0, 1}, {1, 0}, {0.1, 0.7}}) {
            double lo = Math.min(span[0], span[1]);
            double hi = Math.max(span[0], span[1]);
            VelocityField checked = new VelocityField() {
                @Override
                public int dimension() {
                    return d;
                }

                @Override
                public void evaluate(double t, double[] points, int from, int to, double[] out) {
                    if (!(t >= lo && t <= hi)) {
                        violations.add("t = " + t + " outside [" + lo + ", " + hi + "]");
                    }
                    // chunk-local arrays are allowed, but the range must lie inside them and inside the batch
                    if (from < 0 || from >= to || to > n || to * d > points.length || to * d > out.length) {
                        violations.add("range [" + from + ", " + to + ") on arrays " + points.length + ", " + out.length);
                    }
                    for (int i = from * d; i < to * d; i++) {
                        out[i] = -points[i] * (1 + t);
                    }
                }
            };
            it.integrate(checked, span[0], span[1], randomPoints(n, d, 7), Parameters.empty(), lo, hi, (lo + hi) / 3);
        }
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("integrators")
    void rejectsBadInputsNamingThem(Integrator it) {
        Parameters none = Parameters.empty();
        assertThatThrownBy(() -> it.integrate(decay(2), 0, 1, new double[5], none))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5").hasMessageContaining("dimension 2");
        assertThatThrownBy(() -> it.integrate(decay(2), 0, 1, new double[0], none))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("N = 0");
        assertThatThrownBy(() -> it.integrate(decay(2), Double.NaN, 1, new double[2], none))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t0");
        assertThatThrownBy(() -> it.integrate(decay(2), 0, Double.POSITIVE_INFINITY, new double[2], none))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t1");
        assertThatThrownBy(() -> it.integrate(decay(2), 0, 1, new double[2], none, 0.5, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("record time 1").hasMessageContaining("1.5");
        assertThatThrownBy(() -> it.integrate(decay(2), 1, 0, new double[2], none, -0.25))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("record time 0").hasMessageContaining("-0.25");
        assertThatThrownBy(() -> it.integrate(decay(2), 0, 1, new double[2], none, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("record time 0");
    }

    /** Every parameter a plugin lists in its defaults is validated: NaN and -1 are refused, by name. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("integrators")
    void rejectsBadParametersNamingThem(Integrator it) {
        for (String name : it.defaults().names()) {
            for (double bad : new double[] {Double.NaN, -1}) {
                Parameters p = Parameters.empty().with(name, bad);
                assertThatThrownBy(() -> it.integrate(decay(1), 0, 1, new double[] {1}, p))
                        .as("parameter %s = %s", name, bad)
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
            }
        }
    }

    /** One instance serves concurrent calls: results equal those of the same calls made one at a time. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("integrators")
    void concurrentCallsGiveTheSerialResults(Integrator it) throws Exception {
        int calls = 6;
        double[][] expected = new double[calls][];
        for (int c = 0; c < calls; c++) {
            expected[c] = it.integrate(decay(2), 0, 1 + c, randomPoints(300, 2, 100 + c), Parameters.empty()).endPoints();
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int c = 0; c < calls; c++) {
                int cc = c;
                futures.add(pool.submit(() -> it.integrate(decay(2), 0, 1 + cc, randomPoints(300, 2, 100 + cc),
                        Parameters.empty()).endPoints()));
            }
            for (int c = 0; c < calls; c++) {
                assertThat(futures.get(c).get()).isEqualTo(expected[c]);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
