/**
 * The gmmflow API: immutable value types ({@link io.gmmflow.api.Gaussian},
 * {@link io.gmmflow.api.GaussianMixture}, {@link io.gmmflow.api.Parameters}) and the plugin SPI
 * ({@link io.gmmflow.api.CostModel}, {@link io.gmmflow.api.CouplingSolver},
 * {@link io.gmmflow.api.ComponentFlow}, {@link io.gmmflow.api.VelocityField},
 * {@link io.gmmflow.api.Integrator}, {@link io.gmmflow.api.TransportMethod}).
 *
 * <p>This package depends on the JDK only. Plugins implement these interfaces, register with
 * {@code META-INF/services} and a Guice module, and are found by name at run time.
 */
package io.gmmflow.api;
