package io.gmmflow.cli;

import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.SolverStatus;
import io.gmmflow.core.fit.FitSettings;
import io.gmmflow.core.fit.GmmFit;
import io.gmmflow.core.fit.GmmFitter;
import io.gmmflow.core.io.GmmJson;
import io.gmmflow.core.io.PointsCsv;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gmmflow fit --data X.csv --components K --covariance full/diag/spherical --seed S}: an EM
 * fit ({@link GmmFitter}: k-means++ starts, restarts, covariance floor), printed as GMM JSON. The
 * status and log-likelihood go to the log (a warning when EM stopped at the iteration limit).
 */
@Command(name = "fit", description = "Fit a Gaussian mixture to points (CSV) by EM; prints GMM JSON.")
final class FitCommand extends AbstractCommand {

    private static final Logger LOG = LoggerFactory.getLogger(FitCommand.class);

    @Option(names = "--data", paramLabel = "FILE", required = true, description = "Points, CSV, one per row.")
    private Path data;

    @Option(names = "--components", paramLabel = "K", required = true, description = "Number of components (>= 1).")
    private int components;

    @Option(names = "--covariance", paramLabel = "TYPE", defaultValue = "full",
            description = "full, diag or spherical (default: ${DEFAULT-VALUE}).")
    private String covariance;

    @Option(names = "--restarts", paramLabel = "N", defaultValue = "1",
            description = "Independent k-means++ starts; the best log-likelihood wins (default: ${DEFAULT-VALUE}).")
    private int restarts;

    @Option(names = "--reg-covar", paramLabel = "R", defaultValue = "1e-6",
            description = "Added to every variance after each M-step (default: ${DEFAULT-VALUE}).")
    private double regCovar;

    @Option(names = "--max-iter", paramLabel = "N", defaultValue = "100",
            description = "EM iterations per start (default: ${DEFAULT-VALUE}).")
    private int maxIterations;

    @Option(names = "--tol", paramLabel = "T", defaultValue = "1e-3",
            description = "Stop when the mean log-likelihood changes by less (default: ${DEFAULT-VALUE}).")
    private double tolerance;

    @Mixin
    private SeedOption seed;

    @Mixin
    private OutputOption output;

    @Override
    protected int execute() {
        CovarianceType type;
        try {
            type = CovarianceType.fromName(covariance);
        } catch (IllegalArgumentException e) {
            throw badOption("--covariance: " + e.getMessage());
        }
        FitSettings settings;
        try {
            settings = new FitSettings(components, type, regCovar, maxIterations, tolerance, restarts, seed.seed());
        } catch (IllegalArgumentException e) {
            throw badOption(e.getMessage());
        }
        double[][] points;
        try {
            points = PointsCsv.readPoints(data);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--data: " + e.getMessage(), e);
        }
        GmmFit fit = new GmmFitter().fit(points, settings);
        if (fit.status() == SolverStatus.CONVERGED) {
            LOG.info("EM converged after {} iterations (start {}), log-likelihood {}", fit.iterations(), fit.restart(),
                    fit.logLikelihood());
        } else {
            LOG.warn("EM ended with status {} after {} iterations, log-likelihood {}", fit.status(), fit.iterations(),
                    fit.logLikelihood());
        }
        emit(GmmJson.write(fit.mixture()), output.file());
        return 0;
    }
}
