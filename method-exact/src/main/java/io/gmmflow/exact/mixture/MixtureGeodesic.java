package io.gmmflow.exact.mixture;

import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.exact.BuresInterpolation;
import java.util.ArrayList;
import java.util.List;

/**
 * The geodesic of seed 002's mixture metric (eq. 11): mu_t = sum_ij pi*_ij nu_ij(t), a Gaussian
 * mixture at every t, where nu_ij(t) is the W2 displacement interpolation between source component
 * i and target component j (eq. 7) and only the pairs with pi_ij > 0 appear. Along it,
 * d(mu_s, mu_t) = (t - s) d(mu0, mu1) (eq. 12).
 *
 * <p>Building it prepares one {@link BuresInterpolation} per coupled pair (one eigendecomposition,
 * at most K0 + K1 - 1 pairs for an exact plan); each {@link #at} then costs 2 d^3 per pair.
 * Semi-definite components are handled as {@link BuresInterpolation} says. The weights are the plan
 * entries divided by their sum (exactly 1 for an exact plan; this absorbs a solver's marginal
 * error). Immutable and thread-safe.
 */
public final class MixtureGeodesic {

    private final List<BuresInterpolation> pairs = new ArrayList<>();
    private final double[] weights;
    private final int[][] indices;

    MixtureGeodesic(MixtureTransport transport) {
        double[][] plan = transport.plan();
        double total = 0;
        List<int[]> idx = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        for (int i = 0; i < plan.length; i++) {
            for (int j = 0; j < plan[i].length; j++) {
                if (plan[i][j] > 0) {
                    try {
                        pairs.add(BuresInterpolation.of(transport.source().component(i), transport.target().component(j)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("pair (" + i + ", " + j + "): " + e.getMessage(), e);
                    }
                    idx.add(new int[] {i, j});
                    w.add(plan[i][j]);
                    total += plan[i][j];
                }
            }
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("the plan has no positive entry; there is no geodesic to build");
        }
        weights = new double[w.size()];
        for (int p = 0; p < weights.length; p++) {
            weights[p] = w.get(p) / total;
        }
        indices = idx.toArray(new int[0][]);
    }

    /** The number of components of mu_t (the coupled pairs). */
    public int size() {
        return weights.length;
    }

    /** The (source, target) component indices of component p of mu_t. */
    public int[] pair(int p) {
        return indices[p].clone();
    }

    /**
     * mu_t as a mixture; component p is the interpolation of the pair {@link #pair}(p).
     *
     * @throws IllegalArgumentException if t is not in [0, 1]
     */
    public GaussianMixture at(double t) {
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("t must be in [0, 1], got " + t);
        }
        List<Gaussian> comps = new ArrayList<>(pairs.size());
        for (BuresInterpolation pair : pairs) {
            comps.add(pair.at(t));
        }
        return GaussianMixture.of(weights, comps);
    }
}
