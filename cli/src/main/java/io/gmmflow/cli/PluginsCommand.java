package io.gmmflow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmmflow.api.Plugin;
import io.gmmflow.api.TransportMethod;
import io.gmmflow.core.registry.PluginKind;
import io.gmmflow.core.registry.PluginRegistry;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code gmmflow plugins}: every plugin found, by kind (CLI.md):
 * {@code {"costModels":[{"name":..,"description":..,"defaults":{..}}],"couplingSolvers":[..],
 * "componentFlows":[..],"integrators":[..],"methods":[..]}}, sorted by name; methods also name
 * their cost model, coupling solver and component flow.
 */
@Command(name = "plugins", description = "List every plugin found, by kind, as JSON.")
final class PluginsCommand extends AbstractCommand {

    @Mixin
    private OutputOption output;

    @Override
    protected int execute() {
        printJson(describe(registry()), output.file());
        return 0;
    }

    /** The JSON description of a registry. */
    static ObjectNode describe(PluginRegistry registry) {
        ObjectNode root = object();
        for (PluginKind<?> kind : PluginKind.values()) {
            ArrayNode list = root.putArray(kind.jsonKey());
            for (Plugin p : registry.all(kind)) {
                ObjectNode o = list.addObject();
                o.put("name", p.name());
                o.put("description", p.description());
                ObjectNode defaults = o.putObject("defaults");
                for (Map.Entry<String, Double> e : p.defaults().asMap().entrySet()) {
                    putNumber(defaults, e.getKey(), e.getValue());
                }
                if (p instanceof TransportMethod m) {
                    o.put("costModel", m.costModel());
                    o.put("couplingSolver", m.couplingSolver());
                    o.put("componentFlow", m.componentFlow());
                }
            }
        }
        return root;
    }

    /** Whole numbers (iteration counts) print without ".0"; everything else as the exact double. */
    private static void putNumber(ObjectNode o, String key, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            o.put(key, (long) v);
        } else {
            o.put(key, v);
        }
    }
}
