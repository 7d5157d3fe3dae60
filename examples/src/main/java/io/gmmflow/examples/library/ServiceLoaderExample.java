package io.gmmflow.examples.library;

import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Parameters;
import io.gmmflow.core.transport.GmmTransport;
import io.gmmflow.core.transport.TransportPlan;
import java.util.List;

/**
 * The library without Guice: {@link GmmTransport#builder()} finds every plugin on the class path
 * through {@link java.util.ServiceLoader}. Plans two 2-D mixtures with the {@code surrogate}
 * method, then with a composition of parts ({@code bhattacharyya} cost from this module, exact
 * {@code emd} coupling, {@code geodesic} flow), pushes samples and prints what it found as JSON.
 *
 * <p>Run: {@code examples/run library.ServiceLoaderExample}
 */
public final class ServiceLoaderExample {

    private ServiceLoaderExample() {
    }

    /** Two small mixtures used by both library examples. */
    static final GaussianMixture SOURCE = GaussianMixture.of(new double[] {0.5, 0.5}, List.of(
            Gaussian.of(new double[] {-3, 0}, new double[][] {{1, 0}, {0, 0.3}}),
            Gaussian.of(new double[] {-3, 3}, new double[][] {{0.3, 0}, {0, 1}})));

    /** The target: one tilted component and one round one. */
    static final GaussianMixture TARGET = GaussianMixture.of(new double[] {0.3, 0.7}, List.of(
            Gaussian.of(new double[] {3, 0}, new double[][] {{1, 0.5}, {0.5, 1}}),
            Gaussian.spherical(new double[] {3, 4}, 0.5)));

    public static void main(String[] args) {
        GmmTransport surrogate = GmmTransport.builder().method("surrogate").build();
        TransportPlan plan = surrogate.plan(SOURCE, TARGET);
        double[][] moved = plan.push(SOURCE.sample(1000, 1L), "rk4", Parameters.of("steps", 50));

        GmmTransport composed = GmmTransport.builder().cost("bhattacharyya").solver("emd").flow("geodesic").build();
        TransportPlan other = composed.plan(SOURCE, TARGET);

        System.out.println("{\"surrogateMixtureCost\":" + plan.mixtureCost()
                + ",\"surrogateStatus\":\"" + plan.coupling().status() + "\""
                + ",\"pushedMean\":[" + mean(moved, 0) + "," + mean(moved, 1) + "]"
                + ",\"targetMean\":[" + TARGET.mean()[0] + "," + TARGET.mean()[1] + "]"
                + ",\"bhattacharyyaPlan\":" + java.util.Arrays.deepToString(other.coupling().plan())
                + ",\"bhattacharyyaObjective\":" + other.mixtureCost() + "}");
    }

    static double mean(double[][] points, int k) {
        double s = 0;
        for (double[] p : points) {
            s += p[k];
        }
        return s / points.length;
    }
}
