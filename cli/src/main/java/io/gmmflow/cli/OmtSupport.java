package io.gmmflow.cli;

import io.gmmflow.api.Parameters;
import io.gmmflow.omt.OptimalMixtureTransport;
import java.util.Locale;

/** What {@code omt} and {@code map} share: the method names and the solver each one uses by default. */
final class OmtSupport {

    private OmtSupport() {
    }

    /**
     * The OMT engine for {@code method} ({@code omt}: entropic pairs + {@code sinkhorn};
     * {@code gmm-ot}: W2 pairs + {@code emd}), with {@code solverName} overriding the solver when set.
     */
    static OptimalMixtureTransport engine(AbstractCommand command, String method, String solverName) {
        String m = method.trim().toLowerCase(Locale.ROOT);
        return switch (m) {
            case "omt" -> OptimalMixtureTransport.omt(command.registry().couplingSolver(solverName == null ? "sinkhorn" : solverName));
            case "gmm-ot" -> OptimalMixtureTransport.gmmOt(command.registry().couplingSolver(solverName == null ? "emd" : solverName));
            default -> throw new IllegalArgumentException("--method: unknown method '" + method + "' (expected omt or gmm-ot)");
        };
    }

    /** eps1, eps2 and the solver limits as OMT parameters (unset options are left to the defaults). */
    static Parameters parameters(Double eps1, Double eps2, Integer maxIterations, Double tolerance) {
        Parameters p = Parameters.empty();
        if (eps1 != null) {
            p = p.with(OptimalMixtureTransport.EPS1, eps1);
        }
        if (eps2 != null) {
            p = p.with(OptimalMixtureTransport.EPS2, eps2);
        }
        if (maxIterations != null) {
            p = p.with(OptimalMixtureTransport.MAX_ITERATIONS, maxIterations);
        }
        if (tolerance != null) {
            p = p.with(OptimalMixtureTransport.TOLERANCE, tolerance);
        }
        return p;
    }
}
