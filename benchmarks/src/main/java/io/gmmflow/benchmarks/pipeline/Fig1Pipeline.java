package io.gmmflow.benchmarks.pipeline;

import io.gmmflow.api.GaussianMixture;
import io.gmmflow.core.flow.MixtureFlow;
import io.gmmflow.core.registry.PluginRegistry;
import io.gmmflow.core.transport.GmmTransport;
import io.gmmflow.core.transport.TransportPlan;
import java.util.concurrent.ForkJoinPool;

/**
 * Times the transport-construction pipeline of seed 000 Fig. 1 for one method on one
 * {@link Fig1Workload}, through the library's own facade ({@link GmmTransport}): (i) the K0 x K1
 * pair costs, (ii) log-domain Sinkhorn (the method's defaults: eps = 5e-2, at most 5000
 * iterations, tolerance 1e-9), (iii) the pairwise fields ({@link TransportPlan#flow()}: one
 * Gaussian path per kept pair), (iv) u(t, x) at the N = 2000 points for t = 0, 0.1, ..., 1. The ODE
 * integration is left out, as in the seed.
 *
 * <p>Timing: warm-up runs (at least one, and until {@code warmupSeconds} have passed, so that the
 * JIT has compiled the hot loops), then {@code runs} timed runs; {@code seconds} is the best total
 * and every stage is reported by its best time too (the best total's stages sum to at least the
 * sum of the best stages). Every run starts from the mixtures, so nothing is cached between runs.
 * All work runs inside the given {@link ForkJoinPool}, whose parallelism then bounds every
 * parallel stage (the library's parallel streams fork into the pool of the calling worker).
 *
 * <p>Not thread-safe (one measurement at a time: the machine is the shared resource).
 */
public final class Fig1Pipeline {

    /** Points whose u(t, x) is kept from the last run, for the cross-check with the baseline. */
    public static final int PROBE_POINTS = 4;

    private final PluginRegistry registry;

    /** A pipeline over the plugins the {@link java.util.ServiceLoader} finds. */
    public Fig1Pipeline() {
        this(PluginRegistry.fromServiceLoader());
    }

    /** A pipeline over the given registry. */
    public Fig1Pipeline(PluginRegistry registry) {
        if (registry == null) {
            throw new IllegalArgumentException("registry must not be null");
        }
        this.registry = registry;
    }

    /**
     * Measures one method (a {@link io.gmmflow.api.TransportMethod} name, {@code surrogate} or
     * {@code exact}) on one workload.
     *
     * @throws IllegalArgumentException for an unknown method or runs < 1
     */
    public Fig1Result measure(Fig1Workload w, String method, int runs, double warmupSeconds, ForkJoinPool pool) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be >= 1, got " + runs);
        }
        GmmTransport transport = GmmTransport.builder(registry).method(method).build();
        try {
            return pool.submit(() -> measureHere(w, transport, method, runs, warmupSeconds)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while timing " + method + " at d = " + w.d(), e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Fig1Result measureHere(Fig1Workload w, GmmTransport transport, String method, int runs,
                                          double warmupSeconds) {
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        int warm = 0;
        do {
            once(w, transport);
            warm++;
        } while (System.nanoTime() < warmEnd && warm < 1000);
        double[] best = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.POSITIVE_INFINITY};
        double bestTotal = Double.POSITIVE_INFINITY;
        Run last = null;
        for (int r = 0; r < runs; r++) {
            last = once(w, transport);
            double total = 0;
            for (int s = 0; s < 4; s++) {
                best[s] = Math.min(best[s], last.stages[s]);
                total += last.stages[s];
            }
            bestTotal = Math.min(bestTotal, total);
        }
        TransportPlan plan = last.plan;
        int d = w.d();
        double[][][] probe = new double[Fig1Workload.TIMES][PROBE_POINTS][d];
        for (int k = 0; k < Fig1Workload.TIMES; k++) {
            for (int p = 0; p < PROBE_POINTS; p++) {
                System.arraycopy(last.velocities[k], p * d, probe[k][p], 0, d);
            }
        }
        return new Fig1Result(d, method, bestTotal, best[0], best[1], best[2], best[3], plan.mixtureCost(),
                plan.coupling().iterations(), plan.coupling().status().name(), plan.coupling().marginalError(),
                last.flow.pairCount(), runs, warm, currentParallelism(), probe);
    }

    /** The parallelism of the pool the current task runs in (1 on a plain thread). */
    static int currentParallelism() {
        ForkJoinPool p = java.util.concurrent.ForkJoinTask.getPool();
        return p == null ? 1 : p.getParallelism();
    }

    private record Run(double[] stages, TransportPlan plan, MixtureFlow flow, double[][] velocities) {
    }

    private static Run once(Fig1Workload w, GmmTransport transport) {
        GaussianMixture s = w.source();
        GaussianMixture t = w.target();
        double[] x = w.pointsView();
        double[][] u = new double[Fig1Workload.TIMES][x.length];
        TransportPlan plan = transport.plan(s, t);
        long t2 = System.nanoTime();
        MixtureFlow flow = plan.flow();
        long t3 = System.nanoTime();
        for (int k = 0; k < Fig1Workload.TIMES; k++) {
            flow.evaluate(Fig1Workload.time(k), x, u[k]);
        }
        long t4 = System.nanoTime();
        double[] stages = {plan.costSeconds(), plan.couplingSeconds(), (t3 - t2) * 1e-9, (t4 - t3) * 1e-9};
        return new Run(stages, plan, flow, u);
    }
}
