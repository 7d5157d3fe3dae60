/**
 * Mixture flows: the global velocity field and density path assembled from a coupling plan and
 * one Gaussian path per coupled pair (seed 000 eq. 8-9).
 */
package io.gmmflow.core.flow;
