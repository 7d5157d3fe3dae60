package io.gmmflow.api;

/**
 * The result of an {@link Integrator} run.
 *
 * @param endPoints     n*d positions at the end time (or where the run stopped), row-major
 * @param endTime       the time the points reached (t1 unless the status says otherwise)
 * @param times         the recorded snapshot times, in the order requested
 * @param snapshots     snapshots[k] holds the n*d positions at times[k]
 * @param evaluations   calls of the field on the whole batch
 * @param steps         accepted steps
 * @param rejectedSteps rejected steps (adaptive methods)
 * @param status        how the run ended
 */
public record Trajectory(double[] endPoints, double endTime, double[] times, double[][] snapshots, long evaluations,
                         int steps, int rejectedSteps, IntegrationStatus status) {

    /** Validates and copies the arrays in. */
    public Trajectory {
        if (endPoints == null || times == null || snapshots == null || status == null) {
            throw new IllegalArgumentException("trajectory fields must not be null");
        }
        if (times.length != snapshots.length) {
            throw new IllegalArgumentException(times.length + " snapshot times but " + snapshots.length + " snapshots");
        }
        endPoints = endPoints.clone();
        times = times.clone();
        double[][] s = new double[snapshots.length][];
        for (int i = 0; i < s.length; i++) {
            s[i] = snapshots[i].clone();
        }
        snapshots = s;
    }

    @Override
    public double[] endPoints() {
        return endPoints.clone();
    }

    @Override
    public double[] times() {
        return times.clone();
    }

    @Override
    public double[][] snapshots() {
        double[][] s = new double[snapshots.length][];
        for (int i = 0; i < s.length; i++) {
            s[i] = snapshots[i].clone();
        }
        return s;
    }
}
