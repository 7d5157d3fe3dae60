package io.gmmflow.benchmarks;

import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Parameters;
import io.gmmflow.core.fit.FitSettings;
import io.gmmflow.core.fit.GmmFit;
import io.gmmflow.core.fit.GmmFitter;
import io.gmmflow.linalg.RandomMatrices;
import io.gmmflow.omt.EntropicCost;
import io.gmmflow.omt.OmtResult;
import io.gmmflow.omt.OptimalMixtureTransport;
import io.gmmflow.solvers.LogSinkhornSolver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Timings of seed 003's pipeline, one JSON line per case on standard output:
 * <ul>
 * <li>{@code omt-full-d2}: OMT between two random mixtures with K0 = K1 = 1000 components in d = 2,
 * full covariances (means uniform in [0, 7]^2, covariances with spectra in [0.05, 0.5] in random
 * bases), eps1 = eps2 = 0.01 (seed 003 Appendix B.3), {@code sinkhorn} at its defaults (tolerance
 * 1e-9 on the marginals): seconds from the mixtures to the weights, split into the pair-cost stage
 * (K0 K1 entropic pair objectives) and the solver;</li>
 * <li>{@code omt-diag-d256}: the same with K0 = K1 = 100 in d = 256, diagonal covariances (variances
 * uniform in [0.5, 2], means N(0, I)), using the O(d) per-pair route;</li>
 * <li>{@code omt-full-d2-to-tolerance}: the same with the solver's iteration limit raised to 200,000
 * (its default 5000 ends before 1e-9 on this problem);</li>
 * <li>{@code em-d10}: EM on 100,000 points drawn from an overlapping 20-component full-covariance
 * mixture in d = 10, fitting K = 20 full covariances (one k-means++ start, scikit-learn's defaults:
 * tolerance 1e-3, at most 100 iterations).</li>
 * </ul>
 * Each case runs once to warm up the JIT, then {@code repeats} times; minimum and median wall times.
 * Usage: {@code OmtBenchmark [repeats]} (default 3).
 */
public final class OmtBenchmark {

    private OmtBenchmark() {
    }

    /** Runs every case and prints one JSON object per line. */
    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        OptimalMixtureTransport omt = OptimalMixtureTransport.omt(new LogSinkhornSolver());
        Parameters eps = Parameters.of("eps1", 0.01, "eps2", 0.01);

        GaussianMixture p2 = fullMixture(1000, 2, 1);
        GaussianMixture q2 = fullMixture(1000, 2, 2);
        omtCase("omt-full-d2", omt, p2, q2, eps, repeats);
        omtCase("omt-full-d2-to-tolerance", omt, p2, q2, eps.with("maxIterations", 200_000), repeats);

        GaussianMixture p256 = diagonalMixture(100, 256, 3);
        GaussianMixture q256 = diagonalMixture(100, 256, 4);
        omtCase("omt-diag-d256", omt, p256, q256, eps, repeats);

        // overlapping components (means in [0, 2]^10, spectra in [0.1, 1]) so that EM has work to do
        GaussianMixture truth = overlappingMixture(20, 10, 5);
        double[][] x = truth.sample(100_000, 6);
        GmmFitter fitter = new GmmFitter();
        FitSettings settings = FitSettings.of(20, CovarianceType.FULL, 7);
        GmmFit[] last = new GmmFit[1];
        double[] times = time(() -> {
            last[0] = fitter.fit(x, settings);
            return last[0];
        }, repeats);
        System.out.println(String.format(Locale.ROOT,
                "{\"case\":\"em-d10\",\"points\":%d,\"d\":10,\"K\":20,\"covariance\":\"full\",\"secondsMin\":%.4f,"
                        + "\"secondsMedian\":%.4f,\"iterations\":%d,\"secondsPerIteration\":%.4f,\"status\":\"%s\","
                        + "\"meanLogLikelihood\":%.6f,\"threads\":%d}",
                x.length, times[0], times[1], last[0].iterations(), times[1] / Math.max(1, last[0].iterations()),
                last[0].status(), last[0].meanLogLikelihood(),
                Runtime.getRuntime().availableProcessors()));
    }

    private static void omtCase(String name, OptimalMixtureTransport omt, GaussianMixture p, GaussianMixture q,
                                Parameters eps, int repeats) {
        EntropicCost cost = new EntropicCost();
        double[] pairTimes = time(() -> cost.matrix(p, q, Parameters.of("eps1", eps.get("eps1", 0))), repeats);
        OmtResult[] last = new OmtResult[1];
        double[] total = time(() -> {
            last[0] = omt.solve(p, q, eps);
            return last[0];
        }, repeats);
        OmtResult r = last[0];
        System.out.println(String.format(Locale.ROOT,
                "{\"case\":\"%s\",\"K0\":%d,\"K1\":%d,\"d\":%d,\"covariance\":\"%s\",\"eps1\":%s,\"eps2\":%s,"
                        + "\"secondsMin\":%.4f,\"secondsMedian\":%.4f,\"pairCostSecondsMedian\":%.4f,"
                        + "\"solverSecondsMedian\":%.4f,\"solver\":\"%s\",\"iterations\":%d,\"status\":\"%s\","
                        + "\"marginalError\":%.3e,\"objective\":%.8g,\"threads\":%d}",
                name, p.size(), q.size(), p.dimension(), p.component(0).covarianceType().jsonName(),
                eps.get("eps1", 0), eps.get("eps2", 0), total[0], total[1], pairTimes[1],
                Math.max(total[1] - pairTimes[1], 0), r.solverName(), r.iterations(), r.status(), r.marginalError(),
                r.objective(), Runtime.getRuntime().availableProcessors()));
    }

    /** {min, median} seconds over {@code repeats} runs after one warm-up run. */
    private static double[] time(Supplier<?> work, int repeats) {
        Object sink = work.get();
        double[] t = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            sink = work.get();
            t[r] = (System.nanoTime() - start) * 1e-9;
        }
        if (sink == null) {
            throw new IllegalStateException("no result");
        }
        Arrays.sort(t);
        return new double[] {t[0], t[repeats / 2]};
    }

    static GaussianMixture fullMixture(int k, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Gaussian> comps = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            double[] m = rng.doubles(d, 0, 7).toArray();
            comps.add(Gaussian.ofFlat(m, RandomMatrices.spd(d, 10, 0.05, rng)));
        }
        return GaussianMixture.uniform(comps);
    }

    static GaussianMixture overlappingMixture(int k, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Gaussian> comps = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            comps.add(Gaussian.ofFlat(rng.doubles(d, 0, 2).toArray(), RandomMatrices.spd(d, 10, 0.1, rng)));
        }
        return GaussianMixture.uniform(comps);
    }

    static GaussianMixture diagonalMixture(int k, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Gaussian> comps = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            double[] m = new double[d];
            for (int j = 0; j < d; j++) {
                m[j] = rng.nextGaussian();
            }
            comps.add(Gaussian.diagonal(m, rng.doubles(d, 0.5, 2).toArray()));
        }
        return GaussianMixture.uniform(comps);
    }
}
