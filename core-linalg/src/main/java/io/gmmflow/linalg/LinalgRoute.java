package io.gmmflow.linalg;

/**
 * Which implementation runs a dense kernel (Cholesky, the congruences of the pair kernels,
 * symmetric eigenvalues, eigendecomposition with vectors, matrix products, triangular solves).
 *
 * <ul>
 *   <li>{@link #AUTO}: the route the system property {@value NativeLinalg#ROUTE_PROPERTY} names;
 *       when that is {@code auto} (the default), LAPACK/BLAS when its native library loaded and
 *       the problem is at least the measured crossover size ({@link NativeLinalg#crossover}),
 *       pure Java otherwise.</li>
 *   <li>{@link #JAVA}: pure Java (hand-written kernels and ojAlgo), on every machine.</li>
 *   <li>{@link #NATIVE}: LAPACK/BLAS through {@code dev.ludovic.netlib}'s JNI binding at every
 *       size; a kernel asked for it throws {@link IllegalStateException} when the native library
 *       is not available (never the netlib pure-Java fallback, which is slower than ours).</li>
 * </ul>
 * Both routes compute the same quantities with backward-stable algorithms; they agree to round-off
 * (the tests assert 1e-12 relative). Overloads taking a route exist for tests and benchmarks.
 */
public enum LinalgRoute {
    /** By configuration and size (the default of every overload without a route). */
    AUTO,
    /** Pure Java. */
    JAVA,
    /** LAPACK/BLAS through JNI; fails when unavailable. */
    NATIVE
}
