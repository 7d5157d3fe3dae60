package io.gmmflow.integrators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tableaux against the Runge-Kutta order conditions, generated from rooted trees (Butcher;
 * Hairer, Norsett and Wanner, Solving ODEs I, Theorem II.2.13): a method has order p when
 * sum_i b_i Phi_i(tau) = 1 / gamma(tau) for every rooted tree tau with at most p nodes, where
 * Phi_i(leaf) = 1 and Phi_i([tau_1 .. tau_m]) = prod_k sum_j a_ij Phi_j(tau_k). A continuous
 * extension of order q satisfies sum_i beta_i(theta) Phi_i(tau) = theta^|tau| / gamma(tau) for
 * |tau| &lt;= q. The conditions are exact rationals; the doubles meet them to 1e-14.
 */
class ButcherTableauTest {

    private static final double EXACT = 1e-14;

    /** A rooted tree as its list of subtrees. */
    private record Tree(List<Tree> kids) {
        int order() {
            int n = 1;
            for (Tree k : kids) {
                n += k.order();
            }
            return n;
        }

        double gamma() {
            double g = order();
            for (Tree k : kids) {
                g *= k.gamma();
            }
            return g;
        }

        /** Phi_i(tau) for every stage i. */
        double[] phi(double[][] a) {
            int s = a.length;
            double[] v = new double[s];
            java.util.Arrays.fill(v, 1.0);
            for (Tree k : kids) {
                double[] pk = k.phi(a);
                for (int i = 0; i < s; i++) {
                    double sum = 0;
                    for (int j = 0; j < a[i].length; j++) {
                        sum += a[i][j] * pk[j];
                    }
                    v[i] *= sum;
                }
            }
            return v;
        }
    }

    /** All rooted trees with at most maxOrder nodes: 1, 1, 2, 4, 9, 20 of orders 1..6. */
    static List<Tree> trees(int maxOrder) {
        List<Tree> all = new ArrayList<>();
        all.add(new Tree(List.of()));
        for (int n = 2; n <= maxOrder; n++) {
            List<Tree> smaller = new ArrayList<>(all);
            addMultisets(smaller, 0, n - 1, new ArrayList<>(), all);
        }
        return all;
    }

    /** Children as non-decreasing index sequences into {@code pool} with total order {@code remaining}. */
    private static void addMultisets(List<Tree> pool, int start, int remaining, List<Tree> kids, List<Tree> out) {
        if (remaining == 0) {
            out.add(new Tree(List.copyOf(kids)));
            return;
        }
        for (int i = start; i < pool.size(); i++) {
            Tree t = pool.get(i);
            if (t.order() <= remaining) {
                kids.add(t);
                addMultisets(pool, i, remaining - t.order(), kids, out);
                kids.remove(kids.size() - 1);
            }
        }
    }

    private static double residual(double[] w, Tree t, double[][] a, double theta) {
        double[] phi = t.phi(a);
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            sum += w[i] * phi[i];
        }
        return sum - Math.pow(theta, t.order()) / t.gamma();
    }

    /** The largest order p with all conditions up to p met, for weights w at theta (w = b, theta = 1). */
    private static int order(double[] w, double[][] a, double theta) {
        int p = 0;
        for (int q = 1; q <= 6; q++) {
            for (Tree t : trees(q)) {
                if (t.order() == q && Math.abs(residual(w, t, a, theta)) > EXACT) {
                    return p;
                }
            }
            p = q;
        }
        return p;
    }

    @Test
    void treeCountsAreTheKnownOnes() {
        int[] counts = new int[7];
        for (Tree t : trees(6)) {
            counts[t.order()]++;
        }
        assertThat(counts).containsExactly(0, 1, 1, 2, 4, 9, 20);
    }

    @Test
    void fixedStepTableauxHaveTheirOrder() {
        assertThat(order(EulerIntegrator.TABLEAU.b(), EulerIntegrator.TABLEAU.a(), 1)).isEqualTo(1);
        assertThat(order(HeunIntegrator.TABLEAU.b(), HeunIntegrator.TABLEAU.a(), 1)).isEqualTo(2);
        assertThat(order(ClassicalRungeKuttaIntegrator.TABLEAU.b(), ClassicalRungeKuttaIntegrator.TABLEAU.a(), 1)).isEqualTo(4);
    }

    @Test
    void dormandPrinceIsAFiveFourPair() {
        ButcherTableau t = DormandPrince54Integrator.TABLEAU;
        assertThat(order(t.b(), t.a(), 1)).isEqualTo(5);
        double[] bHat = t.b();
        double[] e = t.errorWeights();
        for (int i = 0; i < bHat.length; i++) {
            bHat[i] -= e[i];
        }
        assertThat(order(bHat, t.a(), 1)).as("embedded solution").isEqualTo(4);
        assertThat(t.firstSameAsLast()).isTrue();
        assertThat(t.stages()).isEqualTo(7);
    }

    /** Continuous extensions: order 1, 2, 3 for Euler, Heun, RK4 and 4 for Dormand-Prince, at every theta. */
    @Test
    void denseOutputsHaveTheirOrderAtEveryTheta() {
        Object[][] cases = {
            {EulerIntegrator.TABLEAU, 1}, {HeunIntegrator.TABLEAU, 2}, {ClassicalRungeKuttaIntegrator.TABLEAU, 3},
            {DormandPrince54Integrator.TABLEAU, 4}};
        for (Object[] c : cases) {
            ButcherTableau t = (ButcherTableau) c[0];
            int q = (Integer) c[1];
            for (double theta : new double[] {0.1, 0.25, 0.5, 0.77, 0.9}) {
                double[] beta = t.denseWeights(theta);
                for (Tree tree : trees(q)) {
                    assertThat(residual(beta, tree, t.a(), theta)).as("%s theta %s tree order %d", t.name(), theta, tree.order())
                            .isCloseTo(0, within(EXACT));
                }
            }
            assertThat(t.denseWeights(0)).containsOnly(0.0);
            double[] atOne = t.denseWeights(1);
            double[] b = t.b();
            for (int i = 0; i < b.length; i++) {
                assertThat(atOne[i]).isCloseTo(b[i], within(EXACT));
            }
        }
    }

    @Test
    void rejectsInconsistentTableaux() {
        double[][] dense = {{1, -0.5}, {0, 0.5}};
        assertThatThrownBy(() -> new ButcherTableau("bad-row", 2, new double[] {0, 1}, new double[][] {{}, {0.9}},
                new double[] {0.5, 0.5}, null, dense))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1 of a sums to 0.9");
        assertThatThrownBy(() -> new ButcherTableau("bad-b", 2, new double[] {0, 1}, new double[][] {{}, {1}},
                new double[] {0.5, 0.6}, null, dense))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dense output weight 1");
        assertThatThrownBy(() -> new ButcherTableau("implicit", 2, new double[] {0, 1}, new double[][] {{0}, {1}},
                new double[] {0.5, 0.5}, null, dense))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0 of a must have 0 entries");
        assertThatThrownBy(() -> new ButcherTableau("bad-e", 2, new double[] {0, 1}, new double[][] {{}, {1}},
                new double[] {0.5, 0.5}, new double[] {0.1, 0.2}, dense))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("error weights sum to");
        assertThatThrownBy(() -> new EmbeddedRungeKuttaIntegrator("heun-adaptive", "no error estimate", HeunIntegrator.TABLEAU) { })
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heun has no embedded error estimate");
    }
}
