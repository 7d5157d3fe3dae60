package io.gmmflow.integrators;

import static io.gmmflow.integrators.TestFields.maxAbsDiff;
import static io.gmmflow.integrators.TestFields.randomPoints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gmmflow.api.IntegrationStatus;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.Trajectory;
import io.gmmflow.api.VelocityField;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@code dopri5}: tolerance proportionality, dense output, step control, statuses and parameters. */
class DormandPrince54IntegratorTest extends IntegratorAbstractTest {

    private static final DormandPrince54Integrator INTEGRATOR = new DormandPrince54Integrator();

    /** Tolerances of the sweep, 1e-3 .. 1e-10. */
    private static final double[] TOLERANCES = {1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10};

    @Override
    DormandPrince54Integrator integrator() {
        return INTEGRATOR;
    }

    @Override
    Parameters accurate() {
        return Parameters.of("rtol", 1e-10, "atol", 1e-10);
    }

    @Override
    double accurateTolerance() {
        return TOLERANCE_FACTOR * 1e-10;
    }

    /**
     * Global error over tolerance (rtol = atol = tol) on the test problems. The step control bounds
     * the local error per step by about tol, and over spans of a few time units the global error
     * stays within a small multiple of it. Measured over the sweep below: at most 3.02 tol
     * (rotation-decay over [0, 4] at tol = 1e-3), 1.03 tol on cosine growth; dense output against
     * separate integrations 4.4 tol; so C = 10 leaves a factor 3 of margin.
     */
    static final double TOLERANCE_FACTOR = 10;

    @Override
    Trajectory integrate(VelocityField f, double t0, double t1, double[] x, Parameters p, Batch.ChunkPolicy policy,
                         double... record) {
        return INTEGRATOR.integrate(f, t0, t1, x, p, policy, record);
    }

    private static Parameters tol(double tol) {
        return Parameters.of("rtol", tol, "atol", tol);
    }

    /**
     * Error falls with the tolerance and stays below C tol; evaluations never rise as the tolerance
     * loosens (the sweep runs from tight to loose). Problems: rotation-decay over [0, 4] (two turns
     * and more) and x' = cos(t) x over [0, 4].
     */
    @Test
    void errorIsProportionalToToleranceAndWorkFallsAsItLoosens() {
        double[] x = randomPoints(5, 2, 31);
        double[] y = randomPoints(5, 1, 32);
        long previousEvaluations = Long.MAX_VALUE;
        long previousEvaluationsB = Long.MAX_VALUE;
        double previousErrA = 0;
        double previousErrB = 0;
        double loosestError = 0;
        double tightestError = 0;
        for (int i = TOLERANCES.length - 1; i >= 0; i--) {
            double tol = TOLERANCES[i];
            Trajectory a = INTEGRATOR.integrate(TestFields.rotationDecay(), 0, 4, x, tol(tol));
            Trajectory b = INTEGRATOR.integrate(TestFields.cosineGrowth(), 0, 4, y, tol(tol));
            double errA = maxAbsDiff(a.endPoints(), TestFields.rotationDecayExact(x, 0, 4));
            double errB = maxAbsDiff(b.endPoints(), TestFields.cosineGrowthExact(y, 0, 4));
            assertThat(errA).as("rotation-decay, tol %s", tol).isLessThan(TOLERANCE_FACTOR * tol);
            assertThat(errB).as("cosine growth, tol %s", tol).isLessThan(TOLERANCE_FACTOR * tol);
            assertThat(a.evaluations()).as("evaluations at tol %s", tol).isLessThanOrEqualTo(previousEvaluations);
            assertThat(b.evaluations()).as("evaluations at tol %s", tol).isLessThanOrEqualTo(previousEvaluationsB);
            // on these problems the error also rises monotonically with the tolerance
            assertThat(errA).isGreaterThanOrEqualTo(previousErrA);
            assertThat(errB).isGreaterThanOrEqualTo(previousErrB);
            previousEvaluations = a.evaluations();
            previousEvaluationsB = b.evaluations();
            previousErrA = errA;
            previousErrB = errB;
            if (i == TOLERANCES.length - 1) {
                tightestError = errA;
            }
            loosestError = errA;
        }
        // seven decades of tolerance buy at least five decades of accuracy
        assertThat(tightestError).isLessThan(1e-5 * loosestError);
    }

