package io.gmmflow.api;

/**
 * What every plugin has: a stable lower-kebab-case name used by the registry, the CLI and the
 * benchmarks ({@code "surrogate"}, {@code "sinkhorn"}, {@code "rk4"}), a one-line description, and
 * the parameters it reads with their defaults.
 *
 * <p>Plugins are found by {@link java.util.ServiceLoader} (a {@code META-INF/services} entry per
 * kind) and by Guice (a {@code MapBinder<String, T>} per kind). They must have a public no-argument
 * constructor, keep no per-call state and be safe to share between threads.
 */
public interface Plugin {

    /** The stable registry name, lower-kebab-case. */
    String name();

    /** One line for {@code gmmflow plugins}. */
    String description();

    /** The parameters this plugin reads, with their default values. */
    default Parameters defaults() {
        return Parameters.empty();
    }
}
