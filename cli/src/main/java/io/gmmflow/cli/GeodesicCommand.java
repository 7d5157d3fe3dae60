package io.gmmflow.cli;

import io.gmmflow.api.CouplingSolver;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.SolverStatus;
import io.gmmflow.core.io.GmmJson;
import io.gmmflow.exact.mixture.MixtureMetric;
import io.gmmflow.exact.mixture.MixtureTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gmmflow geodesic}: the point mu_t of seed 002's mixture geodesic (eq. 11), a GMM whose
 * components are the W2 displacement interpolations of the coupled component pairs, weighted by the
 * exact plan ({@code emd} from the registry). Prints GMM JSON.
 */
@Command(name = "geodesic", description = "Seed 002 geodesic point mu_t between two GMMs, as a GMM (eq. 11).")
final class GeodesicCommand extends AbstractCommand {

    private static final Logger LOG = LoggerFactory.getLogger(GeodesicCommand.class);

    @Mixin
    private SourceTargetOptions files;

    @Option(names = "--t", paramLabel = "T", required = true, description = "Time in [0, 1] (0 the source, 1 the target).")
    private double t;

    @Option(names = "--solver", paramLabel = "NAME", defaultValue = "emd",
            description = "Coupling solver for the weights (default: ${DEFAULT-VALUE}).")
    private String solverName;

    @Mixin
    private OutputOption output;

    @Override
    protected int execute() {
        if (!(t >= 0 && t <= 1)) {
            throw badOption("--t must be in [0, 1], got " + t);
        }
        CouplingSolver solver = registry().couplingSolver(solverName);
        GaussianMixture source = files.source();
        GaussianMixture target = files.target();
        MixtureTransport tr = new MixtureMetric(solver).transport(source, target);
        if (tr.status() != SolverStatus.CONVERGED) {
            LOG.warn("the coupling solver ended with status {}; the geodesic uses its last plan", tr.status());
        }
        GaussianMixture mu = tr.geodesic().at(t);
        LOG.info("d(source, target) = {}; mu_t has {} components", tr.distance(), mu.size());
        emit(GmmJson.write(mu), output.file());
        return 0;
    }
}
