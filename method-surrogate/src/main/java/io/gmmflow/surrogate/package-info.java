/**
 * Seed 000 Method A: the closed-form surrogate flow between Gaussian components and its analysis.
 *
 * <ul>
 *   <li>{@link io.gmmflow.surrogate.SurrogateCost} (cost model {@code surrogate}, eq. 6);</li>
 *   <li>{@link io.gmmflow.surrogate.LinearFlow} (component flow {@code linear}, eq. 2-5, Lemma 1);</li>
 *   <li>{@link io.gmmflow.surrogate.SurrogateMethod} (transport method {@code surrogate}: surrogate cost,
 *       Sinkhorn with epsilon 5e-2, linear flow);</li>
 *   <li>{@link io.gmmflow.surrogate.GapDiagnostics} (rho_hat, kappa, comm, Q, the gap, Theorem 2's cubic
 *       bound, {@link io.gmmflow.surrogate.PathSplit path splitting}) and
 *       {@link io.gmmflow.surrogate.RegimeMap} (surrogate or exact, with the reason);</li>
 *   <li>{@link io.gmmflow.surrogate.TableTwo}: the scenarios of Table II, printed and constructed.</li>
 * </ul>
 * Everything works in the Cholesky frame of the source covariance with one eigendecomposition per
 * pair (DESIGN.md section 2). Plugins are registered with ServiceLoader and by
 * {@link io.gmmflow.surrogate.SurrogateModule} (Guice).
 */
package io.gmmflow.surrogate;
