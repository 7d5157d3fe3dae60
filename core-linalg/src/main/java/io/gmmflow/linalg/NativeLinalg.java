package io.gmmflow.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import dev.ludovic.netlib.lapack.NativeLAPACK;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native route of the dense kernels: LAPACK and BLAS through {@code dev.ludovic.netlib}'s JNI
 * binding, which {@code dlopen}s the system's {@code liblapack.so.3} and {@code libblas.so.3}
 * (on Debian/Ubuntu the {@code libopenblas0-pthread} package provides both; the netlib system
 * properties {@code dev.ludovic.netlib.lapack.nativeLib} / {@code .nativeLibPath} and the
 * {@code blas} ones choose another file). This class says whether that route loaded, which
 * library it is, and where the automatic route switches to it.
 *
 * <p><b>Choosing the route.</b> The system property {@value #ROUTE_PROPERTY} = {@code auto}
 * (default) | {@code java} | {@code native}, read once. In {@code auto} a kernel runs natively when
 * the JNI implementation loaded, the library is an optimized one (OpenBLAS, MKL, BLIS; the
 * reference LAPACK/BLAS is no faster than the Java kernels) and the problem size is at least
 * {@link #crossover}. Nothing native is loaded before the first problem that size. The netlib
 * pure-Java fallback ({@code F2jLAPACK}) is never used: it is the JNI class or nothing.
 *
 * <p><b>Threads.</b> OpenBLAS's pthread build starts one thread per core for a large enough call.
 * Our callers already parallelize over pairs and points, and on this machine (2 cores) the extra
 * threads made the LAPACK kernels slower, alone or with both cores busy (d = 300, 100 W2 pairs from
 * scratch: 4.3 - 4.4 ms per pair pinned to one thread against 6.3 - 7.4 ms with two, serial or in a
 * parallel stream; eigendecomposition 6.8 vs 8.5 - 12 ms; at d = 10 - 100 the two-thread calls were
 * 1.5 - 4x slower than one-thread ones). The thread count is fixed from the environment when the
 * library loads and cannot be changed from Java afterwards (netlib binds no
 * {@code openblas_set_num_threads}), so the launcher {@code ./gmmflow}, this module's surefire
 * configuration and CI export {@code OPENBLAS_NUM_THREADS=1}; applications embedding the library
 * should do the same. When the environment does not pin it ({@link #threadsPinned()} false) the
 * automatic route uses the measured two-thread crossovers ({@code UNPINNED_*}), where the native
 * kernels still win.
 *
 * <p>Stateless after class initialization and thread-safe.
 */
public final class NativeLinalg {

    /** The system property that chooses the route: {@code auto}, {@code java} or {@code native}. */
    public static final String ROUTE_PROPERTY = "gmmflow.linalg.route";

    // Crossovers: measured on this machine (2 cores, OpenBLAS 0.3.21 pthread, JDK 17) with
    // LinalgRouteBenchmark after a JIT warm-up; figures are Java time / native time.

    /**
     * Size d from which {@code auto} factors natively ({@code dpotrf}): Java/native 0.85 at d = 10,
     * 1.4 at 20, 3.5 at 100, 7 at 300 (3.7 vs 0.52 ms).
     */
    public static final int CHOLESKY_CROSSOVER = 16;

    /**
     * Size d from which the congruences L^T B L and L^{-1} B L^{-T} run as {@code dsygst}:
     * Java/native 0.82 at d = 12, 0.99 at 16, 1.15 at 20, 1.6 at 30, 11 at 300 (10.6 vs 0.96 ms).
     */
    public static final int CONGRUENCE_CROSSOVER = 20;

    /**
     * Size d from which eigenvalues alone come from {@code dsytrd} + {@code dsterf}: Java/native
     * 0.91 at d = 10, 1.04 at 20, 1.35 at 100, 2.1 at 300 (5.6 vs 2.7 ms).
     */
    public static final int EIGENVALUES_CROSSOVER = 20;

    /**
     * Size d from which eigendecompositions with vectors come from {@code dsyevd}: a warmed-up ojAlgo
     * is faster below (Java/native 0.70 at d = 50, 0.91 at 70, 0.99 at 80, 1.12 at 100, 2.2 at 300:
     * 14.6 vs 6.6 ms).
     */
    public static final int EIGENVECTORS_CROSSOVER = 80;

    /**
     * Multiply-adds (n k m for an n x k by k x m product) from which products call {@code dgemm}:
     * the JNI call costs about 0.15 us, so Java wins only on tiny products (16 x 3 by 3 x 3), and
     * for 1000 points dgemm is 4x faster at d = 2 and 8 - 12x from d = 5 on.
     */
    public static final long GEMM_CROSSOVER = 256;

    /**
     * Multiply-adds (d^2 m for a d x d triangle and a d x m right-hand side) from which triangular
     * solves and products call {@code dtrsm} / {@code dtrmm}: equal at d = m = 12, native 1.5x at 16,
     * 3.9x at 100.
     */
    public static final long TRIANGULAR_CROSSOVER = 2048;

    /**
     * Size d from which {@code auto} factors natively when OpenBLAS is not pinned to one thread
     * (its threaded potrf was no faster than Java at d = 100, 3.4x at 200).
     */
    public static final int UNPINNED_CHOLESKY_CROSSOVER = 20;

    /** Size d from which {@code auto} runs the congruences natively when OpenBLAS is not pinned (0.52 at d = 60, 0.93 at 80, 1.3 at 100). */
    public static final int UNPINNED_CONGRUENCE_CROSSOVER = 100;

    /**
     * Size d from which {@code auto} computes eigenvalues (with or without vectors) natively when
     * OpenBLAS is not pinned: two threads made them slower than Java up to d = 150 (values 0.63 at
     * 100, 1.10 at 200; vectors 0.67 at 100, 1.20 at 200).
     */
    public static final int UNPINNED_EIGEN_CROSSOVER = 200;

    /** The kernels that have two routes. */
    public enum Kernel {
        /** Cholesky factorization (size: d). */
        CHOLESKY,
        /** L^T B L and L^{-1} B L^{-T} (size: d). */
        CONGRUENCE,
        /** Symmetric eigenvalues only (size: d). */
        EIGENVALUES,
        /** Symmetric eigenvalues and vectors (size: d). */
        EIGENVECTORS,
        /** General matrix product (size: multiply-adds). */
        GEMM,
        /** Triangular solve or product with a matrix right-hand side (size: multiply-adds). */
        TRIANGULAR
    }

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(NativeLinalg.class);

    private static final String ROUTE_VALUE = System.getProperty(ROUTE_PROPERTY, "auto").trim()
            .toLowerCase(Locale.ROOT);

    private static final LinalgRoute CONFIGURED = switch (ROUTE_VALUE) {
        case "auto", "" -> LinalgRoute.AUTO;
        case "java" -> LinalgRoute.JAVA;
        case "native" -> LinalgRoute.NATIVE;
        default -> null;
    };

    private static final boolean THREADS_PINNED = computeThreadsPinned();

    private NativeLinalg() {
    }

    /** The route the system property configures ({@link LinalgRoute#AUTO} when unset). */
    public static LinalgRoute configuredRoute() {
        if (CONFIGURED == null) {
            throw new IllegalArgumentException("system property " + ROUTE_PROPERTY + " is '" + ROUTE_VALUE
                    + "'; expected auto, java or native");
        }
        return CONFIGURED;
    }

    /** Whether the JNI LAPACK and BLAS loaded (this loads them on the first call). */
    public static boolean isAvailable() {
        return Holder.LAPACK != null;
    }

    /**
     * Whether the loaded library is an optimized one (OpenBLAS, MKL, BLIS, as seen in the process's
     * memory map; true when the map cannot be read), so that {@code auto} may use it.
     */
    public static boolean isOptimized() {
        return Holder.LAPACK != null && Holder.OPTIMIZED;
    }

    /** A one-line description of the native route: what loaded from where, or why it did not. */
    public static String status() {
        return Holder.STATUS;
    }

    /**
     * Whether the environment pins OpenBLAS to one thread per call: the first of
     * {@code OPENBLAS_NUM_THREADS}, {@code GOTO_NUM_THREADS}, {@code OMP_NUM_THREADS} that is set
     * (OpenBLAS's own order) is 1, or the machine has a single core.
     */
    public static boolean threadsPinned() {
        return THREADS_PINNED;
    }

    /**
     * The smallest problem size (d, or multiply-adds for {@link Kernel#GEMM} and
     * {@link Kernel#TRIANGULAR}) from which {@link LinalgRoute#AUTO} runs the kernel natively when
     * the library is available, for the current thread setting (see {@link #threadsPinned()}).
     */
    public static long crossover(Kernel kernel) {
        return switch (kernel) {
            case CHOLESKY -> THREADS_PINNED ? CHOLESKY_CROSSOVER : UNPINNED_CHOLESKY_CROSSOVER;
            case CONGRUENCE -> THREADS_PINNED ? CONGRUENCE_CROSSOVER : UNPINNED_CONGRUENCE_CROSSOVER;
            case EIGENVALUES -> THREADS_PINNED ? EIGENVALUES_CROSSOVER : UNPINNED_EIGEN_CROSSOVER;
            case EIGENVECTORS -> THREADS_PINNED ? EIGENVECTORS_CROSSOVER : UNPINNED_EIGEN_CROSSOVER;
            // Small BLAS 3 calls run on one thread either way; large ones win by 10x with or without threads.
            case GEMM -> GEMM_CROSSOVER;
            case TRIANGULAR -> TRIANGULAR_CROSSOVER;
        };
    }

    /**
     * Whether a call on {@code route} runs {@code kernel} natively at {@code size}.
     *
     * @throws IllegalStateException when the native route is requested (explicitly or by the system
     *                               property) and the library is not available
     */
    static boolean useNative(LinalgRoute route, Kernel kernel, long size) {
        LinalgRoute r = route == LinalgRoute.AUTO ? configuredRoute() : route;
        switch (r) {
            case JAVA:
                return false;
            case NATIVE:
                requireAvailable();
                return true;
            default:
                return size >= crossover(kernel) && isOptimized();
        }
    }

    /** The JNI LAPACK, or an {@link IllegalStateException} saying why there is none. */
    static LAPACK lapack() {
        requireAvailable();
        return Holder.LAPACK;
    }

    /** The JNI BLAS, or an {@link IllegalStateException} saying why there is none. */
    static BLAS blas() {
        requireAvailable();
        return Holder.BLAS;
    }

    private static void requireAvailable() {
        if (Holder.LAPACK == null) {
            throw new IllegalStateException("the native LAPACK/BLAS route was requested but is not available: "
                    + Holder.STATUS + " (install OpenBLAS, e.g. apt-get install libopenblas0-pthread, or use "
                    + ROUTE_PROPERTY + "=auto or java)");
        }
    }

    private static boolean computeThreadsPinned() {
        if (Runtime.getRuntime().availableProcessors() == 1) {
            return true;
        }
        for (String name : new String[] {"OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"}) {
            String v = System.getenv(name);
            if (v != null && !v.isBlank()) {
                try {
                    int n = Integer.parseInt(v.trim());
                    if (n > 0) {
                        return n == 1;
                    }
                } catch (NumberFormatException e) {
                    // OpenBLAS ignores what it cannot parse; so do we, and look at the next variable.
                }
            }
        }
        return false;
    }

    /** Loads the JNI binding on first use (so that small-d workloads never touch it). */
    private static final class Holder {
        static final LAPACK LAPACK;
        static final BLAS BLAS;
        static final boolean OPTIMIZED;
        static final String STATUS;

        static {
            LAPACK lapack = null;
            BLAS blas = null;
            String failure = null;
            // netlib's InstanceBuilders report a failed load (and, for BLAS, the missing incubator
            // vector module of its Java fallback, on every machine) through java.util.logging,
            // which prints to stderr; libraries must not print, so mute them while loading and
            // report the outcome once through SLF4J instead. The loggers are held strongly here so
            // that the muted level applies to the instances netlib creates.
            Logger lapackLog = Logger.getLogger("dev.ludovic.netlib.lapack.InstanceBuilder");
            Logger blasLog = Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder");
            Level lapackLevel = lapackLog.getLevel();
            Level blasLevel = blasLog.getLevel();
            lapackLog.setLevel(Level.OFF);
            blasLog.setLevel(Level.OFF);
            try {
                lapack = NativeLAPACK.getInstance();
                blas = NativeBLAS.getInstance();
            } catch (Throwable t) {
                // Any failure to load (no liblapack.so.3, unsupported platform, no writable temp
                // directory for the JNI stub) means the pure-Java route: nothing to rethrow.
                failure = t.getClass().getSimpleName() + ": " + t.getMessage();
                lapack = null;
                blas = null;
            } finally {
                lapackLog.setLevel(lapackLevel);
                blasLog.setLevel(blasLevel);
            }
            LAPACK = lapack;
            BLAS = blas;
            if (lapack == null) {
                OPTIMIZED = false;
                STATUS = "native LAPACK/BLAS not available (dev.ludovic.netlib could not bind liblapack.so.3 and "
                        + "libblas.so.3: " + failure + ")";
                LOG.info("core-linalg: {}; every kernel runs in pure Java", STATUS);
            } else {
                List<String> libraries = mappedLibraries();
                OPTIMIZED = libraries == null || libraries.stream().anyMatch(NativeLinalg::isOptimizedLibrary);
                STATUS = "JNI LAPACK/BLAS (" + lapack.getClass().getSimpleName() + ", " + blas.getClass().getSimpleName()
                        + ") on " + (libraries == null ? "an unknown library" : String.join(", ", libraries))
                        + (OPTIMIZED ? "" : " (a reference implementation: auto keeps the Java route)")
                        + "; OpenBLAS threads " + (THREADS_PINNED ? "pinned to 1" : "not pinned (set OPENBLAS_NUM_THREADS=1)");
                LOG.info("core-linalg native route: {}; route {}, auto crossovers d >= {} (Cholesky), {} (congruence), "
                        + "{} (eigenvalues), {} (eigenvectors), {} multiply-adds (gemm), {} (triangular)", STATUS,
                        ROUTE_VALUE, crossover(Kernel.CHOLESKY), crossover(Kernel.CONGRUENCE),
                        crossover(Kernel.EIGENVALUES), crossover(Kernel.EIGENVECTORS), crossover(Kernel.GEMM),
                        crossover(Kernel.TRIANGULAR));
            }
        }
    }

    /** Paths of the LAPACK/BLAS libraries in the process's memory map, or null when unreadable. */
    private static List<String> mappedLibraries() {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                String path = line.substring(slash);
                String file = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
                if ((file.contains("lapack") || file.contains("blas") || file.contains("mkl") || file.contains("blis"))
                        && !file.contains("netlib") && !out.contains(path)) {
                    out.add(path);
                }
            }
            return out.isEmpty() ? null : out;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean isOptimizedLibrary(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.contains("openblas") || p.contains("mkl") || p.contains("blis") || p.contains("accelerate");
    }
}
