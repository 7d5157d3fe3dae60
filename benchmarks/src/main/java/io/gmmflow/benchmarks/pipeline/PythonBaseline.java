package io.gmmflow.benchmarks.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a NumPy/SciPy baseline script ({@code benchmarks/fig1_baseline.py},
 * {@code benchmarks/large_baseline.py}) as a subprocess with {@code python3} and reads its JSON
 * lines. The script's standard error is kept and shown when it fails. The child runs without the
 * {@code OPENBLAS_NUM_THREADS} pin that the launcher sets for the Java side, so NumPy uses its default
 * threading (every core), as a Python user's script would.
 *
 * <p>Finding the script: an explicit path, else {@code $gmmflow.home/benchmarks/NAME} (the
 * launcher passes {@code -Dgmmflow.home} = the repository root), else {@code benchmarks/NAME}
 * below the working directory. Stateless; thread-safe.
 */
public final class PythonBaseline {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String python;

    /** A runner for {@code python3} on the PATH. */
    public PythonBaseline() {
        this("python3");
    }

    /** A runner for the given interpreter command. */
    public PythonBaseline(String python) {
        this.python = python;
    }

    /**
     * Locates a baseline script.
     *
     * @param explicit a path given by the user, or null
     * @param name     the script's file name under {@code benchmarks/}
     * @throws IllegalArgumentException naming the places looked in when it is not found
     */
    public static Path locate(Path explicit, String name) {
        if (explicit != null) {
            if (!Files.isRegularFile(explicit)) {
                throw new IllegalArgumentException("--baseline: no such file: " + explicit);
            }
            return explicit;
        }
        List<Path> tried = new ArrayList<>();
        String home = System.getProperty("gmmflow.home");
        if (home != null && !home.isBlank()) {
            tried.add(Path.of(home, "benchmarks", name));
        }
        tried.add(Path.of("benchmarks", name).toAbsolutePath());
        for (Path p : tried) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalArgumentException("baseline script " + name + " not found (looked in " + tried
                + "); give its path with --baseline");
    }

    /**
     * Checks that the interpreter runs and has NumPy and SciPy.
     *
     * @throws IllegalArgumentException when it does not (python3 missing from the PATH, or no NumPy/SciPy)
     */
    public void check() {
        Result r = exec(List.of(python, "-c", "import numpy, scipy"));
        if (r.exitCode != 0) {
            throw new IllegalArgumentException(python + " cannot import numpy and scipy, which the baseline needs: "
                    + lastLine(r.stderr));
        }
    }

    /**
     * Runs {@code script} with the given arguments and returns its JSON lines keyed by
     * {@code method} (or {@code case}).
     *
     * @throws IllegalStateException when the script fails or prints something that is not JSON
     */
    public Map<String, JsonNode> run(Path script, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(python);
        cmd.add(script.toString());
        cmd.addAll(args);
        Result r = exec(cmd);
        if (r.exitCode != 0) {
            throw new IllegalStateException("baseline " + script.getFileName() + " failed (exit " + r.exitCode + "): "
                    + lastLine(r.stderr));
        }
        Map<String, JsonNode> lines = new LinkedHashMap<>();
        for (String line : r.stdout.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(line);
                String key = n.has("method") ? n.get("method").asText() : n.path("case").asText();
                lines.put(key, n);
            } catch (IOException e) {
                throw new IllegalStateException("baseline " + script.getFileName() + " printed a line that is not JSON: "
                        + line, e);
            }
        }
        return lines;
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result exec(List<String> cmd) {
        try {
            Path err = Files.createTempFile("gmmflow-baseline", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
                // The launcher pins OPENBLAS_NUM_THREADS=1 for core-linalg's native route; the baseline
                // runs the way a Python user's would, with NumPy's default threading (every core).
                pb.environment().remove("OPENBLAS_NUM_THREADS");
                Process p = pb.start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int code = p.waitFor();
                return new Result(code, out, Files.readString(err));
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            // The interpreter itself could not be started: it is not on the PATH.
            throw new IllegalArgumentException("cannot run " + cmd.get(0) + " (is Python 3 on the PATH?): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + cmd, e);
        }
    }

    private static String lastLine(String text) {
        String t = text.strip();
        int nl = t.lastIndexOf('\n');
        return nl < 0 ? t : t.substring(nl + 1);
    }
}
