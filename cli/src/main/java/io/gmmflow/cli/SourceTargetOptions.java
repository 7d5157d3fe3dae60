package io.gmmflow.cli;

import io.gmmflow.api.GaussianMixture;
import io.gmmflow.core.io.GmmJson;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Mixin: {@code --source FILE} and {@code --target FILE}, the two GMM JSON files most commands
 * transport between. Loading errors name the option and the file
 * ("--source: a.json: component 2: covariance is not positive definite ...").
 */
public final class SourceTargetOptions {

    @Option(names = "--source", paramLabel = "FILE", required = true, description = "Source GMM (JSON).")
    private Path source;

    @Option(names = "--target", paramLabel = "FILE", required = true, description = "Target GMM (JSON).")
    private Path target;

    /** The source mixture. @throws IllegalArgumentException naming the option, the file and the problem */
    public GaussianMixture source() {
        return load("--source", source);
    }

    /** The target mixture. @throws IllegalArgumentException naming the option, the file and the problem */
    public GaussianMixture target() {
        return load("--target", target);
    }

    /**
     * Reads a GMM file for option {@code option}.
     *
     * @throws IllegalArgumentException "--source: a.json: ..." when it cannot be read or is invalid
     */
    static GaussianMixture load(String option, Path file) {
        try {
            return GmmJson.read(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }
}
