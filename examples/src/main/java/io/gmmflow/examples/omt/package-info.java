/**
 * Seed 003 (Optimal Mixture Transport) example mains: {@link io.gmmflow.examples.omt.Seed003Fig1}
 * (Fig. 1, a standard normal to 2-D targets, MMD in percent) and
 * {@link io.gmmflow.examples.omt.Seed003StabilityB4} (Appendix B.4, TMD and T_c change of OMT versus
 * GMM-OT under source noise). They print JSON lines and write PNGs; they are not tests.
 */
package io.gmmflow.examples.omt;
