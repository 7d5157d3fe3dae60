package io.gmmflow.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmmflow.api.CostModel;
import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link CostModel} plugin meets, run over every cost model that
 * {@link ServiceLoader} finds on the test class path (and failing if it finds none). A plugin
 * module adds a one-line subclass, {@code class CostModelContractTest extends CostModelContract {}};
 * a module whose costs are symmetric, or vanish between identical Gaussians, says so by overriding
 * {@link #isSymmetric} or {@link #vanishesOnIdenticalGaussians} (so the W2-type properties are
 * checked only where a plugin claims them).
 *
 * <p>Generic properties only, each plugin's accuracy is its module's own test: the plugin describes
 * itself; costs on random pairs (full, diagonal and spherical covariances, d = 1..6, moderate
 * conditioning) are finite and non-negative; {@code matrix} has the K0 x K1 shape and equals
 * {@code cost} entry by entry to 1e-12 relative (an overriding {@code matrix} may order its
 * floating-point work differently, so bitwise equality is not required); a dimension mismatch is an
 * {@link IllegalArgumentException} that names both dimensions; concurrent calls agree.
 */
public abstract class CostModelContract {

    /** Every cost model registered with ServiceLoader; fails when there is none. */
    static List<CostModel> plugins() {
        List<CostModel> list = new ArrayList<>();
        ServiceLoader.load(CostModel.class).forEach(list::add);
        assertThat(list).as("CostModel plugins found by ServiceLoader").isNotEmpty();
        return list;
    }

    static Stream<CostModel> costModels() {
        return plugins().stream();
    }

    /** Whether cost(a, b) = cost(b, a) for this plugin; override to claim it. */
    protected boolean isSymmetric(CostModel cost) {
        return false;
    }

    /** Whether cost(g, g) = 0 for this plugin; override to claim it. */
    protected boolean vanishesOnIdenticalGaussians(CostModel cost) {
        return false;
    }

