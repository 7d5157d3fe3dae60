package io.gmmflow.wim.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.gmmflow.api.IntegrationStatus;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.Trajectory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimplexGradientFlowTest {

    private static double[] randomSimplex(SplittableRandom rnd, int n) {
        double[] p = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            p[i] = 0.05 + rnd.nextDouble();
            s += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= s;
        }
        return p;
    }

    /** Eq. 54 written out, and Example 4's three-node system, against the flux-form field. */
    @Test
    void entropyFlowIsEquation54() {
        SplittableRandom rnd = new SplittableRandom(4);
        int n = 6;
        double[] p = randomSimplex(rnd, n);
        double[] v = SimplexGradientFlow.entropy(n).velocity(0, p);
        for (int i = 0; i < n; i++) {
            double e = 0;
            if (i > 0) {
                e -= Math.sqrt(p[i] * p[i - 1]) * Math.log(p[i] / p[i - 1]);
            }
            if (i + 1 < n) {
                e += Math.sqrt(p[i] * p[i + 1]) * Math.log(p[i + 1] / p[i]);
            }
            assertThat(v[i]).isCloseTo(e, offset(1e-15));
        }
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        assertThat(sum).isCloseTo(0.0, offset(1e-15));
    }

    /**
     * Example 4 in the coordinates a = log(p1/p2), b = log(p2/p3): the flow gives
     * a' = -a (e^{a/2} + e^{-a/2}) + b e^{-b/2} and b' = -b (e^{b/2} + e^{-b/2}) + a e^{a/2}; the seed
     * prints the cross terms with the opposite sign (-b e^{-b/2}, -a e^{a/2}).
     */
    @Test
    void example4Reparametrisation() {
        double[] p = {0.5, 0.3, 0.2};
        double[] v = SimplexGradientFlow.entropy(3).velocity(0, p);
        double a = Math.log(p[0] / p[1]);
        double b = Math.log(p[1] / p[2]);
        double aDot = v[0] / p[0] - v[1] / p[1];
        double bDot = v[1] / p[1] - v[2] / p[2];
        assertThat(aDot).isCloseTo(-a * (Math.exp(a / 2) + Math.exp(-a / 2)) + b * Math.exp(-b / 2), offset(1e-14));
        assertThat(bDot).isCloseTo(-b * (Math.exp(b / 2) + Math.exp(-b / 2)) + a * Math.exp(a / 2), offset(1e-14));
        assertThat(Math.abs(aDot - (-a * (Math.exp(a / 2) + Math.exp(-a / 2)) - b * Math.exp(-b / 2)))).isGreaterThan(0.1);
    }

    /**
     * The field is the Riemannian gradient -G~^{-1} grad_theta E with G~ = diag(1/sqrt(p_i p_{i+1}))
     * (eq. 50): theta' from the field equals -sqrt(p_i p_{i+1}) dE/dtheta_i with dE/dtheta by central
     * differences of E(theta) (step 1e-6, error ~1e-11), for every energy class.
     */
    @Test
    void fieldIsTheNaturalGradientInTheta() {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 5;
        double[] mu = {-2, -1, 0, 1, 2};
        SimplexEnergy[] energies = {
            Energies.potential(Math::sin, mu),
            Energies.entropy(n),
            Energies.internal(n, x -> x * x * x, x -> 3 * x * x),
            Energies.interaction(x -> x * x, mu),
        };
        for (SimplexEnergy e : energies) {
            double[] p = randomSimplex(rnd, n);
            SimplexGradientFlow flow = new SimplexGradientFlow(e, 1.0, false);
            double[] pDot = flow.velocity(0, p);
            double[] thetaDot = flow.thetaVelocity(p);
            for (int i = 0; i + 1 < n; i++) {
                // theta_i = p_{i+1} + ... + p_N: raising theta_i moves mass from node i to node i+1
                double h = 1e-6;
                double[] plus = p.clone();
                double[] minus = p.clone();
                plus[i] -= h;
                plus[i + 1] += h;
                minus[i] += h;
                minus[i + 1] -= h;
                double grad = (e.value(plus) - e.value(minus)) / (2 * h);
                assertThat(thetaDot[i]).isCloseTo(-Math.sqrt(p[i] * p[i + 1]) * grad, offset(1e-8));
                // p'_i = theta'_{i-1} - theta'_i
                double expect = (i == 0 ? 0 : thetaDot[i - 1]) - thetaDot[i];
                assertThat(pDot[i]).isCloseTo(expect, offset(1e-14));
            }
            assertThat(flow.dissipation(p)).isLessThanOrEqualTo(0.0);
        }
    }

    /**
     * The entropy flow moved by the rk4 plugin: energy decreases monotonically, mass is conserved, and
     * p tends to the uniform equilibrium (Example 4's remark).
     */
    @Test
    void entropyFlowIntegratedByPluginsReachesUniform() {
        int n = 5;
        double[] p0 = {0.5, 0.05, 0.2, 0.05, 0.2};
        SimplexGradientFlow flow = SimplexGradientFlow.entropy(n);
        double[] times = new double[20];
        for (int k = 0; k < times.length; k++) {
            times[k] = 3.0 * (k + 1);
        }
        Trajectory tr = Integrators.named("rk4").integrate(flow, 0, 60, p0, Parameters.of("steps", 2000), times);
        assertThat(tr.status()).isEqualTo(IntegrationStatus.COMPLETED);
        double prevE = flow.energy().value(p0);
        for (double[] snap : tr.snapshots()) {
            double e = flow.energy().value(snap);
            // strictly decreasing until it reaches the minimum -log 5 to round-off
            assertThat(e).isLessThanOrEqualTo(prevE + 1e-15);
            assertThat(e < prevE || e - Math.log(0.2) < 1e-14).isTrue();
            prevE = e;
            double sum = 0;
            for (double x : snap) {
                sum += x;
            }
            assertThat(sum).isCloseTo(1.0, offset(1e-13));
        }
        // near equilibrium the flow is the path-graph Laplacian, spectral gap 2 (1 - cos(pi/5)) = 0.38:
        // after t = 60 the distance to uniform is ~ e^-23
        for (double x : tr.endPoints()) {
            assertThat(x).isCloseTo(0.2, offset(1e-8));
        }
        // dopri5 agrees with rk4
        Trajectory tr2 = Integrators.named("dopri5").integrate(flow, 0, 60, p0, Parameters.of("rtol", 1e-10, "atol", 1e-12));
        for (int i = 0; i < n; i++) {
            assertThat(tr2.endPoints()[i]).isCloseTo(tr.endPoints()[i], offset(1e-8));
        }
    }

    /** The potential flow moves mass towards the node of lowest V and decreases sum p_i V_i. */
    @Test
    void potentialAndInteractionFlowsDecreaseTheirEnergy() {
        double[] mu = {0, 1, 2, 3};
        double[] p0 = {0.25, 0.25, 0.25, 0.25};
        SimplexEnergy v = Energies.potential(x -> (x - 2) * (x - 2), mu);
        SimplexGradientFlow flow = new SimplexGradientFlow(v, 1.0, false);
        Trajectory tr = Integrators.named("rk4").integrate(flow, 0, 0.5, p0, Parameters.of("steps", 500));
        double[] p = tr.endPoints();
        assertThat(v.value(p)).isLessThan(v.value(p0));
        assertThat(p[2]).isGreaterThan(0.25);
        SimplexEnergy w = Energies.interaction(x -> x * x, mu);
        SimplexGradientFlow flowW = new SimplexGradientFlow(w, 1.0, false);
        double[] pw = Integrators.named("rk4").integrate(flowW, 0, 0.5, p0, Parameters.of("steps", 500)).endPoints();
        assertThat(w.value(pw)).isLessThan(w.value(p0));
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> new SimplexGradientFlow(Energies.entropy(3), 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate");
        assertThatThrownBy(() -> Energies.entropy(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("N >= 2");
        assertThatThrownBy(() -> Energies.interaction(new double[][] {{0, 1}, {2, 0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symmetric");
        // outside the simplex the field is NaN, so an integrator reports FAILED
        double[] v = SimplexGradientFlow.entropy(3).velocity(0, new double[] {1.2, -0.1, -0.1});
        assertThat(Double.isNaN(v[0]) || Double.isNaN(v[1])).isTrue();
    }
}
