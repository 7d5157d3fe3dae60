/**
 * Seed 003, Optimal Mixture Transport (OMT): entropic Gaussian pair plans
 * ({@link io.gmmflow.omt.EntropicGaussianPair}, {@link io.gmmflow.omt.EntropicPairPlan}, DESIGN.md
 * 5a), the {@code entropic} cost model ({@link io.gmmflow.omt.EntropicCost}), the mixture weights by
 * a coupling solver and the GMM-OT baseline ({@link io.gmmflow.omt.OptimalMixtureTransport},
 * {@link io.gmmflow.omt.OmtResult}), the plan as a GMM in R^{2d} with its forward, backward and random
 * maps ({@link io.gmmflow.omt.MixtureTransportPlan}), and the {@code omt} method bundle
 * ({@link io.gmmflow.omt.OmtMethod}), registered with {@link io.gmmflow.omt.OmtModule} and
 * {@code META-INF/services}.
 *
 * <p>This module depends on {@code api} and {@code core-linalg} only; the solver is passed in.
 */
package io.gmmflow.omt;
