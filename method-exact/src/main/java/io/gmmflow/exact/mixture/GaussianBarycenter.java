package io.gmmflow.exact.mixture;

import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.SolverStatus;
import io.gmmflow.linalg.CholeskyFactor;
import io.gmmflow.linalg.Dense;
import io.gmmflow.linalg.Spectral;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 2-Wasserstein barycenter of Gaussians N(m_k, S_k) with weights lambda_k (seed 002 eq. 14-16):
 * it is Gaussian with mean m = sum_k lambda_k m_k (eq. 15) and the covariance S solving
 * S = sum_k lambda_k (S^{1/2} S_k S^{1/2})^{1/2} (eq. 16).
 *
 * <p><b>Iteration.</b> The fixed point with a convergence proof (seed 002 after eq. 16; DESIGN.md
 * section 4): S <- S^{-1/2} (sum_k lambda_k (S^{1/2} S_k S^{1/2})^{1/2})^2 S^{-1/2}, which is
 * S <- T S T with T = sum_k lambda_k T_k the average of the Bures maps from S to the S_k. It runs
 * in the Cholesky frame of the current S = L L^T, where no matrix square root of S is needed:
 * with R = sum_k lambda_k (L^T S_k L)^{1/2}, T = L^{-T} R L^{-1} and the update is
 * S <- L^{-T} X^2 L^{-1}, X = (1 - eta) L^T L + eta R. The step eta ({@code stepSize}, default 1)
 * makes this the Bures-Wasserstein gradient descent of Chewi et al. (2020) (POT's
 * "gradient_descent" variant); eta = 1 is exactly the fixed point above. POT's own fixed point
 * iterates S <- sum_k lambda_k (S^{1/2} S_k S^{1/2})^{1/2}, for which seed 002 notes no
 * convergence proof is known; it is not used here.
 *
 * <p><b>Stopping rule.</b> The residual of eq. 16, |S - sum_k lambda_k (S^{1/2} S_k S^{1/2})^{1/2}|_F / |S|_F,
 * equals |L^T L - R|_F / |L^T L|_F exactly (S^{1/2} = U^T L^T for an orthogonal U), so it is
 * computed for free each iteration; the iteration stops when it is at most {@code tolerance}
 * (default 1e-12) and reports {@link SolverStatus#MAX_ITERATIONS} with the achieved residual after
 * {@code maxIterations} (default 1000), or {@link SolverStatus#FAILED} if S stops being positive
 * definite or finite.
 *
 * <p><b>Fast paths.</b> Diagonal or spherical inputs (and d = 1) commute, and then
 * S = (sum_k lambda_k S_k^{1/2})^2 coordinate by coordinate, O(K d). Inputs with weight 0 are
 * ignored; one input of weight 1 is returned as is.
 *
 * <p>Cost per iteration: one Cholesky (d^3/3), per input one congruence and one eigendecomposition
 * with vectors (~11 d^3), two triangular solves (2 d^3). Semi-definite inputs are accepted as long
 * as the iterate stays positive definite (it does when some input of positive weight is).
 * Stateless and thread-safe.
 */
public final class GaussianBarycenter {

    /** Parameter: the stopping tolerance on the relative residual of eq. 16. */
    public static final String TOLERANCE = "tolerance";
    /** Parameter: the iteration limit. */
    public static final String MAX_ITERATIONS = "maxIterations";
    /** Parameter: the step eta in (0, 1] of the gradient form (1 = the fixed point). */
    public static final String STEP_SIZE = "stepSize";

    private static final Logger LOG = LoggerFactory.getLogger(GaussianBarycenter.class);
    private static final Parameters DEFAULTS = Parameters.of(TOLERANCE, 1e-12, MAX_ITERATIONS, 1000, STEP_SIZE, 1.0);

    private GaussianBarycenter() {
    }

    /** The parameters read, with their defaults: tolerance 1e-12, maxIterations 1000, stepSize 1. */
    public static Parameters defaults() {
        return DEFAULTS;
    }

    /**
     * A Gaussian barycenter and how its iteration ended.
     *
     * @param barycenter the barycenter (the last iterate when not converged)
     * @param iterations fixed-point updates done (0 for the closed forms)
     * @param residual   relative residual of eq. 16 at the returned covariance
     * @param status     CONVERGED when residual <= tolerance
     */
    public record Result(Gaussian barycenter, int iterations, double residual, SolverStatus status) {

        /** Whether the stopping rule was met. */
        public boolean converged() {
            return status == SolverStatus.CONVERGED;
        }
    }

    /**
     * Checks a weight vector: finite, non-negative, summing to 1 within 1e-9.
     *
     * @throws IllegalArgumentException naming the offending weight or the sum
     */
    static void checkWeights(double[] lambdas, String what) {
        if (lambdas == null || lambdas.length == 0) {
            throw new IllegalArgumentException("the " + what + " weights are missing");
        }
        double sum = 0;
        for (int k = 0; k < lambdas.length; k++) {
            if (!Double.isFinite(lambdas[k]) || lambdas[k] < 0) {
                throw new IllegalArgumentException(what + " " + k + " must be a finite number >= 0, got " + lambdas[k]);
            }
            sum += lambdas[k];
        }
        if (!(Math.abs(sum - 1) <= 1e-9)) {
            throw new IllegalArgumentException("the " + what + " weights sum to " + sum + ", not 1");
        }
    }

    /** The barycenter with the default parameters. */
    public static Result compute(List<Gaussian> inputs, double[] lambdas) {
        return compute(inputs, lambdas, Parameters.empty());
    }

    /**
     * The barycenter of {@code inputs} with weights {@code lambdas}.
     *
     * @throws IllegalArgumentException for an empty or null input list, a count of weights that
     *     differs from the count of inputs, weights that are negative or do not sum to 1, inputs of
     *     different dimensions, or bad parameters
     */
    public static Result compute(List<Gaussian> inputs, double[] lambdas, Parameters parameters) {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("the barycenter needs at least one input Gaussian");
        }
        if (lambdas == null || lambdas.length != inputs.size()) {
            throw new IllegalArgumentException("got " + inputs.size() + " inputs but "
                    + (lambdas == null ? 0 : lambdas.length) + " weights");
        }
        checkWeights(lambdas, "lambda");
        Parameters p = (parameters == null ? Parameters.empty() : parameters).withDefaults(DEFAULTS);
        double tol = p.positive(TOLERANCE, 1e-12);
        int maxIter = p.integer(MAX_ITERATIONS, 1000, 1);
        double eta = p.positive(STEP_SIZE, 1.0);
        if (eta > 1) {
            throw new IllegalArgumentException("parameter " + STEP_SIZE + " must be in (0, 1], got " + eta);
        }
        int d = -1;
        for (int k = 0; k < inputs.size(); k++) {
            Gaussian g = inputs.get(k);
            if (g == null) {
                throw new IllegalArgumentException("input " + k + " is null");
            }
            if (d < 0) {
                d = g.dimension();
            } else if (g.dimension() != d) {
                throw new IllegalArgumentException("input " + k + " has dimension " + g.dimension()
                        + " but input 0 has dimension " + d);
            }
        }
        double[] mean = new double[d];
        int active = 0;
        int last = -1;
        boolean commuting = d == 1;
        boolean allDiagonal = true;
        boolean allSpherical = true;
        for (int k = 0; k < inputs.size(); k++) {
            if (lambdas[k] == 0) {
                continue;
            }
            Gaussian g = inputs.get(k);
            active++;
            last = k;
            for (int i = 0; i < d; i++) {
                mean[i] += lambdas[k] * g.mean(i);
            }
            allDiagonal &= g.covarianceType() != CovarianceType.FULL;
            allSpherical &= g.covarianceType() == CovarianceType.SPHERICAL;
        }
        if (active == 1) {
            return new Result(inputs.get(last), 0, 0, SolverStatus.CONVERGED);
        }
        if (commuting || allDiagonal) {
            double[] sd = new double[d];
            for (int k = 0; k < inputs.size(); k++) {
                if (lambdas[k] == 0) {
                    continue;
                }
                double[] v = inputs.get(k).variances();
                for (int i = 0; i < d; i++) {
                    sd[i] += lambdas[k] * Math.sqrt(v[i]);
                }
            }
            double[] var = new double[d];
            for (int i = 0; i < d; i++) {
                var[i] = sd[i] * sd[i];
            }
            Gaussian b;
            if (allSpherical) {
                b = Gaussian.semiDefinite(mean, CovarianceType.SPHERICAL, new double[] {var[0]});
            } else if (allDiagonal) {
                b = Gaussian.semiDefinite(mean, CovarianceType.DIAGONAL, var);
            } else {
                b = Gaussian.semiDefinite(mean, CovarianceType.FULL, var);
            }
            return new Result(positiveIfPossible(b), 0, 0, SolverStatus.CONVERGED);
        }
        return fixedPoint(inputs, lambdas, mean, d, tol, maxIter, eta);
    }

    /** Re-makes a Gaussian built as semi-definite as an ordinary one when it is positive definite. */
    private static Gaussian positiveIfPossible(Gaussian g) {
        if (!g.isPositiveDefinite()) {
            return g;
        }
        return Gaussian.of(g.mean(), g.covarianceType(), g.covarianceParameters());
    }

    private static Result fixedPoint(List<Gaussian> inputs, double[] lambdas, double[] mean, int d, double tol,
                                     int maxIter, double eta) {
        int count = inputs.size();
        double[][] cov = new double[count][];
        double[] s = new double[d * d];
        for (int k = 0; k < count; k++) {
            if (lambdas[k] == 0) {
                continue;
            }
            cov[k] = inputs.get(k).covarianceRowMajor();
            for (int i = 0; i < d * d; i++) {
                s[i] += lambdas[k] * cov[k][i];
            }
        }
        double residual = Double.NaN;
        for (int iter = 0; ; iter++) {
            CholeskyFactor chol = CholeskyFactor.tryFactor(s, d);
            if (!chol.isSuccessful()) {
                LOG.debug("Gaussian barycenter: iterate {} lost positive definiteness (pivot {})", iter, chol.failedPivot());
                return new Result(semiDefinite(mean, s), iter, residual, SolverStatus.FAILED);
            }
            double[] l = chol.lower();
            double[] ltl = Dense.multiplyTransposeLeft(l, l, d, d, d);   // L^T L: same spectrum as S
            double[] r = new double[d * d];
            for (int k = 0; k < count; k++) {
                if (lambdas[k] == 0) {
                    continue;
                }
                double[] n = chol.congruenceTranspose(cov[k]);
                double[] root = Spectral.sqrt(n, d);
                for (int i = 0; i < d * d; i++) {
                    r[i] += lambdas[k] * root[i];
                }
            }
            residual = Dense.frobeniusNorm(Dense.subtract(ltl, r)) / Dense.frobeniusNorm(ltl);
            if (!Double.isFinite(residual)) {
                return new Result(semiDefinite(mean, s), iter, residual, SolverStatus.FAILED);
            }
            if (residual <= tol) {
                LOG.debug("Gaussian barycenter converged after {} iterations, residual {}", iter, residual);
                return new Result(Gaussian.ofFlat(mean, s), iter, residual, SolverStatus.CONVERGED);
            }
            if (iter == maxIter) {
                LOG.debug("Gaussian barycenter: {} iterations, residual {} > {}", iter, residual, tol);
                return new Result(Gaussian.ofFlat(mean, s), iter, residual, SolverStatus.MAX_ITERATIONS);
            }
            double[] x = new double[d * d];
            for (int i = 0; i < d * d; i++) {
                x[i] = (1 - eta) * ltl[i] + eta * r[i];
            }
            double[] x2 = Dense.symmetrize(Dense.multiply(x, x, d, d, d), d);
            double[] y = chol.solveUpperMatrix(x2, d);                                 // L^{-T} X^2
            s = Dense.symmetrize(chol.solveUpperMatrix(Dense.transpose(y, d, d), d), d);  // L^{-T} X^2 L^{-1}
        }
    }

    private static Gaussian semiDefinite(double[] mean, double[] s) {
        try {
            return Gaussian.semiDefinite(mean, CovarianceType.FULL, s);
        } catch (IllegalArgumentException e) {
            // The iterate broke down so badly that it is not even semi-definite: report the mean with a zero covariance.
            return Gaussian.semiDefinite(mean, CovarianceType.SPHERICAL, new double[] {0});
        }
    }
}
