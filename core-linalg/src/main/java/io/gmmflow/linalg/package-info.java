/**
 * Dense numerical kernels for Gaussians: Cholesky ({@link io.gmmflow.linalg.CholeskyFactor}),
 * symmetric eigendecomposition with and without vectors ({@link io.gmmflow.linalg.SymmetricEigen}),
 * spectral functions ({@link io.gmmflow.linalg.Spectral}), prepared components
 * ({@link io.gmmflow.linalg.GaussianFactor}) and the Gaussian pair kernels of DESIGN.md section 2
 * ({@link io.gmmflow.linalg.PairKernels}); an LP front end ({@link io.gmmflow.linalg.LinearProgram}).
 *
 * <p>This is the only module that uses ojAlgo; no ojAlgo type appears in its public signatures.
 * Arrays are flat and row-major. Everything here is stateless and thread-safe.
 */
package io.gmmflow.linalg;