    @Test
    void evaluationsAreTwoPlusSixPerAttempt() {
        double[] x = randomPoints(3, 2, 33);
        Trajectory tr = INTEGRATOR.integrate(TestFields.rotationDecay(), 0, 4, x, tol(1e-8));
        assertThat(tr.status()).isEqualTo(IntegrationStatus.COMPLETED);
        assertThat(tr.evaluations()).isEqualTo(2 + 6L * (tr.steps() + tr.rejectedSteps()));
        Trajectory given = INTEGRATOR.integrate(TestFields.rotationDecay(), 0, 4, x, tol(1e-8).with("initialStep", 0.01));
        assertThat(given.evaluations()).isEqualTo(1 + 6L * (given.steps() + given.rejectedSteps()));
    }

    /**
     * Snapshots from the dense output agree with separate integrations that stop at each record
     * time. Both carry global error below C tol; the dense output adds its own O(h^5) local error,
     * also controlled by tol, so they agree to 2 C tol.
     */
    @Test
    void denseOutputAgreesWithSeparateIntegrations() {
        double[] x = randomPoints(8, 3, 34);
        double tol = 1e-8;
        double[] rec = new double[25];
        for (int k = 0; k < rec.length; k++) {
            rec[k] = 2.0 * (k + 0.37) / rec.length;
        }
        Trajectory tr = INTEGRATOR.integrate(TestFields.nonlinear3d(), 0, 2, x, tol(tol), rec);
        double worst = 0;
        for (int k = 0; k < rec.length; k++) {
            Trajectory separate = INTEGRATOR.integrate(TestFields.nonlinear3d(), 0, rec[k], x, tol(tol));
            worst = Math.max(worst, maxAbsDiff(tr.snapshots()[k], separate.endPoints()));
        }
        assertThat(worst).isLessThan(2 * TOLERANCE_FACTOR * tol);
        // and recording did not add steps
        Trajectory plain = INTEGRATOR.integrate(TestFields.nonlinear3d(), 0, 2, x, tol(tol));
        assertThat(tr.steps()).isEqualTo(plain.steps());
    }

    /** With maxSteps reached the run stops where it is, says so, and the points are right for that time. */
    @Test
    void stepLimitReturnsWhereItStopped() {
        double[] x = randomPoints(4, 2, 35);
        double tol = 1e-9;
        Trajectory tr = INTEGRATOR.integrate(TestFields.rotationDecay(), 0, 10, x, tol(tol).with("maxSteps", 12), 0.01, 9.5);
        assertThat(tr.status()).isEqualTo(IntegrationStatus.STEP_LIMIT);
        assertThat(tr.steps() + tr.rejectedSteps()).isEqualTo(12);
        assertThat(tr.endTime()).isGreaterThan(0).isLessThan(10);
        assertThat(maxAbsDiff(tr.endPoints(), TestFields.rotationDecayExact(x, 0, tr.endTime())))
                .isLessThan(TOLERANCE_FACTOR * tol);
        assertThat(maxAbsDiff(tr.snapshots()[0], TestFields.rotationDecayExact(x, 0, 0.01))).isLessThan(TOLERANCE_FACTOR * tol);
        assertThat(Arrays.stream(tr.snapshots()[1]).allMatch(Double::isNaN)).as("never reached").isTrue();
    }

