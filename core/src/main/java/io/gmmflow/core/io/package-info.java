/**
 * File formats: Gaussian mixtures as JSON ({@link io.gmmflow.core.io.GmmJson}, DESIGN.md section 7),
 * points, matrices and weight vectors as CSV ({@link io.gmmflow.core.io.PointsCsv}), and atomic
 * file writes ({@link io.gmmflow.core.io.AtomicFiles}). Readers are strict and name the offending
 * item in an {@link java.lang.IllegalArgumentException}; writers print doubles so they read back
 * exactly.
 */
package io.gmmflow.core.io;
