/**
 * {@link io.gmmflow.api.CouplingSolver} plugins: couplings of component weights a (rows) and b
 * (columns) through a cost matrix.
 * <ul>
 * <li>{@link io.gmmflow.solvers.LogSinkhornSolver} ({@code sinkhorn}): entropic OT (seed 000 eq. 7,
 * seed 003 eq. 29-37) by log-domain stabilized sparse scaling with eps-scaling and warm starts;</li>
 * <li>{@link io.gmmflow.solvers.UnbalancedSinkhornSolver} ({@code unbalanced}): KL-relaxed marginals
 * (strength {@code regM});</li>
 * <li>{@link io.gmmflow.solvers.NetworkSimplexSolver} ({@code emd}): the exact LP (seed 002 eq. 9) by
 * network simplex, with a dual optimality certificate.</li>
 * </ul>
 * All three share one convention for the potentials: for the entropic solvers
 * pi_ij = a_i b_j exp((f_i + g_j - C_ij)/eps); for {@code emd}, C_ij - f_i - g_j >= 0 with equality on
 * the support. Inputs are validated and reduced to the positive weights once per call; the solvers are
 * stateless and thread-safe, and registered with {@link java.util.ServiceLoader} and Guice
 * ({@link io.gmmflow.solvers.SolversModule}).
 */
package io.gmmflow.solvers;
