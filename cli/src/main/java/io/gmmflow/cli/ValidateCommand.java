package io.gmmflow.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.core.io.GmmJson;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code gmmflow validate FILE}: checks a GMM file and prints
 * {@code {"valid":true,"components":K,"dimension":d,"covarianceType":..}}, or exits 2 with one
 * {@code error:} line naming the file and the problem.
 */
@Command(name = "validate", description = "Check a GMM JSON file.")
final class ValidateCommand extends AbstractCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The GMM JSON file.")
    private Path file;

    @Mixin
    private OutputOption output;

    @Override
    protected int execute() {
        GaussianMixture m = GmmJson.read(file);
        ObjectNode o = object();
        o.put("valid", true);
        o.put("components", m.size());
        o.put("dimension", m.dimension());
        o.put("covarianceType", GmmJson.writtenType(m).jsonName());
        printJson(o, output.file());
        return 0;
    }
}
