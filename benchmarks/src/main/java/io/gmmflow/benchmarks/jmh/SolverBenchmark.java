package io.gmmflow.benchmarks.jmh;

import io.gmmflow.api.Coupling;
import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Parameters;
import io.gmmflow.exact.BuresWassersteinCost;
import io.gmmflow.solvers.LogSinkhornSolver;
import io.gmmflow.solvers.NetworkSimplexSolver;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The coupling solvers on W2 cost matrices between two random K-component mixtures in d = 2 (means
 * uniform in [0, 10]^2, covariances with spectra in [0.05, 0.5]: the shape of the issue's
 * 1000 x 1000 line): {@code sinkhorn} to tolerance 1e-9 at eps = 5e-2 (its default
 * eps-scaling; the budget raised to 100,000 iterations so every K reaches the tolerance),
 * {@code sinkhornFixed} exactly 100 iterations without eps-scaling at eps = 1 (the per-iteration
 * cost on a dense kernel), and {@code emd} (network simplex). Swept over K.
 * (The JSON-printing {@code io.gmmflow.benchmarks.SolverBenchmark} main covers other cost shapes.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class SolverBenchmark {

    /** Components per mixture. */
    @Param({"100", "300", "1000"})
    public int k;

    private double[] a;
    private double[] b;
    private double[][] cost;
    private final CouplingSolver sinkhorn = new LogSinkhornSolver();
    private final CouplingSolver emd = new NetworkSimplexSolver();
    private final Parameters toTolerance = Parameters.of("epsilon", 5e-2, "tolerance", 1e-9, "maxIterations", 100_000);
    private final Parameters fixed = Parameters.of("epsilon", 1.0, "tolerance", 1e-300, "maxIterations", 100,
            "epsilonScaling", 0);

    /** Draws the mixtures and their W2 cost matrix. */
    @Setup
    public void setUp() {
        GaussianMixture s = randomMixture(k, 21);
        GaussianMixture t = randomMixture(k, 22);
        a = s.weights();
        b = t.weights();
        cost = new BuresWassersteinCost().matrix(s, t);
    }

    static GaussianMixture randomMixture(int k, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        java.util.List<io.gmmflow.api.Gaussian> comps = new java.util.ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            double[] m = {10 * rng.nextDouble(), 10 * rng.nextDouble()};
            comps.add(io.gmmflow.api.Gaussian.ofFlat(m, io.gmmflow.linalg.RandomMatrices.spd(2, 10, 0.05, rng)));
        }
        return GaussianMixture.uniform(comps);
    }

    /** Log-domain Sinkhorn to 1e-9 at eps = 5e-2. */
    @Benchmark
    public Coupling sinkhorn() {
        return sinkhorn.solve(a, b, cost, toTolerance);
    }

    /** 100 dense log-domain Sinkhorn iterations at eps = 1. */
    @Benchmark
    public Coupling sinkhornFixed() {
        return sinkhorn.solve(a, b, cost, fixed);
    }

    /** The exact plan (network simplex). */
    @Benchmark
    public Coupling emd() {
        return emd.solve(a, b, cost, Parameters.empty());
    }
}
