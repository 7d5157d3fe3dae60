/**
 * Dense numerical kernels for Gaussians: Cholesky ({@link io.gmmflow.linalg.CholeskyFactor}),
 * symmetric eigendecomposition with and without vectors ({@link io.gmmflow.linalg.SymmetricEigen}),
 * spectral functions ({@link io.gmmflow.linalg.Spectral}), prepared components
 * ({@link io.gmmflow.linalg.GaussianFactor}) and the Gaussian pair kernels of DESIGN.md section 2
 * ({@link io.gmmflow.linalg.PairKernels}); matrix products including the batched point product
 * ({@link io.gmmflow.linalg.Dense#multiplyInto}); an LP front end
 * ({@link io.gmmflow.linalg.LinearProgram}).
 *
 * <p>The O(d^3) kernels have two routes ({@link io.gmmflow.linalg.LinalgRoute}): pure Java
 * (hand-written loops and ojAlgo) everywhere, and LAPACK/BLAS through {@code dev.ludovic.netlib}'s
 * JNI binding when the system's OpenBLAS loads, chosen by size above measured crossovers
 * ({@link io.gmmflow.linalg.NativeLinalg}; system property {@code gmmflow.linalg.route} = auto |
 * java | native). Both give the same results to round-off. Run with
 * {@code OPENBLAS_NUM_THREADS=1} (see {@link io.gmmflow.linalg.NativeLinalg} for why).
 *
 * <p>This is the only module that uses ojAlgo and netlib; none of their types appears in its public
 * signatures. Arrays are flat and row-major. Everything here is stateless and thread-safe.
 */
package io.gmmflow.linalg;
