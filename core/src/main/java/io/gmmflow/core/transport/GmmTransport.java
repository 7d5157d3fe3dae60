package io.gmmflow.core.transport;

import io.gmmflow.api.ComponentFlow;
import io.gmmflow.api.CostModel;
import io.gmmflow.api.Coupling;
import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.TransportMethod;
import io.gmmflow.core.registry.PluginRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facade a downstream application uses: pick a transport method by name (seed 000's
 * {@code surrogate} and {@code exact}, seed 002's {@code gmm-ot}, seed 003's {@code omt}) or compose
 * any cost, solver and component flow, then {@link #plan} two mixtures to get the cost matrix,
 * the coupling, the mixture cost and the mixture flow that moves samples (seed 000 Algorithm 1).
 *
 * <pre>{@code
 * GmmTransport transport = GmmTransport.builder().method("surrogate").build();
 * TransportPlan plan = transport.plan(source, target);
 * double[][] moved = plan.push(points, "rk4", Parameters.of("steps", 50));
 * }</pre>
 *
 * <p>Parameters given to the builder are laid over the method's own ({@code epsilon},
 * {@code maxIterations}, {@code tolerance} for the solver, and so on). Immutable and thread-safe:
 * one instance can plan many pairs of mixtures concurrently.
 */
public final class GmmTransport {

    private static final Logger LOG = LoggerFactory.getLogger(GmmTransport.class);

    private final PluginRegistry registry;
    private final String methodName;
    private final CostModel cost;
    private final Parameters costParameters;
    private final CouplingSolver solver;
    private final Parameters solverParameters;
    private final ComponentFlow flow;
    private final Parameters flowParameters;
    private final double pruneThreshold;

    private GmmTransport(Builder b) {
        this.registry = b.registry;
        this.methodName = b.methodName;
        this.cost = b.cost;
        this.costParameters = b.costParameters;
        this.solver = b.solver;
        this.solverParameters = b.solverParameters;
        this.flow = b.flow;
        this.flowParameters = b.flowParameters;
        this.pruneThreshold = b.pruneThreshold;
    }

    /** A builder over the plugins {@link java.util.ServiceLoader} finds on the class path. */
    public static Builder builder() {
        return new Builder(PluginRegistry.fromServiceLoader());
    }

    /** A builder over the given registry (from Guice's {@code GmmflowModule}, or a hand-made one). */
    public static Builder builder(PluginRegistry registry) {
        if (registry == null) {
            throw new IllegalArgumentException("registry must not be null");
        }
        return new Builder(registry);
    }

    /** The method name this was built from, or {@code null} when composed part by part. */
    public String methodName() {
        return methodName;
    }

    /** The cost model. */
    public CostModel costModel() {
        return cost;
    }

    /** The coupling solver. */
    public CouplingSolver couplingSolver() {
        return solver;
    }

    /** The component flow (may be null when the method has none and none was given). */
    public ComponentFlow componentFlow() {
        return flow;
    }

    /** Parameters passed to the cost model. */
    public Parameters costParameters() {
        return costParameters;
    }

    /** Parameters passed to the solver. */
    public Parameters solverParameters() {
        return solverParameters;
    }

    /** Parameters passed to the component flow. */
    public Parameters flowParameters() {
        return flowParameters;
    }

    /** The registry used to resolve integrator names when pushing points. */
    public PluginRegistry registry() {
        return registry;
    }

    /**
     * Costs between all component pairs, then the coupling of the weights. The coupling's status
     * is kept in the result (and logged at WARN when the solver did not converge), never hidden.
     *
     * @throws IllegalArgumentException for mixtures of different dimension or a pair the cost rejects
     */
    public TransportPlan plan(GaussianMixture source, GaussianMixture target) {
        CostModel.checkDimensions(source, target);
        long t0 = System.nanoTime();
        double[][] costs = cost.matrix(source, target, costParameters);
        long t1 = System.nanoTime();
        Coupling coupling = solver.solve(source.weights(), target.weights(), costs, solverParameters);
        long t2 = System.nanoTime();
        if (!coupling.converged()) {
            LOG.warn("coupling solver '{}' ended with status {} after {} iterations (marginal error {})",
                    solver.name(), coupling.status(), coupling.iterations(), coupling.marginalError());
        }
        return new TransportPlan(this, source, target, costs, coupling, (t1 - t0) * 1e-9, (t2 - t1) * 1e-9,
                pruneThreshold);
    }

