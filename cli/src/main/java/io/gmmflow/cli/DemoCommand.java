package io.gmmflow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.core.io.AtomicFiles;
import io.gmmflow.core.io.GmmJson;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gmmflow demo}, first version: writes the built-in mixtures ({@link DemoMixtures}) as GMM
 * JSON under {@code demo-output/}, samples both, draws a PNG scatter of the samples there and prints
 * a JSON summary. Later issues replace this with the whole pipeline (couple, transport, plots of
 * the trajectories).
 */
@Command(name = "demo", description = "Run gmmflow on built-in example mixtures; files go to demo-output/.")
final class DemoCommand extends AbstractCommand {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

    @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = "demo-output",
            description = "Directory for the files (default: ${DEFAULT-VALUE}, created if missing).")
    private Path dir;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "2000",
            description = "Points drawn from each mixture (default: ${DEFAULT-VALUE}).")
    private int samples;

    @Mixin
    private SeedOption seed;

    @Override
    protected int execute() {
        if (samples <= 0) {
            throw badOption("--samples must be > 0, got " + samples);
        }
        AtomicFiles.createDirectories(dir);
        GaussianMixture source = DemoMixtures.SOURCE;
        GaussianMixture target = DemoMixtures.TARGET;
        GmmJson.write(source, dir.resolve("source.json"));
        GmmJson.write(target, dir.resolve("target.json"));
        LOG.info("wrote the mixtures to {}", dir);

        double[][] xs = source.sample(samples, seed.seed());
        // A different stream for the target, still fixed by the seed.
        double[][] ys = target.sample(samples, seed.seed() + 1);
        byte[] png = new ScatterPlot("gmmflow demo: samples of the source and target mixtures", 900, 650)
                .add("source (" + source.size() + " components)", xs)
                .add("target (" + target.size() + " components)", ys)
                .png();
        AtomicFiles.writeBytes(dir.resolve("samples.png"), png);
        LOG.info("wrote the scatter plot to {}", dir.resolve("samples.png"));

        ObjectNode summary = object();
        summary.put("outputDirectory", dir.toString());
        ArrayNode files = summary.putArray("files");
        files.add("source.json").add("target.json").add("samples.png");
        summary.put("samples", samples);
        summary.put("seed", seed.seed());
        summary.set("source", describe(source, xs));
        summary.set("target", describe(target, ys));
        printJson(summary, null);
        return 0;
    }

    /** Size, exact mean and the mean of the drawn points (they agree to about 3 sd / sqrt(n)). */
    private static ObjectNode describe(GaussianMixture m, double[][] points) {
        ObjectNode o = object();
        o.put("components", m.size());
        o.put("dimension", m.dimension());
        ArrayNode mean = o.putArray("mean");
        ArrayNode sampleMean = o.putArray("sampleMean");
        double[] exact = m.mean();
        for (int k = 0; k < m.dimension(); k++) {
            double s = 0;
            for (double[] p : points) {
                s += p[k];
            }
            mean.add(exact[k]);
            sampleMean.add(s / points.length);
        }
        return o;
    }
}
