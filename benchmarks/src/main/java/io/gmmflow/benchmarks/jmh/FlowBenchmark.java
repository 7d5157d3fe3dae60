package io.gmmflow.benchmarks.jmh;

import io.gmmflow.api.ComponentFlow;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.GaussianPath;
import io.gmmflow.api.Parameters;
import io.gmmflow.core.flow.MixtureFlow;
import io.gmmflow.exact.GeodesicFlow;
import io.gmmflow.surrogate.LinearFlow;
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
 * The flow stages of seed 000's pipeline: {@code setUp*}, one pair's Gaussian path (the per-pair
 * eigendecompositions of the {@code linear} and {@code geodesic} flows), and {@code velocity*},
 * u(t, x) of the mixture flow at t = 0.5 for a batch of 2000 points, through {@link MixtureFlow} with
 * the independent coupling a b^T of K x K Fig. 1-style components, so that all K^2 pairs are kept
 * (a Sinkhorn plan at eps = 5e-2 keeps about K of them). Swept over d and K. {@code velocity*} uses the fork-join pool like the library does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class FlowBenchmark {

    /** The dimension. */
    @Param({"2", "10", "50", "100", "300"})
    public int d;

    /** Components per mixture. */
    @Param({"2", "4"})
    public int k;

    private Gaussian source;
    private Gaussian target;
    private final ComponentFlow linear = new LinearFlow();
    private final ComponentFlow geodesic = new GeodesicFlow();
    private MixtureFlow linearMixture;
    private MixtureFlow geodesicMixture;
    private double[] points;
    private double[] out;

    /** Draws the mixtures, points and flows. */
    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(11);
        source = BenchmarkData.gaussian(d, 0, rng);
        target = BenchmarkData.gaussian(d, 3, rng);
        GaussianMixture s = BenchmarkData.mixture(k, d, 0, 12);
        GaussianMixture t = BenchmarkData.mixture(k, d, 0.5, 13);
        // The independent coupling keeps all K^2 pairs (a Sinkhorn plan at eps = 5e-2 keeps about K).
        double[][] plan = new double[k][k];
        for (double[] row : plan) {
            java.util.Arrays.fill(row, 1.0 / (k * k));
        }
        linearMixture = MixtureFlow.of(s, t, plan, linear, Parameters.empty(), 0);
        geodesicMixture = MixtureFlow.of(s, t, plan, geodesic, Parameters.empty(), 0);
        points = BenchmarkData.points(s, 2000, 14);
        out = new double[points.length];
    }

    /** One linear (surrogate) path: the eigendecomposition of L^{-1} dS L^{-T}. */
    @Benchmark
    public GaussianPath setUpLinear() {
        return linear.path(source, target);
    }

    /** One geodesic (exact) path: the Bures map and its eigendecomposition. */
    @Benchmark
    public GaussianPath setUpGeodesic() {
        return geodesic.path(source, target);
    }

    /** u(0.5, x) for 2000 points through the K^2 linear pair fields. */
    @Benchmark
    public double[] velocityLinear() {
        linearMixture.evaluate(0.5, points, out);
        return out;
    }

    /** u(0.5, x) for 2000 points through the K^2 geodesic pair fields. */
    @Benchmark
    public double[] velocityGeodesic() {
        geodesicMixture.evaluate(0.5, points, out);
        return out;
    }
}
