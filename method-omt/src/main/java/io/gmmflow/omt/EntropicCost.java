package io.gmmflow.omt;

import io.gmmflow.api.CostModel;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Parameters;
import io.gmmflow.linalg.GaussianFactor;
import io.gmmflow.linalg.PairKernels;
import java.util.stream.IntStream;

/**
 * The {@code entropic} cost model of seed 003: the optimal value of the entropic Gaussian pair
 * problem, L_ij = E_{p_ij}|x - y|^2 + eps1 KL(p_ij || mu_i x nu_j) (eq. 29, 33; formulas of
 * DESIGN.md 5a, see {@link EntropicGaussianPair}). L_ij >= 0, finite for every pair of Gaussians
 * (singular source covariances included), tends to W2^2 as eps1 -> 0.
 *
 * <p>Parameter {@code eps1} (default {@value #DEFAULT_EPS1}, the value of seed 003 Appendix B.3);
 * {@code epsilon} is accepted as an alias when {@code eps1} is not set, so that
 * {@code gmmflow cost --cost entropic --epsilon E} works. eps1 must be finite and > 0.
 *
 * <p>{@link #matrix} prepares every component once (the target's Cholesky factor R is reused by all
 * K0 pairs that end there) and runs the rows in parallel; each pair then costs one congruence and
 * one values-only eigendecomposition (~2.5 d^3 flops), or O(d) when both covariances are diagonal.
 * Stateless and thread-safe.
 */
public final class EntropicCost implements CostModel {

    /** Default eps1 (seed 003 Appendix B.3 uses 0.01 for both regularizers). */
    public static final double DEFAULT_EPS1 = 0.01;

    /** The name of the regularization parameter. */
    public static final String EPS1 = "eps1";

    /** Alias of {@link #EPS1} (the common name the CLI's {@code --epsilon} sets). */
    public static final String EPSILON_ALIAS = "epsilon";

    @Override
    public String name() {
        return "entropic";
    }

    @Override
    public String description() {
        return "seed 003 entropic Gaussian pair objective E|x-y|^2 + eps1 KL(p || mu x nu) (parameter eps1, alias epsilon)";
    }

    @Override
    public Parameters defaults() {
        return Parameters.of(EPS1, DEFAULT_EPS1);
    }

    /**
     * The eps1 that {@code parameters} select: {@code eps1} if set, else {@code epsilon}, else the
     * default.
     *
     * @throws IllegalArgumentException naming the parameter when it is NaN, infinite or <= 0
     */
    public static double eps1(Parameters parameters) {
        Parameters p = parameters == null ? Parameters.empty() : parameters;
        if (p.has(EPS1)) {
            return p.positive(EPS1, DEFAULT_EPS1);
        }
        if (p.has(EPSILON_ALIAS)) {
            return p.positive(EPSILON_ALIAS, DEFAULT_EPS1);
        }
        return DEFAULT_EPS1;
    }

    @Override
    public double cost(Gaussian source, Gaussian target, Parameters parameters) {
        double eps1 = eps1(parameters);
        if (source == null || target == null) {
            throw new IllegalArgumentException("source and target must not be null");
        }
        return EntropicGaussianPair.objective(GaussianFactor.of(source), GaussianFactor.of(target), eps1).objective();
    }

    @Override
    public double[][] matrix(GaussianMixture source, GaussianMixture target, Parameters parameters) {
        double eps1 = eps1(parameters);
        CostModel.checkDimensions(source, target);
        return table(source, target, eps1).objective();
    }

    /** L_ij and the transport parts E|x - y|^2 of every pair. */
    record Table(double[][] objective, double[][] transport) {
    }

    /**
     * Both matrices for all pairs, rows in parallel. eps1 = 0 gives W2^2 in both (the GMM-OT costs).
     */
    static Table table(GaussianMixture source, GaussianMixture target, double eps1) {
        GaussianFactor[] fs = factors(source);
        GaussianFactor[] ft = factors(target);
        double[][] obj = new double[fs.length][ft.length];
        double[][] tr = new double[fs.length][ft.length];
        IntStream.range(0, fs.length).parallel().forEach(i -> {
            for (int j = 0; j < ft.length; j++) {
                EntropicGaussianPair.Objective o;
                if (eps1 == 0) {
                    double w2 = PairKernels.w2Squared(fs[i], ft[j]);
                    o = new EntropicGaussianPair.Objective(w2, Double.POSITIVE_INFINITY, 0, w2);
                } else {
                    o = EntropicGaussianPair.objectiveOrW2(fs[i], ft[j], eps1);
                }
                if (!Double.isFinite(o.objective())) {
                    throw new IllegalArgumentException("pair (" + i + ", " + j + "): cost is not finite ("
                            + o.objective() + ")");
                }
                obj[i][j] = o.objective();
                tr[i][j] = o.transport();
            }
        });
        return new Table(obj, tr);
    }

    static GaussianFactor[] factors(GaussianMixture m) {
        GaussianFactor[] f = new GaussianFactor[m.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = GaussianFactor.of(m.component(i));
        }
        return f;
    }
}