    /** Builds a {@link GmmTransport}; not thread-safe (build, then share the result). */
    public static final class Builder {
        private final PluginRegistry registry;
        private String methodName;
        private CostModel cost;
        private Parameters costParameters = Parameters.empty();
        private CouplingSolver solver;
        private Parameters solverParameters = Parameters.empty();
        private ComponentFlow flow;
        private Parameters flowParameters = Parameters.empty();
        private Parameters costOverrides = Parameters.empty();
        private Parameters solverOverrides = Parameters.empty();
        private Parameters flowOverrides = Parameters.empty();
        private double pruneThreshold = io.gmmflow.core.flow.MixtureFlow.DEFAULT_PRUNE_THRESHOLD;

        private Builder(PluginRegistry registry) {
            this.registry = registry;
        }

        /**
         * Takes the cost, solver and flow of the named {@link TransportMethod}, with its parameters.
         *
         * @throws IllegalArgumentException listing the available methods when the name is unknown,
         *     or naming the part the method refers to that is not registered
         */
        public Builder method(String name) {
            TransportMethod m = registry.transportMethod(name);
            this.methodName = m.name();
            this.cost = resolve("cost model", m.costModel(), () -> registry.costModel(m.costModel()), m);
            this.costParameters = m.costParameters();
            this.solver = resolve("coupling solver", m.couplingSolver(), () -> registry.couplingSolver(m.couplingSolver()), m);
            this.solverParameters = m.solverParameters();
            this.flow = m.componentFlow() == null ? null
                    : resolve("component flow", m.componentFlow(), () -> registry.componentFlow(m.componentFlow()), m);
            this.flowParameters = m.flowParameters();
            return this;
        }

        private static <T> T resolve(String what, String name, java.util.function.Supplier<T> lookup, TransportMethod m) {
            try {
                return lookup.get();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("method '" + m.name() + "' needs the " + what + " '" + name
                        + "', which is not available: " + e.getMessage(), e);
            }
        }

        /** Uses the named cost model (replacing the method's). */
        public Builder cost(String name) {
            this.cost = registry.costModel(name);
            this.costParameters = Parameters.empty();
            return this;
        }

        /** Uses the given cost model. */
        public Builder cost(CostModel model) {
            this.cost = require(model, "cost model");
            this.costParameters = Parameters.empty();
            return this;
        }

        /** Cost parameters laid over the method's. */
        public Builder costParameters(Parameters p) {
            this.costOverrides = require(p, "cost parameters");
            return this;
        }

        /** Uses the named coupling solver (replacing the method's). */
        public Builder solver(String name) {
            this.solver = registry.couplingSolver(name);
            this.solverParameters = Parameters.empty();
            return this;
        }

        /** Uses the given coupling solver. */
        public Builder solver(CouplingSolver s) {
            this.solver = require(s, "coupling solver");
            this.solverParameters = Parameters.empty();
            return this;
        }

        /** Solver parameters laid over the method's. */
        public Builder solverParameters(Parameters p) {
            this.solverOverrides = require(p, "solver parameters");
            return this;
        }

        /** Uses the named component flow (replacing the method's). */
        public Builder flow(String name) {
            this.flow = registry.componentFlow(name);
            this.flowParameters = Parameters.empty();
            return this;
        }

        /** Uses the given component flow. */
        public Builder flow(ComponentFlow f) {
            this.flow = require(f, "component flow");
            this.flowParameters = Parameters.empty();
            return this;
        }

        /** Flow parameters laid over the method's. */
        public Builder flowParameters(Parameters p) {
            this.flowOverrides = require(p, "flow parameters");
            return this;
        }

        /** Plan mass at or below which a pair is left out of the mixture flow (default 1e-12). */
        public Builder pruneThreshold(double threshold) {
            if (!(threshold >= 0) || !Double.isFinite(threshold)) {
                throw new IllegalArgumentException("prune threshold must be a finite number >= 0, got " + threshold);
            }
            this.pruneThreshold = threshold;
            return this;
        }

        private static <T> T require(T value, String what) {
            if (value == null) {
                throw new IllegalArgumentException(what + " must not be null");
            }
            return value;
        }

        /**
         * The configured transport.
         *
         * @throws IllegalArgumentException when no cost or no solver was chosen
         */
        public GmmTransport build() {
            if (cost == null || solver == null) {
                throw new IllegalArgumentException("choose a method, or a cost model and a coupling solver (available methods: "
                        + registry.names(io.gmmflow.core.registry.PluginKind.TRANSPORT_METHOD) + ")");
            }
            costParameters = costOverrides.withDefaults(costParameters);
            solverParameters = solverOverrides.withDefaults(solverParameters);
            flowParameters = flowOverrides.withDefaults(flowParameters);
            return new GmmTransport(this);
        }
    }
}
