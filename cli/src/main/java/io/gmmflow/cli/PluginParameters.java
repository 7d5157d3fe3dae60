package io.gmmflow.cli;

import io.gmmflow.api.Parameters;
import io.gmmflow.api.Plugin;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns command-line settings into a plugin's {@link Parameters}, rejecting a name the plugin does
 * not read (its {@link Plugin#defaults()} lists them) so that a misspelt or misplaced option is an
 * error ("solver 'emd' has no parameter 'epsilon' (it reads: maxIterations)") instead of being
 * silently ignored.
 */
final class PluginParameters {

    private final Plugin plugin;
    private final String kind;
    private final Map<String, Double> values = new LinkedHashMap<>();

    PluginParameters(Plugin plugin, String kind) {
        this.plugin = plugin;
        this.kind = kind;
    }

    /** Sets {@code name} when {@code value} is not null (an option that was given). */
    PluginParameters put(String option, String name, Number value) {
        if (value != null) {
            check(option, name);
            values.put(name, value.doubleValue());
        }
        return this;
    }

    /** Sets every entry of a {@code --param NAME=VALUE} map (may be null). */
    PluginParameters putAll(String option, Map<String, Double> given) {
        if (given != null) {
            given.forEach((k, v) -> put(option, k, v));
        }
        return this;
    }

    private void check(String option, String name) {
        Parameters defaults = plugin.defaults();
        if (!defaults.has(name)) {
            throw new IllegalArgumentException(option + ": " + kind + " '" + plugin.name() + "' has no parameter '" + name
                    + "' (it reads: " + (defaults.names().isEmpty() ? "nothing" : String.join(", ", defaults.names())) + ")");
        }
    }

    Parameters build() {
        return Parameters.of(values);
    }
}
