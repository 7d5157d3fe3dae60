package io.gmmflow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.Parameters;
import io.gmmflow.surrogate.GapDiagnostics;
import io.gmmflow.surrogate.PathSplit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gmmflow diagnose --source FILE --target FILE}: seed 000's gap diagnostics
 * ({@link GapDiagnostics}) for every component pair, printed as
 * {@code {"pairs":[{"i":0,"j":0,"rhoHat":..,"kappa":..,"deltaSigmaNorm":..,"comm":..,"quadratic":..,
 * "surrogate":..,"w2":..,"gap":..,"cubicBound":<number or null>,"splitSegments":N,"recommended":..},..]}}
 * with, beyond CLI.md's keys: lambdaMin, lambdaMax, commuting, w2ProxyDistance, surrogateProxyDistance,
 * cubicBoundApplicable, cubicBoundGuaranteed, minimalSegments, maxSegmentRhoHat, summedBound, summedGap,
 * regime and reason. {@code cubicBound} is null when rho_hat &gt;= 1 (not applicable) and also when it
 * overflows a double (then {@code cubicBoundApplicable} is true); {@code splitSegments} is null when no
 * finite N exists; per-segment sums are null when they were skipped (work limit).
 */
@Command(name = "diagnose", description = "Seed 000 surrogate-vs-Wasserstein diagnostics for every component pair.")
final class DiagnoseCommand extends AbstractCommand {

    @Mixin
    private SourceTargetOptions files;

    @Option(names = "--tolerance", paramLabel = "TAU",
            description = "Relative covariance-gap tolerance of the regime map (default ${DEFAULT-VALUE}).")
    private double tolerance = io.gmmflow.surrogate.RegimeMap.DEFAULT_TOLERANCE;

    @Option(names = "--split-work-limit", paramLabel = "FLOPS",
            description = "Work limit for per-segment path-splitting quantities (default ${DEFAULT-VALUE}).")
    private double splitWorkLimit = GapDiagnostics.DEFAULT_SPLIT_WORK_LIMIT;

    @Mixin
    private OutputOption output;

    @Override
    protected int execute() {
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw badOption("--tolerance must be a finite number > 0, got " + tolerance);
        }
        if (!(splitWorkLimit >= 0)) {
            throw badOption("--split-work-limit must be >= 0, got " + splitWorkLimit);
        }
        GaussianMixture s = files.source();
        GaussianMixture t = files.target();
        if (s.dimension() != t.dimension()) {
            throw new IllegalArgumentException("source has dimension " + s.dimension() + " but target has dimension "
                    + t.dimension());
        }
        Parameters p = Parameters.of("tolerance", tolerance, "splitWorkLimit", splitWorkLimit);
        ObjectNode root = object();
        ArrayNode pairs = root.putArray("pairs");
        for (int i = 0; i < s.size(); i++) {
            for (int j = 0; j < t.size(); j++) {
                GapDiagnostics g;
                try {
                    g = GapDiagnostics.of(s.component(i), t.component(j), p);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("pair (" + i + ", " + j + "): " + e.getMessage(), e);
                }
                pairs.add(toJson(i, j, g));
            }
        }
        printJson(root, output.file());
        return 0;
    }

    static ObjectNode toJson(int i, int j, GapDiagnostics g) {
        ObjectNode o = object();
        o.put("i", i);
        o.put("j", j);
        o.put("rhoHat", g.rhoHat());
        o.put("kappa", g.kappa());
        o.put("deltaSigmaNorm", g.deltaSigmaNorm());
        o.put("comm", g.comm());
        o.put("quadratic", g.quadratic());
        o.put("surrogate", g.surrogate());
        o.put("w2", g.w2());
        o.put("gap", g.gap());
        number(o, "cubicBound", g.cubicBound());
        PathSplit split = g.split();
        if (split.segments() == Long.MAX_VALUE) {
            o.putNull("splitSegments");
        } else {
            o.put("splitSegments", split.segments());
        }
        o.put("recommended", g.recommended());
        o.put("lambdaMin", g.lambdaMin());
        o.put("lambdaMax", g.lambdaMax());
        o.put("commuting", g.commuting());
        o.put("w2ProxyDistance", g.w2ProxyDistance());
        o.put("surrogateProxyDistance", g.surrogateProxyDistance());
        o.put("cubicBoundApplicable", g.cubicBoundApplicable());
        o.put("cubicBoundGuaranteed", g.cubicBoundGuaranteed());
        o.put("minimalSegments", split.minimalSegments());
        number(o, "maxSegmentRhoHat", split.maxSegmentRhoHat());
        number(o, "summedBound", split.summedBound());
        number(o, "summedGap", split.summedGap());
        o.put("regime", g.recommendation().regime().name());
        o.put("reason", g.recommendation().reason());
        return o;
    }

    /** A finite number, or null (JSON has no NaN or Infinity). */
    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
