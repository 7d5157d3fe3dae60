/**
 * Whole-pipeline timings behind {@code gmmflow bench}: the seed 000 Fig. 1 workload
 * ({@link io.gmmflow.benchmarks.pipeline.Fig1Workload}) and its timed pipeline
 * ({@link io.gmmflow.benchmarks.pipeline.Fig1Pipeline}, {@link io.gmmflow.benchmarks.pipeline.Fig1Bench}),
 * the large-scale lines ({@link io.gmmflow.benchmarks.pipeline.LargeBench}), and the NumPy/SciPy
 * baselines run as subprocesses on the same matrices ({@link io.gmmflow.benchmarks.pipeline.PythonBaseline}).
 * Everything prints or returns JSON; nothing here runs in a unit test beyond tiny smoke sizes.
 */
package io.gmmflow.benchmarks.pipeline;
