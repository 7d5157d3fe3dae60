package io.gmmflow.benchmarks;

import io.gmmflow.api.Coupling;
import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.Parameters;
import io.gmmflow.solvers.LogSinkhornSolver;
import io.gmmflow.solvers.NetworkSimplexSolver;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Timings of the coupling solvers, one JSON line per case on standard output:
 * <ul>
 * <li>{@code sinkhorn-to-tolerance}: time for {@code sinkhorn} (seed defaults eps = 5e-2,
 * tolerance 1e-9, eps-scaling on) to reach the tolerance on K x K problems, K = 100 and 1000, with
 * costs of order 1..100 of two kinds: i.i.d. uniform in [1, 100] ({@code uniform}) and squared
 * distances between random points of [0, 7]^2 ({@code sqeuclid}, the shape of seed 003's 2-D
 * mixtures);</li>
 * <li>{@code sinkhorn-dense-throughput}: iterations per second when the kernel is fully dense
 * (eps = 1 on costs in [0, 1], no scaling, a fixed number of iterations): the worst case per
 * iteration, 2 K^2 multiply-adds;</li>
 * <li>{@code emd}: network simplex time and pivots on the same problems.</li>
 * </ul>
 * Each case runs once to warm up the JIT, then {@code repeats} times; the minimum and median wall
 * times are printed. Usage: {@code SolverBenchmark [repeats]} (default 3).
 */
public final class SolverBenchmark {

    private SolverBenchmark() {
    }

    /** Runs every case and prints one JSON object per line. */
    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        CouplingSolver sinkhorn = new LogSinkhornSolver();
        CouplingSolver emd = new NetworkSimplexSolver();
        for (int k : new int[] {100, 1000}) {
            for (String kind : new String[] {"uniform", "sqeuclid"}) {
                Problem p = problem(kind, k, 42L + k);
                Parameters params = Parameters.of("epsilon", 5e-2, "tolerance", 1e-9, "maxIterations", 100000);
                timed("sinkhorn-to-tolerance", kind, k, repeats, () -> sinkhorn.solve(p.a, p.b, p.c, params), p);
            }
            Problem dense = problem("unit", k, 7L + k);
            int iters = k >= 1000 ? 200 : 2000;
            Parameters denseParams = Parameters.of("epsilon", 1.0, "tolerance", 1e-300, "maxIterations", iters,
                    "epsilonScaling", 0);
            timed("sinkhorn-dense-throughput", "unit", k, repeats, () -> sinkhorn.solve(dense.a, dense.b, dense.c,
                    denseParams), dense);
            for (String kind : new String[] {"uniform", "sqeuclid"}) {
                Problem p = problem(kind, k, 42L + k);
                timed("emd", kind, k, repeats, () -> emd.solve(p.a, p.b, p.c, Parameters.empty()), p);
            }
        }
    }

    private interface Run {
        Coupling go();
    }

    private static void timed(String name, String kind, int k, int repeats, Run run, Problem p) {
        Coupling r = run.go();
        double[] seconds = new double[repeats];
        for (int t = 0; t < repeats; t++) {
            long t0 = System.nanoTime();
            r = run.go();
            seconds[t] = (System.nanoTime() - t0) * 1e-9;
        }
        Arrays.sort(seconds);
        double min = seconds[0];
        double median = seconds[repeats / 2];
        int nnz = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                nnz += r.plan(i, j) > 0 ? 1 : 0;
            }
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"case\":\"%s\",\"costs\":\"%s\",\"k0\":%d,\"k1\":%d,\"status\":\"%s\",\"iterations\":%d,"
                        + "\"marginalError\":%.3e,\"objective\":%.12g,\"secondsMin\":%.4f,\"secondsMedian\":%.4f,"
                        + "\"iterationsPerSecond\":%.1f,\"planNonZeros\":%d,\"repeats\":%d,\"cores\":%d}",
                name, kind, k, k, r.status(), r.iterations(), r.marginalError(), r.objective(), min, median,
                r.iterations() / min, nnz, repeats, Runtime.getRuntime().availableProcessors()));
    }

    private record Problem(double[] a, double[] b, double[][] c) {
    }

    private static Problem problem(String kind, int k, long seed) {
        Random rnd = new Random(seed);
        double[] a = weights(rnd, k);
        double[] b = weights(rnd, k);
        double[][] c = new double[k][k];
        switch (kind) {
            case "uniform" -> {
                for (double[] row : c) {
                    for (int j = 0; j < k; j++) {
                        row[j] = 1 + 99 * rnd.nextDouble();
                    }
                }
            }
            case "unit" -> {
                for (double[] row : c) {
                    for (int j = 0; j < k; j++) {
                        row[j] = rnd.nextDouble();
                    }
                }
            }
            case "sqeuclid" -> {
                double[][] x = new double[k][2];
                double[][] y = new double[k][2];
                for (int i = 0; i < k; i++) {
                    x[i][0] = 7 * rnd.nextDouble();
                    x[i][1] = 7 * rnd.nextDouble();
                    y[i][0] = 7 * rnd.nextDouble();
                    y[i][1] = 7 * rnd.nextDouble();
                }
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        double dx = x[i][0] - y[j][0];
                        double dy = x[i][1] - y[j][1];
                        c[i][j] = dx * dx + dy * dy;
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown cost kind " + kind);
        }
        return new Problem(a, b, c);
    }

    private static double[] weights(Random rnd, int k) {
        double[] w = new double[k];
        double s = 0;
        for (int i = 0; i < k; i++) {
            w[i] = 0.1 + rnd.nextDouble();
            s += w[i];
        }
        for (int i = 0; i < k; i++) {
            w[i] /= s;
        }
        return w;
    }
}
