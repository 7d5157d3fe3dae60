package io.gmmflow.integrators;

import static io.gmmflow.integrators.TestFields.maxAbsDiff;
import static io.gmmflow.integrators.TestFields.randomPoints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmmflow.api.IntegrationStatus;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.Trajectory;
import io.gmmflow.api.VelocityField;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Fixed-step integrators: measured convergence order under step halving, exact on-grid recording,
 * counts, statuses and the {@code steps} parameter. Subclasses give the integrator and its order.
 */
abstract class FixedStepIntegratorAbstractTest extends IntegratorAbstractTest {

    /** Step counts of the halving sequence: h = T/32 .. T/256, well inside the asymptotic range for T = 2 and far above round-off. */
    private static final int[] STEPS = {32, 64, 128, 256};

    /** How far the measured order may stray from the theoretical one (the brief's 0.2). */
    private static final double ORDER_TOLERANCE = 0.2;

    @Override
    abstract FixedStepRungeKuttaIntegrator integrator();

    /** The classical order p. */
    abstract int expectedOrder();

    @Override
    Trajectory integrate(VelocityField f, double t0, double t1, double[] x, Parameters p, Batch.ChunkPolicy policy,
                         double... record) {
        return integrator().integrate(f, t0, t1, x, p, policy, record);
    }

    /** Measured order of the end-point error on [t0, t1] over {@link #STEPS}. */
    private double measuredOrder(VelocityField f, DoubleFunction<double[]> exactAt, double[] x, double t0, double t1) {
        double[] h = new double[STEPS.length];
        double[] err = new double[STEPS.length];
        for (int i = 0; i < STEPS.length; i++) {
            Trajectory tr = integrator().integrate(f, t0, t1, x, Parameters.of("steps", STEPS[i]));
            h[i] = Math.abs(t1 - t0) / STEPS[i];
            err[i] = maxAbsDiff(tr.endPoints(), exactAt.apply(t1));
        }
        return TestFields.slope(h, err);
    }

    @Test
    void convergenceOrderOnLinearSystem() {
        double[] x = randomPoints(3, 2, 21);
        double forward = measuredOrder(TestFields.rotationDecay(), t -> TestFields.rotationDecayExact(x, 0, t), x, 0, 2);
        double backward = measuredOrder(TestFields.rotationDecay(), t -> TestFields.rotationDecayExact(x, 2, t), x, 2, 0);
        assertThat(forward).isCloseTo(expectedOrder(), org.assertj.core.api.Assertions.within(ORDER_TOLERANCE));
        assertThat(backward).isCloseTo(expectedOrder(), org.assertj.core.api.Assertions.within(ORDER_TOLERANCE));
    }

    @Test
    void convergenceOrderOnTimeDependentField() {
        double[] x = randomPoints(3, 1, 22);
        double order = measuredOrder(TestFields.cosineGrowth(), t -> TestFields.cosineGrowthExact(x, 0, t), x, 0, 2);
        assertThat(order).isCloseTo(expectedOrder(), org.assertj.core.api.Assertions.within(ORDER_TOLERANCE));
    }

    /** Snapshots between grid points come from the continuous extension, which keeps the method's order. */
    @Test
    void snapshotsBetweenGridPointsConvergeAtTheMethodsOrder() {
        double[] x = randomPoints(3, 2, 23);
        // off every grid of the halving sequence (the grids are dyadic fractions of 2)
        double[] rec = {0.3, 1.1, 1.7};
        double[] h = new double[STEPS.length];
        double[] err = new double[STEPS.length];
        for (int i = 0; i < STEPS.length; i++) {
            Trajectory tr = integrator().integrate(TestFields.rotationDecay(), 0, 2, x, Parameters.of("steps", STEPS[i]), rec);
            h[i] = 2.0 / STEPS[i];
            for (int k = 0; k < rec.length; k++) {
                err[i] = Math.max(err[i], maxAbsDiff(tr.snapshots()[k], TestFields.rotationDecayExact(x, 0, rec[k])));
            }
        }
        assertThat(TestFields.slope(h, err)).isCloseTo(expectedOrder(), org.assertj.core.api.Assertions.within(ORDER_TOLERANCE));
    }

