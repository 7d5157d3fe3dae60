package io.gmmflow.api;

/**
 * Moves a batch of points from t0 to t1 along a {@link VelocityField}: x'(t) = u(t, x(t)).
 *
 * <p>Implementations: {@code euler}, {@code heun}, {@code rk4} (fixed steps, parameter
 * {@code steps}) and {@code dopri5} (Dormand-Prince 5(4), adaptive, parameters {@code rtol},
 * {@code atol}, {@code maxSteps}). Points are one flat row-major array of n*d numbers; the input is
 * not modified. Stateless: one instance serves concurrent calls.
 */
public interface Integrator extends Plugin {

    /**
     * Integrates every point from t0 to t1.
     *
     * @param field       the velocity field
     * @param t0          start time
     * @param t1          end time (may be smaller than t0)
     * @param points      n*d start positions, row-major (not modified)
     * @param parameters  integrator parameters (defaults from {@link #defaults()} fill the rest)
     * @param recordTimes times in [t0, t1] at which to keep a snapshot of all points (may be empty)
     * @throws IllegalArgumentException for a points array that is not a whole number of points of
     *     the field's dimension, non-finite times, or bad parameters (steps <= 0, tolerances <= 0)
     */
    Trajectory integrate(VelocityField field, double t0, double t1, double[] points, Parameters parameters,
                         double... recordTimes);
}