    /** A field that is NaN beyond t = 0.5: steps shrink towards the boundary until they underflow. */
    @Test
    void fieldUndefinedBeyondATimeFailsNearIt() {
        VelocityField edge = new VelocityField() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public void evaluate(double t, double[] p, int from, int to, double[] out) {
                for (int i = from; i < to; i++) {
                    out[i] = t > 0.5 ? Double.NaN : -p[i];
                }
            }
        };
        double[] x = {1, 2};
        Trajectory tr = INTEGRATOR.integrate(edge, 0, 1, x, tol(1e-8));
        assertThat(tr.status()).isEqualTo(IntegrationStatus.FAILED);
        assertThat(tr.endTime()).isCloseTo(0.5, within(1e-12)).isLessThanOrEqualTo(0.5);
        assertThat(maxAbsDiff(tr.endPoints(), new double[] {Math.exp(-tr.endTime()), 2 * Math.exp(-tr.endTime())}))
                .isLessThan(1e-7);
    }

    @Test
    void fieldNonFiniteAtTheStartFailsAtOnce() {
        VelocityField bad = new VelocityField() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public void evaluate(double t, double[] p, int from, int to, double[] out) {
                for (int i = 2 * from; i < 2 * to; i++) {
                    out[i] = 1 / (p[i] - 1);
                }
            }
        };
        Trajectory tr = INTEGRATOR.integrate(bad, 0, 1, new double[] {0, 1}, Parameters.empty(), 0.0, 0.5);
        assertThat(tr.status()).isEqualTo(IntegrationStatus.FAILED);
        assertThat(tr.endTime()).isEqualTo(0.0);
        assertThat(tr.endPoints()).containsExactly(0, 1);
        assertThat(tr.evaluations()).isEqualTo(1);
        assertThat(tr.snapshots()[0]).containsExactly(0, 1);
        assertThat(Arrays.stream(tr.snapshots()[1]).allMatch(Double::isNaN)).isTrue();
    }

    /**
     * The RMS norm lets one hard point in a large batch carry up to sqrt(n d) times the tolerance;
     * the max norm does not. Field: x1' = -r x1, x2' = 0 (r = x2 is the point's own rate), so
     * x1(t) = x1(0) e^{-r t}; 999 points at rest (r = 0, no error at all) and one with r = 8, whose
     * error the RMS divides by sqrt(2000) = 45.
     */
    @Test
    void maxNormControlsTheWorstPoint() {
        int n = 1000;
        double[] x = new double[2 * n];
        for (int p = 0; p < n; p++) {
            x[2 * p] = 1;
            x[2 * p + 1] = p == 500 ? 8 : 0;
        }
        VelocityField rates = new VelocityField() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public void evaluate(double t, double[] p, int from, int to, double[] out) {
                for (int i = from; i < to; i++) {
                    out[2 * i] = -p[2 * i + 1] * p[2 * i];
                    out[2 * i + 1] = 0;
                }
            }
        };
        double tol = 1e-7;
        double exact = Math.exp(-8 * 1.0);
        Trajectory rms = INTEGRATOR.integrate(rates, 0, 1, x, tol(tol));
        Trajectory max = INTEGRATOR.integrate(rates, 0, 1, x, tol(tol).with("maxNorm", 1));
        double errRms = Math.abs(rms.endPoints()[1000] - exact);
        double errMax = Math.abs(max.endPoints()[1000] - exact);
        assertThat(errMax).isLessThan(TOLERANCE_FACTOR * tol);
        // measured: RMS 7.1e-7 (7 tol, 16 steps), max norm 1.3e-8 (29 steps)
        assertThat(errMax).isLessThan(errRms / 5);
        assertThat(max.steps()).isGreaterThan(rms.steps());
    }

    @Test
    void initialStepLongerThanTheIntervalIsCapped() {
        double[] x = randomPoints(3, 2, 36);
        Trajectory tr = INTEGRATOR.integrate(TestFields.rotationDecay(), 0, 0.5, x, tol(1e-9).with("initialStep", 100));
        assertThat(tr.status()).isEqualTo(IntegrationStatus.COMPLETED);
        assertThat(maxAbsDiff(tr.endPoints(), TestFields.rotationDecayExact(x, 0, 0.5))).isLessThan(TOLERANCE_FACTOR * 1e-9);
    }

    @Test
    void declaresItsParameters() {
        assertThat(INTEGRATOR.defaults().asMap())
                .containsOnlyKeys("rtol", "atol", "maxSteps", "initialStep", "maxNorm")
                .containsEntry("rtol", 1e-6).containsEntry("atol", 1e-9).containsEntry("maxSteps", 10000.0);
    }

    @Test
    void rejectsBadParametersNamingThem() {
        Object[][] cases = {
            {"rtol", 0.0}, {"rtol", Double.POSITIVE_INFINITY}, {"atol", 0.0}, {"atol", -1e-9}, {"maxSteps", 0.0},
            {"maxSteps", 1.5}, {"initialStep", -0.1}, {"initialStep", Double.NaN}, {"maxNorm", 2.0}, {"maxNorm", 0.5}};
        for (Object[] c : cases) {
            String name = (String) c[0];
            double v = (Double) c[1];
            assertThatThrownBy(() -> INTEGRATOR.integrate(TestFields.rotationDecay(), 0, 1, new double[] {1, 0},
                    Parameters.of(name, v)))
                    .as("%s = %s", name, v)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("parameter " + name).hasMessageContaining(String.valueOf(v));
        }
    }
}
