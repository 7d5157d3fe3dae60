package io.gmmflow.integrators;

import static io.gmmflow.integrators.TestFields.maxAbsDiff;
import static io.gmmflow.integrators.TestFields.randomPoints;
import static org.assertj.core.api.Assertions.assertThat;

import io.gmmflow.api.IntegrationStatus;
import io.gmmflow.api.Integrator;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.Trajectory;
import io.gmmflow.api.VelocityField;
import org.junit.jupiter.api.Test;

/**
 * Tests every integrator of this module passes, each subclass supplying the integrator, parameters
 * that make it accurate on the test problems and the accuracy they give (the Hipparchus model:
 * one abstract test, per-integrator tolerances).
 */
abstract class IntegratorAbstractTest {

    /** The integrator under test. */
    abstract Integrator integrator();

    /** Parameters under which the integrator is accurate to {@link #accurateTolerance()} on the test problems. */
    abstract Parameters accurate();

    /** The accuracy reached with {@link #accurate()} on rotation-decay over a time span of 2. */
    abstract double accurateTolerance();

    /** The package-private entry point with an explicit chunking. */
    abstract Trajectory integrate(VelocityField f, double t0, double t1, double[] x, Parameters p,
                                  Batch.ChunkPolicy policy, double... record);

    @Test
    void accurateOnRotationDecayForwardsAndBackwards() {
        double[] x = randomPoints(5, 2, 11);
        Trajectory fwd = integrator().integrate(TestFields.rotationDecay(), 0, 2, x, accurate());
        assertThat(maxAbsDiff(fwd.endPoints(), TestFields.rotationDecayExact(x, 0, 2))).isLessThan(accurateTolerance());
        Trajectory bwd = integrator().integrate(TestFields.rotationDecay(), 2, 0, x, accurate());
        assertThat(bwd.endTime()).isEqualTo(0.0);
        assertThat(bwd.status()).isEqualTo(IntegrationStatus.COMPLETED);
        // backwards decay grows by e^{0.6}; the tolerance scales with it
        assertThat(maxAbsDiff(bwd.endPoints(), TestFields.rotationDecayExact(x, 2, 0)))
                .isLessThan(accurateTolerance() * Math.exp(0.6));
        // there and back again
        Trajectory back = integrator().integrate(TestFields.rotationDecay(), 2, 0, fwd.endPoints(), accurate());
        assertThat(maxAbsDiff(back.endPoints(), x)).isLessThan(2 * accurateTolerance() * Math.exp(0.6));
    }

    @Test
    void accurateOnTimeDependentField() {
        double[] x = randomPoints(4, 1, 12);
        for (double[] span : new double[][] {{0, 2}, {2, 0}, {-1, 1}}) {
            Trajectory tr = integrator().integrate(TestFields.cosineGrowth(), span[0], span[1], x, accurate());
            double[] exact = TestFields.cosineGrowthExact(x, span[0], span[1]);
            // growth factors here are at most e^2 (sin from -1 to 1); scale the tolerance by the solution size
            assertThat(maxAbsDiff(tr.endPoints(), exact)).as("span %s..%s", span[0], span[1])
                    .isLessThan(accurateTolerance() * Math.exp(2));
        }
    }

    @Test
    void recordingDoesNotChangeTheEndPoints() {
        double[] x = randomPoints(50, 3, 13);
        Trajectory plain = integrator().integrate(TestFields.nonlinear3d(), 0, 1.5, x, accurate());
        Trajectory recorded = integrator().integrate(TestFields.nonlinear3d(), 0, 1.5, x, accurate(),
                0.123, 1.0, 0.7, 0.0, 1.5, 0.4444);
        assertThat(recorded.endPoints()).isEqualTo(plain.endPoints());
        assertThat(recorded.evaluations()).isEqualTo(plain.evaluations());
        assertThat(recorded.steps()).isEqualTo(plain.steps());
    }

    /** Chunk size and parallelism must not change a single bit of the result. */
    @Test
    void resultsAreBitIdenticalForAnyChunking() {
        int n = 1000;
        double[] x = randomPoints(n, 3, 14);
        double[] rec = {0.05, 0.5, 1.0, 1.3, 0.0};
        Trajectory ref = integrate(TestFields.nonlinear3d(), 0, 1.3, x, accurate(), Batch.ChunkPolicy.SERIAL, rec);
        Batch.ChunkPolicy[] policies = {
            new Batch.ChunkPolicy(1, true), new Batch.ChunkPolicy(7, true), new Batch.ChunkPolicy(256, true),
            new Batch.ChunkPolicy(300, false), new Batch.ChunkPolicy(999, true)};
        for (Batch.ChunkPolicy policy : policies) {
            Trajectory tr = integrate(TestFields.nonlinear3d(), 0, 1.3, x, accurate(), policy, rec);
            assertThat(tr.endPoints()).as("%s", policy).isEqualTo(ref.endPoints());
            assertThat(tr.snapshots()).as("%s", policy).isEqualTo(ref.snapshots());
            assertThat(tr.evaluations()).isEqualTo(ref.evaluations());
            assertThat(tr.steps()).isEqualTo(ref.steps());
            assertThat(tr.rejectedSteps()).isEqualTo(ref.rejectedSteps());
        }
        // and the public entry point (default chunking, parallel for this n) agrees too
        assertThat(integrator().integrate(TestFields.nonlinear3d(), 0, 1.3, x, accurate(), rec).endPoints())
                .isEqualTo(ref.endPoints());
    }

    /** Snapshots agree with the closed form to the integrator's accuracy, wherever they fall. */
    @Test
    void snapshotsMatchTheClosedForm() {
        double[] x = randomPoints(6, 2, 15);
        double[] rec = new double[41];
        for (int k = 0; k < rec.length; k++) {
            rec[k] = 2.0 * k / (rec.length - 1) * (k % 2 == 0 ? 1 : 0.987);
        }
        Trajectory tr = integrator().integrate(TestFields.rotationDecay(), 0, 2, x, accurate(), rec);
        for (int k = 0; k < rec.length; k++) {
            assertThat(maxAbsDiff(tr.snapshots()[k], TestFields.rotationDecayExact(x, 0, rec[k])))
                    .as("record time %s", rec[k]).isLessThan(accurateTolerance());
        }
    }
}
