/**
 * Gradient flows of seed 004 on the probability simplex and on the extended GMM, as
 * {@link io.gmmflow.api.VelocityField}s that the {@code Integrator} plugins move
 * ({@link io.gmmflow.wim.flow.SimplexGradientFlow}, {@link io.gmmflow.wim.flow.ExtendedPotentialFlow}),
 * the explicit parametric heat schemes with a given dt (eq. 56, 63; {@link io.gmmflow.wim.flow.HeatScheme})
 * and their Crank-Nicolson reference ({@link io.gmmflow.wim.flow.CrankNicolsonHeat}).
 */
package io.gmmflow.wim.flow;
