package io.gmmflow.core.registry;

import io.gmmflow.api.ComponentFlow;
import io.gmmflow.api.CostModel;
import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.Integrator;
import io.gmmflow.api.Plugin;
import io.gmmflow.api.TransportMethod;
import java.util.List;

/**
 * One of the five plugin kinds of the SPI, with the words used for it in messages and the key used
 * for it in the JSON of {@code gmmflow plugins}.
 *
 * <p>A typed constant per kind (not an enum, so that the plugin type is a type parameter).
 * Immutable and thread-safe.
 *
 * @param <T> the plugin interface
 */
public final class PluginKind<T extends Plugin> {

    /** {@link CostModel} plugins. */
    public static final PluginKind<CostModel> COST_MODEL =
            new PluginKind<>(CostModel.class, "cost model", "cost models", "costModels");
    /** {@link CouplingSolver} plugins. */
    public static final PluginKind<CouplingSolver> COUPLING_SOLVER =
            new PluginKind<>(CouplingSolver.class, "coupling solver", "coupling solvers", "couplingSolvers");
    /** {@link ComponentFlow} plugins. */
    public static final PluginKind<ComponentFlow> COMPONENT_FLOW =
            new PluginKind<>(ComponentFlow.class, "component flow", "component flows", "componentFlows");
    /** {@link Integrator} plugins. */
    public static final PluginKind<Integrator> INTEGRATOR =
            new PluginKind<>(Integrator.class, "integrator", "integrators", "integrators");
    /** {@link TransportMethod} plugins. */
    public static final PluginKind<TransportMethod> TRANSPORT_METHOD =
            new PluginKind<>(TransportMethod.class, "transport method", "transport methods", "methods");

    private static final List<PluginKind<?>> ALL =
            List.of(COST_MODEL, COUPLING_SOLVER, COMPONENT_FLOW, INTEGRATOR, TRANSPORT_METHOD);

    private final Class<T> type;
    private final String label;
    private final String pluralLabel;
    private final String jsonKey;

    private PluginKind(Class<T> type, String label, String pluralLabel, String jsonKey) {
        this.type = type;
        this.label = label;
        this.pluralLabel = pluralLabel;
        this.jsonKey = jsonKey;
    }

    /** Every kind, in the order of the SPI (and of {@code gmmflow plugins}). */
    public static List<PluginKind<?>> values() {
        return ALL;
    }

    /** The plugin interface. */
    public Class<T> type() {
        return type;
    }

    /** The kind in words, singular ("coupling solver"), for messages. */
    public String label() {
        return label;
    }

    /** "a" or "an", whichever goes before {@link #label()}. */
    public String article() {
        return "aeiou".indexOf(label.charAt(0)) >= 0 ? "an" : "a";
    }

    /** The kind in words, plural ("coupling solvers"). */
    public String pluralLabel() {
        return pluralLabel;
    }

    /** The key of this kind in the JSON of {@code gmmflow plugins} ("couplingSolvers"). */
    public String jsonKey() {
        return jsonKey;
    }

    @Override
    public String toString() {
        return label;
    }
}
