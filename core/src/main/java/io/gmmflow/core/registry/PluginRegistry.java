package io.gmmflow.core.registry;

import io.gmmflow.api.ComponentFlow;
import io.gmmflow.api.CostModel;
import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.Integrator;
import io.gmmflow.api.Plugin;
import io.gmmflow.api.TransportMethod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins available at run time, by kind and name: the one place where a name such as
 * {@code "sinkhorn"} becomes a {@link CouplingSolver}.
 *
 * <p>Three ways to build one, with the same checks and the same lookups:
 * <ul>
 *   <li>{@link #fromServiceLoader()}: every plugin listed in a {@code META-INF/services/io.gmmflow.api.<Kind>}
 *       file on the class path (no Guice needed);</li>
 *   <li>{@link #of(Collection)}: an explicit list (tests, embedding applications);</li>
 *   <li>{@link #fromMaps}: the maps a Guice {@code MapBinder} injects (see {@link GmmflowModule}).</li>
 * </ul>
 * Creation fails with an {@link IllegalStateException} when two plugins of one kind share a name
 * (naming both classes), when a name is not lower-kebab-case, when a Guice key differs from the
 * plugin's {@code name()}, or when a plugin cannot be loaded (the {@link ServiceConfigurationError}
 * is reported with its message, never swallowed). Looking up an unknown name throws an
 * {@link IllegalArgumentException} that lists the names available for that kind.
 *
 * <p>Lookups are O(log n) map reads; listings are sorted by name. Immutable and thread-safe (the
 * plugins themselves are stateless by contract).
 */
public final class PluginRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

    /** Lower-kebab-case: lower-case letters and digits in groups joined by single hyphens. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** Per kind, name -> plugin, sorted by name. */
    private final Map<PluginKind<?>, Map<String, ? extends Plugin>> byKind;

    private PluginRegistry(Map<PluginKind<?>, Map<String, ? extends Plugin>> byKind) {
        this.byKind = byKind;
    }

    /** Every plugin the {@link ServiceLoader} finds through this class's class loader. */
    public static PluginRegistry fromServiceLoader() {
        return fromServiceLoader(PluginRegistry.class.getClassLoader());
    }

    /**
     * Every plugin the {@link ServiceLoader} finds through {@code loader}.
     *
     * @throws IllegalStateException if a plugin fails to load, or on a duplicate or invalid name
     */
    public static PluginRegistry fromServiceLoader(ClassLoader loader) {
        Map<PluginKind<?>, Map<String, ? extends Plugin>> m = new LinkedHashMap<>();
        for (PluginKind<?> kind : PluginKind.values()) {
            m.put(kind, index(kind, discover(kind, loader)));
        }
        PluginRegistry registry = new PluginRegistry(Collections.unmodifiableMap(m));
        LOG.debug("plugins found by ServiceLoader: {}", registry);
        return registry;
    }

    /**
     * The plugins of one kind listed in {@code META-INF/services} files visible to {@code loader}.
     *
     * @throws IllegalStateException naming the kind and carrying the loader's message when a
     *     listed plugin cannot be found, instantiated or is not of the kind
     */
    public static <T extends Plugin> List<T> discover(PluginKind<T> kind, ClassLoader loader) {
        List<T> found = new ArrayList<>();
        try {
            for (T plugin : ServiceLoader.load(kind.type(), loader)) {
                found.add(plugin);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException(kind.article() + " " + kind.label() + " plugin failed to load: " + e.getMessage(), e);
        }
        return found;
    }

    /**
     * A registry of the given plugins; each goes under every kind whose interface it implements.
     *
     * @throws IllegalStateException on a duplicate or invalid name
     * @throws IllegalArgumentException if an entry is null or implements none of the kinds
     */
    public static PluginRegistry of(Collection<? extends Plugin> plugins) {
        Map<PluginKind<?>, List<Plugin>> lists = new LinkedHashMap<>();
        for (PluginKind<?> kind : PluginKind.values()) {
            lists.put(kind, new ArrayList<>());
        }
        for (Plugin p : plugins) {
            if (p == null) {
                throw new IllegalArgumentException("plugin list contains null");
            }
            boolean any = false;
            for (PluginKind<?> kind : PluginKind.values()) {
                if (kind.type().isInstance(p)) {
                    lists.get(kind).add(p);
                    any = true;
                }
            }
            if (!any) {
                throw new IllegalArgumentException(p.getClass().getName() + " implements none of the plugin kinds");
            }
        }
        Map<PluginKind<?>, Map<String, ? extends Plugin>> m = new LinkedHashMap<>();
        for (PluginKind<?> kind : PluginKind.values()) {
            m.put(kind, index(kind, lists.get(kind)));
        }
        return new PluginRegistry(Collections.unmodifiableMap(m));
    }

    /** A registry of the given plugins. */
    public static PluginRegistry of(Plugin... plugins) {
        return of(List.of(plugins));
    }

    /**
     * A registry from name -> plugin maps, as a Guice {@code MapBinder} injects them.
     *
     * @throws IllegalStateException when a key differs from its plugin's {@code name()} or a name is invalid
     */
    public static PluginRegistry fromMaps(Map<String, CostModel> costModels,
                                          Map<String, CouplingSolver> couplingSolvers,
                                          Map<String, ComponentFlow> componentFlows,
                                          Map<String, Integrator> integrators,
                                          Map<String, TransportMethod> methods) {
        Map<PluginKind<?>, Map<String, ? extends Plugin>> m = new LinkedHashMap<>();
        m.put(PluginKind.COST_MODEL, indexMap(PluginKind.COST_MODEL, costModels));
        m.put(PluginKind.COUPLING_SOLVER, indexMap(PluginKind.COUPLING_SOLVER, couplingSolvers));
        m.put(PluginKind.COMPONENT_FLOW, indexMap(PluginKind.COMPONENT_FLOW, componentFlows));
        m.put(PluginKind.INTEGRATOR, indexMap(PluginKind.INTEGRATOR, integrators));
        m.put(PluginKind.TRANSPORT_METHOD, indexMap(PluginKind.TRANSPORT_METHOD, methods));
        return new PluginRegistry(Collections.unmodifiableMap(m));
    }

    private static <T extends Plugin> Map<String, T> index(PluginKind<?> kind, List<T> plugins) {
        Map<String, T> m = new TreeMap<>();
        for (T p : plugins) {
            String name = checkedName(kind, p);
            T previous = m.putIfAbsent(name, p);
            if (previous != null) {
                throw new IllegalStateException("two " + kind.pluralLabel() + " are named '" + name + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return Collections.unmodifiableMap(m);
    }

    private static <T extends Plugin> Map<String, T> indexMap(PluginKind<?> kind, Map<String, T> plugins) {
        Map<String, T> m = new TreeMap<>();
        for (Map.Entry<String, T> e : plugins.entrySet()) {
            String name = checkedName(kind, e.getValue());
            if (!name.equals(e.getKey())) {
                throw new IllegalStateException(kind.label() + " " + e.getValue().getClass().getName()
                        + " is bound under the name '" + e.getKey() + "' but its name() is '" + name + "'");
            }
            m.put(name, e.getValue());
        }
        return Collections.unmodifiableMap(m);
    }

    private static String checkedName(PluginKind<?> kind, Plugin p) {
        String name = p.name();
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalStateException(kind.label() + " " + p.getClass().getName() + " has the name '" + name
                    + "', which is not lower-kebab-case (like 'sinkhorn' or 'gmm-ot')");
        }
        return name;
    }

    /**
     * The plugin of {@code kind} called {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the available ones:
     *     "unknown coupling solver 'foo' (available: emd, sinkhorn, unbalanced)"
     */
    public <T extends Plugin> T get(PluginKind<T> kind, String name) {
        Map<String, ? extends Plugin> m = byKind.get(kind);
        Plugin p = name == null ? null : m.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown " + kind.label() + " '" + name + "' (available: "
                    + (m.isEmpty() ? "none" : String.join(", ", m.keySet())) + ")");
        }
        return kind.type().cast(p);
    }

    /** The plugins of {@code kind}, sorted by name. */
    public <T extends Plugin> List<T> all(PluginKind<T> kind) {
        List<T> list = new ArrayList<>();
        for (Plugin p : byKind.get(kind).values()) {
            list.add(kind.type().cast(p));
        }
        return Collections.unmodifiableList(list);
    }

    /** The names of the plugins of {@code kind}, sorted. */
    public Set<String> names(PluginKind<?> kind) {
        return byKind.get(kind).keySet();
    }

    /** Whether a plugin of {@code kind} is called {@code name}. */
    public boolean contains(PluginKind<?> kind, String name) {
        return name != null && byKind.get(kind).containsKey(name);
    }

    /** The cost model called {@code name}. @throws IllegalArgumentException listing the available ones */
    public CostModel costModel(String name) {
        return get(PluginKind.COST_MODEL, name);
    }

    /** The coupling solver called {@code name}. @throws IllegalArgumentException listing the available ones */
    public CouplingSolver couplingSolver(String name) {
        return get(PluginKind.COUPLING_SOLVER, name);
    }

    /** The component flow called {@code name}. @throws IllegalArgumentException listing the available ones */
    public ComponentFlow componentFlow(String name) {
        return get(PluginKind.COMPONENT_FLOW, name);
    }

    /** The integrator called {@code name}. @throws IllegalArgumentException listing the available ones */
    public Integrator integrator(String name) {
        return get(PluginKind.INTEGRATOR, name);
    }

    /** The transport method called {@code name}. @throws IllegalArgumentException listing the available ones */
    public TransportMethod transportMethod(String name) {
        return get(PluginKind.TRANSPORT_METHOD, name);
    }

    /** Every cost model, sorted by name. */
    public List<CostModel> costModels() {
        return all(PluginKind.COST_MODEL);
    }

    /** Every coupling solver, sorted by name. */
    public List<CouplingSolver> couplingSolvers() {
        return all(PluginKind.COUPLING_SOLVER);
    }

    /** Every component flow, sorted by name. */
    public List<ComponentFlow> componentFlows() {
        return all(PluginKind.COMPONENT_FLOW);
    }

    /** Every integrator, sorted by name. */
    public List<Integrator> integrators() {
        return all(PluginKind.INTEGRATOR);
    }

    /** Every transport method, sorted by name. */
    public List<TransportMethod> transportMethods() {
        return all(PluginKind.TRANSPORT_METHOD);
    }

    /** "cost models: [a, b]; coupling solvers: [...]; ..." for logs. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (PluginKind<?> kind : PluginKind.values()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(kind.pluralLabel()).append(": ").append(names(kind));
        }
        return sb.toString();
    }
}
