package io.gmmflow.examples.library;

import io.gmmflow.api.CostModel;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.Parameters;
import io.gmmflow.linalg.CholeskyFactor;
import io.gmmflow.linalg.Dense;

/**
 * A worked example of a new plugin (README, "Writing a plugin"): the Bhattacharyya distance
 * between two Gaussians as a {@link CostModel} named {@code bhattacharyya},
 * <pre>
 *   D_B = 1/8 dmu^T S^{-1} dmu + 1/2 log(det S / sqrt(det S0 det S1)),   S = (S0 + S1) / 2,
 * </pre>
 * a divergence that, unlike W2, saturates for far-apart components. It is registered for
 * {@link java.util.ServiceLoader} in {@code META-INF/services/io.gmmflow.api.CostModel} of this
 * module and for Guice by {@link ExamplePluginsModule}, so the registry, {@code GmmTransport} and
 * any solver can use it by name; the {@code CostModelContract} test runs over it like over every
 * other cost.
 *
 * <p>One Cholesky factorization of S per pair (d^3/3 flops); log-determinants come from the
 * components' own factors. Stateless and thread-safe.
 */
public final class BhattacharyyaCost implements CostModel {

    /** The registry name. */
    public static final String NAME = "bhattacharyya";

    /** Public no-argument constructor, as ServiceLoader and Guice need. */
    public BhattacharyyaCost() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "example plugin: Bhattacharyya distance between Gaussian components";
    }

    @Override
    public double cost(Gaussian source, Gaussian target, Parameters parameters) {
        int d = source.dimension();
        if (target.dimension() != d) {
            throw new IllegalArgumentException("source has dimension " + d + " but target has dimension "
                    + target.dimension());
        }
        double[] s = source.covarianceRowMajor();
        double[] t = target.covarianceRowMajor();
        for (int i = 0; i < s.length; i++) {
            s[i] = 0.5 * (s[i] + t[i]);
        }
        CholeskyFactor f = CholeskyFactor.of(s, d, "the average covariance");
        double[] dmu = Dense.subtract(target.mean(), source.mean());
        double[] z = f.solveLower(dmu);
        double maha = 0;
        for (double v : z) {
            maha += v * v;
        }
        double logDets = f.logDeterminant() - 0.5 * (source.logDeterminant() + target.logDeterminant());
        return Math.max(0, maha / 8 + logDets / 2);
    }
}
