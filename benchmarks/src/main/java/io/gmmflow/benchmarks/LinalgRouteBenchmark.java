package io.gmmflow.benchmarks;

import io.gmmflow.api.Gaussian;
import io.gmmflow.linalg.CholeskyFactor;
import io.gmmflow.linalg.Dense;
import io.gmmflow.linalg.LinalgRoute;
import io.gmmflow.linalg.GaussianFactor;
import io.gmmflow.linalg.NativeLinalg;
import io.gmmflow.linalg.PairKernels;
import io.gmmflow.linalg.RandomMatrices;
import io.gmmflow.linalg.SymmetricEigen;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Java against native (LAPACK/BLAS) timings of core-linalg's dense kernels, one JSON line per
 * (d, kernel, route) on standard output, with the ratio to the other route:
 * <ul>
 * <li>{@code cholesky}: {@link CholeskyFactor#tryFactor} of an SPD matrix (condition 100);</li>
 * <li>{@code eigvals}, {@code eigh}: {@link SymmetricEigen#values} and {@link SymmetricEigen#decompose};</li>
 * <li>{@code w2pair}: the Bures trace of a pair from scratch, as numpy would do it: factor A = L L^T,
 *     congruence L^T B L, eigenvalues only;</li>
 * <li>{@code gemm}: Y = X W for n = 1000 points, X 1000 x d, W d x d ({@link Dense#multiplyInto});</li>
 * </ul>
 * for d in {2, 5, 10, 20, 50, 100, 200, 300}; then the crossovers (in d) seen in this run next to
 * the ones {@link NativeLinalg} uses, and {@code w2pair-parallel}: 100 pairs at d = 300 in a parallel
 * stream (both cores busy), wall ms per pair, to show the cost of OpenBLAS threads
 * (run once with and once without {@code OPENBLAS_NUM_THREADS=1}).
 *
 * <p>A first pass over every case (~150 ms each) only warms the JIT up; in the second, each figure is
 * the minimum over 5 rounds of the mean time per call in a round of at least ~40 ms, after a warm-up
 * of the same length. The machine is shared and noisy, so compare ratios within one run. Usage: {@code LinalgRouteBenchmark} (the table), or
 * {@code LinalgRouteBenchmark --w2 DIR [pairs]}: writes {@code pairs} (default 20) random covariance
 * pairs at d = 300 to {@code DIR/w2-pairs.f64} (little-endian doubles, A then B per pair) and prints
 * the time of the auto-routed W2 pair on them, from scratch and with the components factored once
 * ({@code w2pair-java-prefactored}, the library's own per-pair cost);
 * {@code benchmarks/w2_vs_numpy.py} runs that and then
 * times numpy's {@code cholesky} + {@code L.T @ B @ L} + {@code eigvalsh} on the same file.
 */
public final class LinalgRouteBenchmark {

    private static final int[] DIMENSIONS = {2, 5, 10, 20, 50, 100, 200, 300};
    private static final String[] KERNELS = {"cholesky", "eigvals", "eigh", "w2pair", "gemm"};
    private static final int GEMM_POINTS = 1000;
    private static volatile double sink;

    private LinalgRouteBenchmark() {
    }

    /** Runs the table, or the W2 mode with {@code --w2 DIR [pairs]}. */
    public static void main(String[] args) throws IOException {
        if (args.length >= 2 && args[0].equals("--w2")) {
            w2Mode(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 20);
            return;
        }
        System.out.println(String.format(Locale.ROOT, "{\"case\":\"environment\",\"native\":%b,\"threadsPinned\":%b,"
                + "\"OPENBLAS_NUM_THREADS\":\"%s\",\"status\":\"%s\"}", NativeLinalg.isAvailable(),
                NativeLinalg.threadsPinned(), System.getenv("OPENBLAS_NUM_THREADS"), escape(NativeLinalg.status())));
        boolean nativeOk = NativeLinalg.isAvailable();
        Map<String, double[][]> table = new LinkedHashMap<>();   // kernel -> [d index][java, native]
        for (String k : KERNELS) {
            table.put(k, new double[DIMENSIONS.length][2]);
        }
        // Two passes: the first only warms the JIT (ojAlgo's eigensolver needs a few hundred ms of
        // calls before it reaches full speed, and its classes take ~0.3 s to load), the second measures.
        for (int pass = 0; pass < 2; pass++) {
            measure(pass == 1, nativeOk, table);
        }
        if (!nativeOk) {
            return;
        }
        // The measured crossover: the smallest d of the list from which native is faster at every larger d.
        StringBuilder measured = new StringBuilder();
        for (String kernel : KERNELS) {
            double[][] t = table.get(kernel);
            int from = -1;
            for (int di = DIMENSIONS.length - 1; di >= 0 && t[di][1] < t[di][0]; di--) {
                from = DIMENSIONS[di];
            }
            measured.append(measured.length() == 0 ? "" : ",").append('"').append(kernel).append("\":").append(from);
        }
        System.out.println(String.format(Locale.ROOT, "{\"case\":\"crossovers\",\"measuredFromD\":{%s},"
                + "\"chosen\":{\"cholesky\":%d,\"congruence\":%d,\"eigvals\":%d,\"eigh\":%d,\"gemmMultiplyAdds\":%d,"
                + "\"triangularMultiplyAdds\":%d},\"threadsPinned\":%b}", measured,
                NativeLinalg.crossover(NativeLinalg.Kernel.CHOLESKY), NativeLinalg.crossover(NativeLinalg.Kernel.CONGRUENCE),
                NativeLinalg.crossover(NativeLinalg.Kernel.EIGENVALUES),
                NativeLinalg.crossover(NativeLinalg.Kernel.EIGENVECTORS), NativeLinalg.crossover(NativeLinalg.Kernel.GEMM),
                NativeLinalg.crossover(NativeLinalg.Kernel.TRIANGULAR), NativeLinalg.threadsPinned()));
        parallelPairs(300, 100);
    }

    private static void measure(boolean print, boolean nativeOk, Map<String, double[][]> table) {
        for (int di = 0; di < DIMENSIONS.length; di++) {
            int d = DIMENSIONS[di];
            SplittableRandom rng = new SplittableRandom(1000 + d);
            double[] a = RandomMatrices.spd(d, 100, 1, rng);
            double[] b = RandomMatrices.spd(d, 100, 2, rng);
            double[] x = rng.doubles((long) GEMM_POINTS * d, -1, 1).toArray();
            double[] w = rng.doubles((long) d * d, -1, 1).toArray();
            double[] y = new double[GEMM_POINTS * d];
            for (String kernel : KERNELS) {
                double[] ms = new double[2];
                LinalgRoute[] routes = {LinalgRoute.JAVA, LinalgRoute.NATIVE};
                for (int r = 0; r < (nativeOk ? 2 : 1); r++) {
                    LinalgRoute route = routes[r];
                    Runnable call = switch (kernel) {
                        case "cholesky" -> () -> sink += CholeskyFactor.tryFactor(a, d, route).logDeterminant();
                        case "eigvals" -> () -> sink += SymmetricEigen.values(a, d, route)[0];
                        case "eigh" -> () -> sink += SymmetricEigen.decompose(a, d, route).vectors()[0];
                        case "w2pair" -> () -> sink += buresTrace(a, b, d, route);
                        case "gemm" -> () -> {
                            Dense.multiplyInto(x, 0, w, y, 0, GEMM_POINTS, d, d, route);
                            sink += y[0];
                        };
                        default -> throw new IllegalStateException(kernel);
                    };
                    ms[r] = time(call, print ? 40_000_000L : 150_000_000L, print ? 5 : 0);
                }
                table.get(kernel)[di] = ms;
                for (int r = 0; r < (print && nativeOk ? 2 : print ? 1 : 0); r++) {
                    System.out.println(String.format(Locale.ROOT,
                            "{\"case\":\"route\",\"d\":%d,\"kernel\":\"%s\",\"route\":\"%s\",\"ms\":%.5g,\"ratioToOther\":%s}",
                            d, kernel, r == 0 ? "java" : "native", ms[r],
                            nativeOk ? String.format(Locale.ROOT, "%.3f", ms[r] / ms[1 - r]) : "null"));
                }
            }
        }
    }

    /** tr((A^{1/2} B A^{1/2})^{1/2}) from scratch on one route: Cholesky, congruence, eigenvalues. */
    static double buresTrace(double[] a, double[] b, int d, LinalgRoute route) {
        CholeskyFactor f = CholeskyFactor.tryFactor(a, d, route);
        double s = 0;
        for (double nu : SymmetricEigen.values(f.congruenceTranspose(b, route), d, route)) {
            s += Math.sqrt(Math.max(nu, 0));
        }
        return s;
    }

    /** W2^2 of two zero-mean Gaussians from scratch on one route. */
    static double w2Squared(double[] a, double[] b, int d, LinalgRoute route) {
        return Math.max(Dense.trace(a, d) + Dense.trace(b, d) - 2 * buresTrace(a, b, d, route), 0);
    }

    private static void parallelPairs(int d, int pairs) {
        SplittableRandom rng = new SplittableRandom(5);
        List<double[]> m = new ArrayList<>();
        for (int i = 0; i < 2 * pairs; i++) {
            m.add(RandomMatrices.spd(d, 100, 1, rng));
        }
        for (LinalgRoute route : new LinalgRoute[] {LinalgRoute.JAVA, LinalgRoute.NATIVE}) {
            IntToDoubleFunction pair = i -> w2Squared(m.get(2 * i), m.get(2 * i + 1), d, route);
            double best = Double.POSITIVE_INFINITY;
            double serial = Double.POSITIVE_INFINITY;
            for (int round = 0; round < 2; round++) {
                long t0 = System.nanoTime();
                sink += IntStream.range(0, pairs).parallel().mapToDouble(pair).sum();
                best = Math.min(best, (System.nanoTime() - t0) * 1e-6 / pairs);
                t0 = System.nanoTime();
                sink += IntStream.range(0, pairs).mapToDouble(pair).sum();
                serial = Math.min(serial, (System.nanoTime() - t0) * 1e-6 / pairs);
            }
            System.out.println(String.format(Locale.ROOT, "{\"case\":\"w2pair-parallel\",\"d\":%d,\"pairs\":%d,"
                    + "\"route\":\"%s\",\"msPerPairParallelWall\":%.4g,\"msPerPairSerial\":%.4g,\"threadsPinned\":%b}",
                    d, pairs, route.name().toLowerCase(Locale.ROOT), best, serial, NativeLinalg.threadsPinned()));
        }
    }

    private static void w2Mode(Path dir, int pairs) throws IOException {
        int d = 300;
        Files.createDirectories(dir);
        SplittableRandom rng = new SplittableRandom(300);
        double[][] mats = new double[2 * pairs][];
        ByteBuffer buf = ByteBuffer.allocate(2 * pairs * d * d * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 2 * pairs; i++) {
            mats[i] = RandomMatrices.spd(d, 100, rng.nextDouble(0.5, 2), rng);
            buf.asDoubleBuffer().put(mats[i]);
            buf.position(buf.position() + d * d * Double.BYTES);
        }
        buf.flip();
        try (FileChannel ch = FileChannel.open(dir.resolve("w2-pairs.f64"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
        double[] w2 = new double[pairs];
        double[] perPair = new double[7];
        for (int round = -2; round < perPair.length; round++) {   // two warm-up rounds
            long t0 = System.nanoTime();
            for (int i = 0; i < pairs; i++) {
                w2[i] = w2Squared(mats[2 * i], mats[2 * i + 1], d, LinalgRoute.AUTO);
            }
            if (round >= 0) {
                perPair[round] = (System.nanoTime() - t0) * 1e-6 / pairs;
            }
        }
        Arrays.sort(perPair);
        // The library's own per-pair cost: components are factored once (GaussianFactor), so a pair
        // is one congruence and one eigenvalue computation (PairKernels.w2Squared).
        GaussianFactor[] factors = new GaussianFactor[2 * pairs];
        for (int i = 0; i < 2 * pairs; i++) {
            factors[i] = GaussianFactor.of(Gaussian.ofFlat(new double[d], mats[i]));
        }
        double[] prefactored = new double[7];
        double worst = 0;
        for (int round = -2; round < prefactored.length; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < pairs; i++) {
                double v = PairKernels.w2Squared(factors[2 * i], factors[2 * i + 1]);
                worst = Math.max(worst, Math.abs(v - w2[i]) / w2[i]);
            }
            if (round >= 0) {
                prefactored[round] = (System.nanoTime() - t0) * 1e-6 / pairs;
            }
        }
        Arrays.sort(prefactored);
        System.out.println(String.format(Locale.ROOT, "{\"case\":\"w2pair-java-prefactored\",\"d\":%d,\"pairs\":%d,"
                + "\"msPerPairMin\":%.4f,\"msPerPairMedian\":%.4f,\"maxRelativeDifferenceToFromScratch\":%.3g}", d, pairs,
                prefactored[0], prefactored[prefactored.length / 2], worst));
        System.out.println(String.format(Locale.ROOT, "{\"case\":\"w2pair-java\",\"d\":%d,\"pairs\":%d,\"msPerPairMin\":%.4f,"
                + "\"msPerPairMedian\":%.4f,\"route\":\"%s\",\"threadsPinned\":%b,\"w2\":%s}", d, pairs, perPair[0],
                perPair[perPair.length / 2], NativeLinalg.isAvailable() ? "auto (native)" : "auto (java)",
                NativeLinalg.threadsPinned(), Arrays.toString(w2).replace(" ", "")));
    }

    /** Minimum over {@code rounds} rounds of the mean ms per call; rounds and the warm-up last at least {@code nanos}. */
    private static double time(Runnable call, long nanos, int rounds) {
        long t0 = System.nanoTime();
        int reps = 0;
        while (System.nanoTime() - t0 < nanos || reps < 3) {
            call.run();
            reps++;
        }
        if (rounds == 0) {
            return (System.nanoTime() - t0) * 1e-6 / reps;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int round = 0; round < rounds; round++) {
            long s = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                call.run();
            }
            best = Math.min(best, (System.nanoTime() - s) * 1e-6 / reps);
        }
        return best;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
