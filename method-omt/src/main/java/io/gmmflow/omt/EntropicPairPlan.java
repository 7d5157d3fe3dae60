package io.gmmflow.omt;

import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.Gaussian;
import io.gmmflow.linalg.Dense;
import io.gmmflow.linalg.GaussianFactor;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The optimal entropic plan between two Gaussians P = N(a, A) and Q = N(b, B) (seed 003 eq. 41,
 * DESIGN.md 5a): p = N([a; b], [[A, C], [C^T, B]]) with C = A K = K_b B, where K (forward) and K_b
 * (backward) are the SPD solutions of K A K + (eps1/2) K = B and K_b B K_b + (eps1/2) K_b = A.
 *
 * <p>Conditionals: y | x ~ N(b + K (x - a), (eps1/2) K) and x | y ~ N(a + K_b (y - b), (eps1/2) K_b),
 * so the forward (barycentric) map is T(x) = b + K (x - a) (seed 003 eq. 57:
 * C^T A^{-1} = K) and the backward map swaps roles. At eps1 = 0 (built only by the GMM-OT baseline)
 * K is the Bures map, the conditionals are point masses and the joint covariance is singular.
 *
 * <p>Built by {@link EntropicGaussianPair#plan}; the maps are kept in factored form
 * K = W diag(h) W^T, so one map or one conditional draw costs O(d^2) (O(d) for diagonal pairs).
 * Immutable and thread-safe; random draws use the caller's generator.
 */
public final class EntropicPairPlan {

    private final double[] a;
    private final double[] b;
    private final GaussianFactor source;
    private final GaussianFactor target;
    private final double eps1;
    private final EntropicGaussianPair.MapFrame forward;
    private final EntropicGaussianPair.MapFrame backward;
    private final EntropicGaussianPair.Objective objective;

    EntropicPairPlan(double[] a, double[] b, GaussianFactor source, GaussianFactor target, double eps1,
                     EntropicGaussianPair.MapFrame forward, EntropicGaussianPair.MapFrame backward,
                     EntropicGaussianPair.Objective objective) {
        this.a = a;
        this.b = b;
        this.source = source;
        this.target = target;
        this.eps1 = eps1;
        this.forward = forward;
        this.backward = backward;
        this.objective = objective;
    }

    /** The dimension d of each marginal. */
    public int dimension() {
        return a.length;
    }

    /** The regularization eps1 (0 for the Bures coupling of the GMM-OT baseline). */
    public double eps1() {
        return eps1;
    }

    /** The objective L = transport + eps1 KL and its parts. */
    public EntropicGaussianPair.Objective objective() {
        return objective;
    }

    /** The forward map matrix K (d x d row-major, symmetric positive definite). */
    public double[] forwardMatrix() {
        return forward.matrix();
    }

    /** The backward map matrix K_b (d x d row-major). */
    public double[] backwardMatrix() {
        return backward.matrix();
    }

    /** The cross-covariance C = Cov(x, y) = A K (d x d row-major). */
    public double[] crossCovariance() {
        int d = a.length;
        double[] k = forward.matrix();
        if (source.isDiagonal()) {
            double[] va = source.covarianceView();
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    k[i * d + j] *= va[i];
                }
            }
            return k;
        }
        return Dense.multiply(source.covarianceView(), k, d, d, d);
    }

    /** The covariance of y given x, (eps1/2) K (d x d row-major; zero at eps1 = 0). */
    public double[] conditionalCovariance() {
        double[] k = forward.matrix();
        for (int i = 0; i < k.length; i++) {
            k[i] *= 0.5 * eps1;
        }
        return k;
    }

    /** The joint covariance [[A, C], [C^T, B]] (2d x 2d row-major). */
    public double[] jointCovariance() {
        int d = a.length;
        int n = 2 * d;
        double[] c = crossCovariance();
        double[] ma = source.covarianceRowMajor();
        double[] mb = target.covarianceRowMajor();
        double[] j = new double[n * n];
        for (int r = 0; r < d; r++) {
            for (int s = 0; s < d; s++) {
                j[r * n + s] = ma[r * d + s];
                j[(d + r) * n + d + s] = mb[r * d + s];
                j[r * n + d + s] = c[r * d + s];
                j[(d + s) * n + r] = c[r * d + s];
            }
        }
        return Dense.symmetrize(j, n);
    }

    /** The plan as a Gaussian in R^{2d} (positive semi-definite only at eps1 = 0). */
    public Gaussian joint() {
        int d = a.length;
        double[] mean = new double[2 * d];
        System.arraycopy(a, 0, mean, 0, d);
        System.arraycopy(b, 0, mean, d, d);
        return eps1 > 0 ? Gaussian.ofFlat(mean, jointCovariance())
                : Gaussian.semiDefinite(mean, CovarianceType.FULL, jointCovariance());
    }

    /** The forward (barycentric, conditional-mean) map T(x) = b + K (x - a). */
    public double[] forward(double[] x) {
        checkPoint(x);
        double[] out = new double[a.length];
        applyForward(x, 0, out, 0, new double[a.length], new double[a.length]);
        return out;
    }

    /** The backward map T_b(y) = a + K_b (y - b). */
    public double[] backward(double[] y) {
        checkPoint(y);
        double[] out = new double[a.length];
        applyBackward(y, 0, out, 0, new double[a.length], new double[a.length]);
        return out;
    }

    /** One draw of y from the conditional N(b + K (x - a), (eps1/2) K). */
    public double[] sampleConditional(double[] x, RandomGenerator rng) {
        double[] y = forward(x);
        addConditionalNoise(rng, y, 0, new double[a.length]);
        return y;
    }

    /** n draws of (x, y) from the plan, one row of 2d numbers per draw, reproducible for a seed. */
    public double[][] sample(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("number of samples must be >= 0, got " + n);
        }
        int d = a.length;
        SplittableRandom rng = new SplittableRandom(seed);
        Gaussian p = Gaussian.semiDefinite(a, source.isDiagonal() ? CovarianceType.DIAGONAL : CovarianceType.FULL,
                source.covarianceView());
        double[][] x = p.sample(n, rng);
        double[][] out = new double[n][2 * d];
        double[] t1 = new double[d];
        double[] t2 = new double[d];
        for (int s = 0; s < n; s++) {
            System.arraycopy(x[s], 0, out[s], 0, d);
            applyForward(x[s], 0, out[s], d, t1, t2);
            addConditionalNoise(rng, out[s], d, t1);
        }
        return out;
    }

    void applyForward(double[] x, int xo, double[] out, int oo, double[] diff, double[] tmp) {
        int d = a.length;
        for (int k = 0; k < d; k++) {
            diff[k] = x[xo + k] - a[k];
        }
        forward.apply(diff, 0, out, oo, tmp);
        for (int k = 0; k < d; k++) {
            out[oo + k] += b[k];
        }
    }

    void applyBackward(double[] y, int yo, double[] out, int oo, double[] diff, double[] tmp) {
        int d = a.length;
        for (int k = 0; k < d; k++) {
            diff[k] = y[yo + k] - b[k];
        }
        backward.apply(diff, 0, out, oo, tmp);
        for (int k = 0; k < d; k++) {
            out[oo + k] += a[k];
        }
    }

    /** Adds a draw of N(0, (eps1/2) K) to out[oo ..]; {@code z} (length d) is scratch. */
    void addConditionalNoise(RandomGenerator rng, double[] out, int oo, double[] z) {
        if (eps1 == 0) {
            return;
        }
        for (int k = 0; k < z.length; k++) {
            z[k] = rng.nextGaussian();
        }
        forward.addRoot(z, Math.sqrt(0.5 * eps1), out, oo);
    }

    /** Adds a draw of N(0, (eps1/2) K_b) (the backward conditional) to out[oo ..]. */
    void addBackwardNoise(RandomGenerator rng, double[] out, int oo, double[] z) {
        if (eps1 == 0) {
            return;
        }
        for (int k = 0; k < z.length; k++) {
            z[k] = rng.nextGaussian();
        }
        backward.addRoot(z, Math.sqrt(0.5 * eps1), out, oo);
    }

    EntropicGaussianPair.MapFrame forwardFrame() {
        return forward;
    }

    EntropicGaussianPair.MapFrame backwardFrame() {
        return backward;
    }

    private void checkPoint(double[] x) {
        if (x == null || x.length != a.length) {
            throw new IllegalArgumentException("point has length " + (x == null ? 0 : x.length) + ", expected "
                    + a.length);
        }
    }
}
