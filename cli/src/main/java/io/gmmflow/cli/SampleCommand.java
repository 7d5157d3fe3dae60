package io.gmmflow.cli;

import io.gmmflow.api.GaussianMixture;
import io.gmmflow.core.io.PointsCsv;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gmmflow sample --gmm FILE --n N --seed S}: N draws as CSV, one point per row; the same
 * seed gives the same rows ({@link GaussianMixture#sample(int, long)}).
 */
@Command(name = "sample", description = "Draw N points from a GMM, as CSV (one point per row).")
final class SampleCommand extends AbstractCommand {

    @Option(names = "--gmm", paramLabel = "FILE", required = true, description = "The GMM JSON file.")
    private Path gmm;

    @Option(names = "--n", paramLabel = "N", required = true, description = "Number of points (> 0).")
    private int n;

    @Mixin
    private SeedOption seed;

    @Mixin
    private OutputOption output;

    @Override
    protected int execute() {
        if (n <= 0) {
            throw badOption("--n must be > 0, got " + n);
        }
        GaussianMixture m = SourceTargetOptions.load("--gmm", gmm);
        emit(PointsCsv.writePoints(m.sample(n, seed.seed())), output.file());
        return 0;
    }
}
