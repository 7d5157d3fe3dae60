package io.gmmflow.cli;

import picocli.CommandLine.Option;

/** Mixin: {@code --seed N} for every command that draws random numbers (default 0: runs repeat). */
public final class SeedOption {

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of the random numbers (default: ${DEFAULT-VALUE}); equal seeds give equal output.")
    private long seed;

    /** The seed. */
    public long seed() {
        return seed;
    }
}
