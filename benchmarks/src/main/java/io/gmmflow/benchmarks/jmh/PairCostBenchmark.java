package io.gmmflow.benchmarks.jmh;

import io.gmmflow.api.CostModel;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.Parameters;
import io.gmmflow.exact.BuresWassersteinCost;
import io.gmmflow.omt.EntropicCost;
import io.gmmflow.surrogate.SurrogateCost;
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
 * One pair cost between two Fig. 1-style Gaussians (covariances Q diag(geomspace(1, 10, d)) Q^T):
 * {@code exact} W2^2 (eigenvalues of L^T Sigma1 L only), the {@code surrogate} (one eigendecomposition
 * with vectors of the whitened increment) and the {@code entropic} pair objective of seed 003 (eps1 =
 * 0.01), swept over d. The Gaussians are prepared in the set-up (their Cholesky factors are computed
 * on construction), so the time is the pair kernel itself, as inside {@code CostModel.matrix}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class PairCostBenchmark {

    /** The dimension. */
    @Param({"2", "10", "50", "100", "300"})
    public int d;

    private Gaussian source;
    private Gaussian target;
    private final CostModel exact = new BuresWassersteinCost();
    private final CostModel surrogate = new SurrogateCost();
    private final CostModel entropic = new EntropicCost();
    private final Parameters eps = Parameters.of("eps1", 0.01);

    /** Draws the two Gaussians. */
    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(9);
        source = BenchmarkData.gaussian(d, 0, rng);
        target = BenchmarkData.gaussian(d, 3, rng);
    }

    /** W2^2 (seed 000 eq. 10). */
    @Benchmark
    public double w2() {
        return exact.cost(source, target, Parameters.empty());
    }

    /** The surrogate C (seed 000 eq. 6). */
    @Benchmark
    public double surrogate() {
        return surrogate.cost(source, target, Parameters.empty());
    }

    /** The entropic pair objective (DESIGN.md 5a). */
    @Benchmark
    public double entropic() {
        return entropic.cost(source, target, eps);
    }
}
