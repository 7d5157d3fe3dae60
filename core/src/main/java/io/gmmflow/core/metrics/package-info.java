/**
 * Metrics between point clouds and transport plans used by seed 003's evaluation: MMD with a
 * Gaussian kernel ({@link io.gmmflow.core.metrics.Mmd}), the Sinkhorn divergence by an online
 * log-domain Sinkhorn that never stores the cost matrix
 * ({@link io.gmmflow.core.metrics.SinkhornDivergence}), map MSE, transport cost T_c and TMD
 * ({@link io.gmmflow.core.metrics.TransportMetrics}).
 */
package io.gmmflow.core.metrics;
