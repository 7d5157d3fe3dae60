package io.gmmflow.surrogate;

import io.gmmflow.api.ComponentFlow;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianPath;
import io.gmmflow.api.Parameters;

/**
 * Component flow {@code linear} (seed 000 Method A): the path of eq. 2, linear in the mean and in the
 * covariance, Sigma(t) = (1-t) Sigma0 + t Sigma1, carried by the affine field of Lemma 1 (eq. 3-5),
 * v(t, x) = (mu1 - mu0) + 1/2 (Sigma1 - Sigma0) Sigma(t)^{-1} (x - m(t)). Its kinetic action is the
 * surrogate cost of eq. 6 ({@link SurrogateCost}).
 *
 * <p>Making a path costs one whitening and one symmetric eigendecomposition (~10 d^3 flops; O(d) for
 * diagonal pairs); every later query at any t is closed form, O(d^2) per point (O(d) diagonal). See
 * the returned path's documentation for the formulas. No parameters. Stateless and thread-safe.
 */
public final class LinearFlow implements ComponentFlow {

    /** Registry name. */
    public static final String NAME = "linear";

    /** Public no-argument constructor for ServiceLoader and Guice. */
    public LinearFlow() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "seed 000 Method A: linear mean and covariance path with the Lemma 1 affine field (eq. 2-5)";
    }

    /**
     * @throws IllegalArgumentException if the dimensions differ or either covariance is singular
     */
    @Override
    public GaussianPath path(Gaussian source, Gaussian target, Parameters parameters) {
        return LinearPath.of(source, target);
    }
}
