package io.gmmflow.cli;

import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Parameters;
import io.gmmflow.api.SolverStatus;
import io.gmmflow.core.io.GmmJson;
import io.gmmflow.exact.mixture.MixtureBarycenter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gmmflow barycenter}: seed 002's barycenter of GMMs (eq. 17) by the LP of eq. 19-20, over
 * the Gaussian barycenters of all component tuples, or over the components of a given candidate
 * GMM ({@code --candidates FILE}; its weights are ignored). Prints the barycenter as GMM JSON; the
 * objective sum_k lambda_k d(mu, mu_k)^2 is logged at INFO level.
 */
@Command(name = "barycenter", description = "Seed 002 barycenter of GMMs by the LP of eq. 19-20, as a GMM.")
final class BarycenterCommand extends AbstractCommand {

    private static final Logger LOG = LoggerFactory.getLogger(BarycenterCommand.class);

    @Option(names = "--inputs", paramLabel = "FILE", arity = "1..*", required = true,
            description = "The input GMMs (JSON).")
    private List<Path> inputs;

    @Option(names = "--lambdas", paramLabel = "L", arity = "1..*", required = true,
            description = "One weight per input, >= 0, summing to 1.")
    private List<Double> lambdas;

    @Option(names = "--candidates", paramLabel = "FILE",
            description = "A GMM whose components are the only candidates (the restricted LP); weights ignored.")
    private Path candidates;

    @Option(names = "--max-tuples", paramLabel = "N",
            description = "Cap on the number of component tuples (default 20000).")
    private Integer maxTuples;

    @Mixin
    private OutputOption output;

    @Override
    protected int execute() {
        if (inputs.size() != lambdas.size()) {
            throw badOption("--inputs has " + inputs.size() + " files but --lambdas has " + lambdas.size() + " weights");
        }
        List<GaussianMixture> mixtures = new ArrayList<>();
        for (int k = 0; k < inputs.size(); k++) {
            mixtures.add(SourceTargetOptions.load("--inputs (file " + (k + 1) + ")", inputs.get(k)));
        }
        double[] lam = new double[lambdas.size()];
        for (int k = 0; k < lam.length; k++) {
            lam[k] = lambdas.get(k);
        }
        MixtureBarycenter.Result r;
        if (candidates != null) {
            if (maxTuples != null) {
                throw badOption("--max-tuples applies to the all-tuples barycenter, not to --candidates");
            }
            List<Gaussian> cands = SourceTargetOptions.load("--candidates", candidates).components();
            r = MixtureBarycenter.overCandidates(mixtures, lam, cands);
        } else {
            Parameters p = maxTuples == null ? Parameters.empty() : Parameters.of(MixtureBarycenter.MAX_TUPLES, maxTuples);
            r = MixtureBarycenter.overAllTuples(mixtures, lam, p);
        }
        if (r.status() == SolverStatus.FAILED || r.barycenter() == null) {
            throw new IllegalStateException("the barycenter LP failed: " + r.detail());
        }
        if (r.status() != SolverStatus.CONVERGED) {
            LOG.warn("barycenter status {}: {}", r.status(), r.detail());
        }
        LOG.info("barycenter over {} candidates: objective sum_k lambda_k d^2 = {}", r.candidates(), r.objective());
        emit(GmmJson.write(r.barycenter()), output.file());
        return 0;
    }
}
