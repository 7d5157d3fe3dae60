/**
 * Integrator plugins: move a batch of points along a {@link io.gmmflow.api.VelocityField},
 * x'(t) = u(t, x), from t0 to t1.
 *
 * <ul>
 *   <li>{@code euler} ({@link io.gmmflow.integrators.EulerIntegrator}), {@code heun}
 *       ({@link io.gmmflow.integrators.HeunIntegrator}), {@code rk4}
 *       ({@link io.gmmflow.integrators.ClassicalRungeKuttaIntegrator}): fixed steps, orders 1, 2, 4,
 *       parameter {@code steps}; the batch is split into chunks of points that run all their steps
 *       independently and in parallel.</li>
 *   <li>{@code dopri5} ({@link io.gmmflow.integrators.DormandPrince54Integrator}): Dormand-Prince
 *       5(4), one adaptive step for the whole batch, dense output, parameters {@code rtol},
 *       {@code atol}, {@code maxSteps}, {@code initialStep}, {@code maxNorm}.</li>
 * </ul>
 *
 * <p>Structure follows Hipparchus: a {@link io.gmmflow.integrators.ButcherTableau} describes a
 * method, and two small explicit cores run any tableau
 * ({@link io.gmmflow.integrators.FixedStepRungeKuttaIntegrator},
 * {@link io.gmmflow.integrators.EmbeddedRungeKuttaIntegrator}). The Runge-Kutta loops are written by
 * hand rather than taken from Hipparchus because Hipparchus integrates one state vector through a
 * stateful integrator with per-call allocation, while here a batch of up to millions of points must
 * move with flat arrays, in parallel chunks, calling the field once per stage on a whole range.
 *
 * <p>Results never depend on the number of threads. All integrators are stateless and thread-safe;
 * they are registered with {@link java.util.ServiceLoader} and with Guice through
 * {@link io.gmmflow.integrators.IntegratorsModule}.
 */
package io.gmmflow.integrators;
