/**
 * gmmflow benchmarks: JSON-printing timing mains for the solvers ({@link io.gmmflow.benchmarks.SolverBenchmark})
 * and seed 003's pipeline ({@link io.gmmflow.benchmarks.OmtBenchmark}); the JMH micro-benchmarks are in
 * {@code io.gmmflow.benchmarks.jmh} and the whole-pipeline timings behind {@code gmmflow bench} in
 * {@code io.gmmflow.benchmarks.pipeline}. {@code benchmarks/README.md} holds the measured tables and how
 * to reproduce them.
 */
package io.gmmflow.benchmarks;
