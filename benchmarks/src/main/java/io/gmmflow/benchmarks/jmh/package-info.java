/**
 * JMH micro-benchmarks (built into {@code benchmarks/target/benchmarks.jar}, main class
 * {@code org.openjdk.jmh.Main}): pair costs ({@link io.gmmflow.benchmarks.jmh.PairCostBenchmark}),
 * per-pair flow set-up and u(t, x) for a batch ({@link io.gmmflow.benchmarks.jmh.FlowBenchmark}),
 * Sinkhorn and {@code emd} ({@link io.gmmflow.benchmarks.jmh.SolverBenchmark}) and EM iterations
 * ({@link io.gmmflow.benchmarks.jmh.EmBenchmark}), with {@code @Param} sweeps over d and K. The
 * defaults are short (one fork, two warm-up and three measured iterations of 1-2 s); the test suite
 * never runs them. Each benchmark returns its result, so nothing is dead code.
 */
package io.gmmflow.benchmarks.jmh;
