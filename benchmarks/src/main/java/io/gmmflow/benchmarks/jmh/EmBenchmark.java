package io.gmmflow.benchmarks.jmh;

import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.core.fit.FitSettings;
import io.gmmflow.core.fit.GmmFit;
import io.gmmflow.core.fit.GmmFitter;
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
 * EM iterations: a full-covariance fit of K components to 20,000 points drawn from a K-component
 * Fig. 1-style mixture, with exactly 10 iterations (tolerance 1e-300, one k-means++ start), so the time
 * per call is the k-means++ start plus 10 E and M steps. Swept over d and K.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class EmBenchmark {

    /** The dimension. */
    @Param({"2", "10", "50"})
    public int d;

    /** Components. */
    @Param({"5", "20"})
    public int k;

    private double[][] points;
    private FitSettings settings;
    private final GmmFitter fitter = new GmmFitter();

    /** Draws the data. */
    @Setup
    public void setUp() {
        GaussianMixture truth = BenchmarkData.mixture(k, d, 0, 31);
        points = truth.sample(20_000, 32);
        settings = FitSettings.of(k, CovarianceType.FULL, 33).withMaxIterations(10).withTolerance(1e-300);
    }

    /** Ten EM iterations after one k-means++ start. */
    @Benchmark
    public GmmFit em() {
        return fitter.fit(points, settings);
    }
}