    /**
     * A record time on the step grid returns the step's value: with t0 = 0, t1 = 1 and 64 steps
     * (h = 2^-6, all grid and stage times exact in binary) the snapshot at k/64 equals, bit for bit,
     * a separate integration to k/64 with k steps.
     */
    @Test
    void onGridSnapshotsEqualSeparateIntegrations() {
        double[] x = randomPoints(20, 3, 24);
        int[] ks = {1, 5, 32, 63, 64};
        double[] rec = new double[ks.length];
        for (int i = 0; i < ks.length; i++) {
            rec[i] = ks[i] / 64.0;
        }
        Trajectory tr = integrator().integrate(TestFields.nonlinear3d(), 0, 1, x, Parameters.of("steps", 64), rec);
        for (int i = 0; i < ks.length; i++) {
            Trajectory separate = integrator().integrate(TestFields.nonlinear3d(), 0, rec[i], x, Parameters.of("steps", ks[i]));
            assertThat(tr.snapshots()[i]).as("t = %s", rec[i]).isEqualTo(separate.endPoints());
        }
    }

    @Test
    void countsOneEvaluationPerStagePerStep() {
        double[] x = randomPoints(700, 2, 25);
        Trajectory tr = integrator().integrate(TestFields.rotationDecay(), 0, 1, x, Parameters.of("steps", 37));
        assertThat(tr.steps()).isEqualTo(37);
        assertThat(tr.rejectedSteps()).isZero();
        assertThat(tr.evaluations()).isEqualTo(37L * expectedStages());
        assertThat(tr.status()).isEqualTo(IntegrationStatus.COMPLETED);
    }

    /** The number of stages (field evaluations per step). */
    abstract int expectedStages();

    @Test
    void defaultStepsIsDeclaredAndUsed() {
        assertThat(integrator().defaults().asMap()).containsOnlyKeys("steps");
        int steps = (int) integrator().defaults().get("steps", -1);
        Trajectory tr = integrator().integrate(TestFields.rotationDecay(), 0, 1, new double[] {1, 0}, Parameters.empty());
        assertThat(tr.steps()).isEqualTo(steps).isEqualTo(FixedStepRungeKuttaIntegrator.DEFAULT_STEPS);
    }

    @Test
    void rejectsBadStepCountsNamingThem() {
        for (double bad : new double[] {0, -3, 2.5, Double.NaN, 1e10}) {
            assertThatThrownBy(() -> integrator().integrate(TestFields.rotationDecay(), 0, 1, new double[] {1, 0},
                    Parameters.of("steps", bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("parameter steps").hasMessageContaining(String.valueOf(bad));
        }
    }

    /** A field that is NaN for some points: those points, and only those, come back NaN, and the status says FAILED. */
    @Test
    void nonFiniteFieldIsReportedAsFailed() {
        int n = 600;
        double[] x = randomPoints(n, 1, 26);
        x[17] = 5;
        x[555] = 7;
        VelocityField poisoned = new VelocityField() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public void evaluate(double t, double[] p, int from, int to, double[] out) {
                for (int i = from; i < to; i++) {
                    out[i] = p[i] > 4 ? Double.NaN : -p[i];
                }
            }
        };
        Trajectory tr = integrator().integrate(poisoned, 0, 1, x, Parameters.of("steps", 10));
        assertThat(tr.status()).isEqualTo(IntegrationStatus.FAILED);
        double[] end = tr.endPoints();
        for (int i = 0; i < n; i++) {
            assertThat(Double.isNaN(end[i])).as("point %d", i).isEqualTo(i == 17 || i == 555);
        }
    }
}