    /** A random Gaussian of the given kind: eigenvalues in [0.2, 3] (condition <= 15), means in [-2, 2]. */
    static Gaussian randomGaussian(int d, CovarianceType type, SplittableRandom rng) {
        double[] mean = rng.doubles(d, -2, 2).toArray();
        switch (type) {
            case SPHERICAL:
                return Gaussian.spherical(mean, rng.nextDouble(0.2, 3));
            case DIAGONAL:
                return Gaussian.diagonal(mean, rng.doubles(d, 0.2, 3).toArray());
            default:
                // B B^T / d + 0.2 I with B standard normal: symmetric positive definite.
                double[] b = new double[d * d];
                for (int i = 0; i < d * d; i++) {
                    b[i] = rng.nextGaussian();
                }
                double[] c = new double[d * d];
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j <= i; j++) {
                        double s = 0;
                        for (int k = 0; k < d; k++) {
                            s += b[i * d + k] * b[j * d + k];
                        }
                        s /= d;
                        if (i == j) {
                            s += 0.2;
                        }
                        c[i * d + j] = s;
                        c[j * d + i] = s;
                    }
                }
                return Gaussian.ofFlat(mean, c);
        }
    }

    static GaussianMixture randomMixture(int k, int d, CovarianceType type, SplittableRandom rng) {
        List<Gaussian> comps = new ArrayList<>();
        double[] w = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            comps.add(randomGaussian(d, type, rng));
            w[i] = rng.nextDouble(0.1, 1);
            sum += w[i];
        }
        for (int i = 0; i < k; i++) {
            w[i] /= sum;
        }
        w[k - 1] = 1 - java.util.Arrays.stream(w, 0, k - 1).sum();
        return GaussianMixture.of(w, comps);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("costModels")
    void describesItself(CostModel cost) {
        assertThat(cost.name()).matches("[a-z][a-z0-9]*(-[a-z0-9]+)*");
        assertThat(cost.description()).isNotBlank();
        assertThat(cost.defaults()).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("costModels")
    void costsOnRandomPairsAreFiniteAndNonNegative(CostModel cost) {
        SplittableRandom rng = new SplittableRandom(20240611L);
        Parameters p = cost.defaults();
        for (CovarianceType type : CovarianceType.values()) {
            for (int d = 1; d <= 6; d++) {
                for (int trial = 0; trial < 5; trial++) {
                    Gaussian a = randomGaussian(d, type, rng);
                    Gaussian b = randomGaussian(d, type, rng);
                    double c = cost.cost(a, b, p);
                    assertThat(c).as("%s cost, d = %d, %s", cost.name(), d, type)
                            .isFinite().isGreaterThanOrEqualTo(0.0);
                    if (isSymmetric(cost)) {
                        double back = cost.cost(b, a, p);
                        assertThat(Math.abs(back - c)).as("symmetry of %s", cost.name())
                                .isLessThanOrEqualTo(1e-12 * Math.max(1, c));
                    }
                    if (vanishesOnIdenticalGaussians(cost)) {
                        assertThat(cost.cost(a, a, p)).as("cost(g, g) of %s", cost.name()).isZero();
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("costModels")
    void matrixHasTheShapeAndEntriesOfThePairCosts(CostModel cost) {
        SplittableRandom rng = new SplittableRandom(7);
        Parameters p = cost.defaults();
        for (CovarianceType type : CovarianceType.values()) {
            for (int d : new int[] {1, 2, 3, 5}) {
                GaussianMixture s = randomMixture(3, d, type, rng);
                GaussianMixture t = randomMixture(4, d, type, rng);
                double[][] m = cost.matrix(s, t, p);
                assertThat(m).as("%s matrix rows", cost.name()).hasNumberOfRows(3);
                for (int i = 0; i < 3; i++) {
                    assertThat(m[i]).as("%s matrix row %d", cost.name(), i).hasSize(4);
                    for (int j = 0; j < 4; j++) {
                        double c = cost.cost(s.component(i), t.component(j), p);
                        assertThat(Math.abs(m[i][j] - c)).as("%s entry (%d, %d), d = %d, %s", cost.name(), i, j, d, type)
                                .isLessThanOrEqualTo(1e-12 * Math.max(1, Math.abs(c)));
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("costModels")
    void largerMatricesAgreeWithThePairCosts(CostModel cost) {
        // Large enough that an implementation that runs pairs in parallel does so.
        SplittableRandom rng = new SplittableRandom(11);
        GaussianMixture s = randomMixture(20, 12, CovarianceType.FULL, rng);
        GaussianMixture t = randomMixture(17, 12, CovarianceType.FULL, rng);
        double[][] m = cost.matrix(s, t, cost.defaults());
        assertThat(m).hasNumberOfRows(20);
        for (int i = 0; i < 20; i++) {
            assertThat(m[i]).hasSize(17);
            for (int j = 0; j < 17; j++) {
                double c = cost.cost(s.component(i), t.component(j), cost.defaults());
                assertThat(Math.abs(m[i][j] - c)).isLessThanOrEqualTo(1e-12 * Math.max(1, Math.abs(c)));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("costModels")
    void dimensionMismatchIsAnIllegalArgumentNamingBothDimensions(CostModel cost) {
        SplittableRandom rng = new SplittableRandom(3);
        Gaussian a = randomGaussian(2, CovarianceType.FULL, rng);
        Gaussian b = randomGaussian(7, CovarianceType.FULL, rng);
        assertThatThrownBy(() -> cost.cost(a, b, cost.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2").hasMessageContaining("7");
        GaussianMixture s = GaussianMixture.of(a);
        GaussianMixture t = GaussianMixture.of(b);
        assertThatThrownBy(() -> cost.matrix(s, t, cost.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2").hasMessageContaining("7");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("costModels")
    void concurrentCallsAgree(CostModel cost) throws Exception {
        SplittableRandom rng = new SplittableRandom(5);
        GaussianMixture s = randomMixture(4, 4, CovarianceType.FULL, rng);
        GaussianMixture t = randomMixture(5, 4, CovarianceType.FULL, rng);
        double[][] reference = cost.matrix(s, t, cost.defaults());
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int n = 0; n < 4; n++) {
            Thread th = new Thread(() -> {
                try {
                    for (int r = 0; r < 10; r++) {
                        double[][] m = cost.matrix(s, t, cost.defaults());
                        for (int i = 0; i < reference.length; i++) {
                            for (int j = 0; j < reference[i].length; j++) {
                                assertThat(Math.abs(m[i][j] - reference[i][j]))
                                        .isLessThanOrEqualTo(1e-12 * Math.max(1, Math.abs(reference[i][j])));
                            }
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void atLeastOnePluginIsRegistered() {
        assertThat(plugins()).isNotEmpty();
    }
}
