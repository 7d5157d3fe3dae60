package io.gmmflow.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmmflow.api.CovarianceType;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianMixture;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes Gaussian mixtures as JSON with scikit-learn's names (DESIGN.md section 7):
 * <pre>{"weights": [..], "means": [[..], ..], "covariances": [..], "covarianceType": "full"}</pre>
 * {@code covarianceType} is {@code full} (each covariance a d x d array of rows), {@code diag}
 * (each a vector of d variances) or {@code spherical} (each one number); absent means {@code full}.
 *
 * <p><b>Reading</b> is strict, and every failure is an {@link IllegalArgumentException} that names
 * the problem: malformed JSON (with line and column), a duplicate, missing or unknown key, a value
 * of the wrong JSON type or shape, and every validation error of {@link Gaussian} and
 * {@link GaussianMixture}, prefixed with the component index
 * ("component 2: covariance is not positive definite (Cholesky pivot 1 is -0.5)"). The non-standard
 * tokens {@code NaN}, {@code Infinity} and {@code -Infinity} are parsed so that such entries are
 * reported as "not finite" rather than as a syntax error. Reading a file prefixes the message with
 * the file name.
 *
 * <p><b>Writing</b> puts one component per line and prints each double with
 * {@link Double#toString(double)} (as Jackson does), whose output parses back to the same double:
 * a mixture round-trips exactly. A mixture whose components mix covariance kinds is written as
 * {@code full}. Semi-definite components ({@link Gaussian#semiDefinite}) are written but rejected
 * on reading, since a GMM file describes densities.
 *
 * <p>Cost O(K d^2) plus one Cholesky factorization per component on reading. Stateless and
 * thread-safe.
 */
public final class GmmJson {

    private static final Set<String> KEYS = Set.of("weights", "means", "covariances", "covarianceType");

    /** Jackson configured for strict reading: duplicate keys and trailing content fail. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private GmmJson() {
    }

    /**
     * Parses a mixture from JSON text.
     *
     * @throws IllegalArgumentException naming the problem (see the class comment)
     */
    public static GaussianMixture read(String json) {
        return read(new StringReader(json));
    }

    /** Parses a mixture from a reader (not closed). */
    public static GaussianMixture read(Reader reader) {
        return fromTree(parse(reader));
    }

    /**
     * Reads a mixture from a file; messages start with the file name.
     *
     * @throws IllegalArgumentException if the file cannot be read or does not hold a valid mixture
     */
    public static GaussianMixture read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(IoMessages.cannotRead(file, e), e);
        }
        try {
            return read(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses JSON text into a Jackson tree with the reader's strict settings.
     *
     * @throws IllegalArgumentException for malformed JSON, with line and column
     */
    public static JsonNode parse(Reader reader) {
        try {
            JsonNode node = MAPPER.readTree(reader);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("malformed JSON: the input is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            String msg = e.getOriginalMessage();
            int nl = msg == null ? -1 : msg.indexOf('\n');
            throw new IllegalArgumentException("malformed JSON" + where + ": " + (nl < 0 ? msg : msg.substring(0, nl)), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Builds a mixture from a parsed JSON object (for formats that embed a GMM).
     *
     * @throws IllegalArgumentException naming the problem (see the class comment)
     */
    public static GaussianMixture fromTree(JsonNode root) {
        if (!root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object with keys weights, means, covariances, found "
                    + describe(root));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key
                        + "' (expected weights, means, covariances and optionally covarianceType)");
            }
        }
        JsonNode weightsNode = required(root, "weights");
        JsonNode meansNode = required(root, "means");
        JsonNode covNode = required(root, "covariances");
        CovarianceType type = CovarianceType.FULL;
        JsonNode typeNode = root.get("covarianceType");
        if (typeNode != null) {
            if (!typeNode.isTextual()) {
                throw new IllegalArgumentException("'covarianceType' must be a string (full, diag or spherical), found "
                        + describe(typeNode));
            }
            type = CovarianceType.fromName(typeNode.textValue());
        }
        double[] weights = numbers(array(weightsNode, "weights"), "weights");
        ArrayNode means = array(meansNode, "means");
        ArrayNode covs = array(covNode, "covariances");
        if (means.size() != weights.length || covs.size() != weights.length) {
            throw new IllegalArgumentException("'weights' has " + weights.length + " entries, 'means' "
                    + means.size() + " and 'covariances' " + covs.size() + ": one each per component");
        }
        List<Gaussian> components = new ArrayList<>(weights.length);
        int d = -1;
        for (int i = 0; i < weights.length; i++) {
            double[] mean = numbers(array(means.get(i), "means[" + i + "]"), "means[" + i + "]");
            if (d < 0) {
                d = mean.length;
            } else if (mean.length != d) {
                throw new IllegalArgumentException("component " + i + ": mean has length " + mean.length
                        + " but component 0's mean has length " + d);
            }
            String at = "covariances[" + i + "]";
            JsonNode c = covs.get(i);
            // JSON shape errors name the JSON path; value errors from Gaussian get the component index.
            double[][] full = type == CovarianceType.FULL ? matrix(array(c, at), at) : null;
            double[] diag = type == CovarianceType.DIAGONAL ? numbers(array(c, at), at) : null;
            double variance = type == CovarianceType.SPHERICAL ? number(c, at) : Double.NaN;
            try {
                components.add(switch (type) {
                    case FULL -> Gaussian.of(mean, full);
                    case DIAGONAL -> Gaussian.diagonal(mean, diag);
                    case SPHERICAL -> Gaussian.spherical(mean, variance);
                });
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("component " + i + ": " + e.getMessage(), e);
            }
        }
        return GaussianMixture.of(weights, components);
    }

    private static JsonNode required(JsonNode root, String key) {
        JsonNode n = root.get(key);
        if (n == null) {
            throw new IllegalArgumentException("missing key '" + key + "'");
        }
        return n;
    }

    private static ArrayNode array(JsonNode n, String what) {
        if (!n.isArray()) {
            throw new IllegalArgumentException("'" + what + "' must be an array, found " + describe(n));
        }
        return (ArrayNode) n;
    }

    private static double number(JsonNode n, String what) {
        if (!n.isNumber()) {
            throw new IllegalArgumentException("'" + what + "' must be a number, found " + describe(n));
        }
        return n.doubleValue();
    }

    private static double[] numbers(ArrayNode a, String what) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = number(a.get(i), what + "[" + i + "]");
        }
        return v;
    }

    private static double[][] matrix(ArrayNode a, String what) {
        double[][] m = new double[a.size()][];
        for (int i = 0; i < m.length; i++) {
            String row = what + "[" + i + "]";
            m[i] = numbers(array(a.get(i), row), row);
        }
        return m;
    }

    private static String describe(JsonNode n) {
        String text = n.toString();
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        String kind = switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case NUMBER -> "a number";
            default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
        return n.isNull() ? kind : kind + " (" + text + ")";
    }

    /** The covariance kind a mixture is written with: the common kind of its components, else full. */
    public static CovarianceType writtenType(GaussianMixture mixture) {
        CovarianceType type = mixture.component(0).covarianceType();
        for (Gaussian g : mixture.components()) {
            if (g.covarianceType() != type) {
                return CovarianceType.FULL;
            }
        }
        return type;
    }

    /** The mixture as a Jackson tree (for embedding in larger JSON documents). */
    public static ObjectNode toTree(GaussianMixture mixture) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        CovarianceType type = writtenType(mixture);
        ObjectNode root = f.objectNode();
        ArrayNode w = root.putArray("weights");
        for (double x : mixture.weights()) {
            w.add(x);
        }
        ArrayNode means = root.putArray("means");
        ArrayNode covs = root.putArray("covariances");
        for (Gaussian g : mixture.components()) {
            ArrayNode m = means.addArray();
            for (double x : g.mean()) {
                m.add(x);
            }
            switch (type) {
                case FULL -> {
                    ArrayNode rows = covs.addArray();
                    for (double[] r : g.covariance()) {
                        ArrayNode row = rows.addArray();
                        for (double x : r) {
                            row.add(x);
                        }
                    }
                }
                case DIAGONAL -> {
                    ArrayNode v = covs.addArray();
                    for (double x : g.covarianceParameters()) {
                        v.add(x);
                    }
                }
                case SPHERICAL -> covs.add(g.covarianceParameters()[0]);
            }
        }
        root.put("covarianceType", type.jsonName());
        return root;
    }

    /**
     * The mixture as JSON text, one component per line, ending with a newline.
     *
     * <p>Written by hand rather than through Jackson's pretty printer, which puts every number on
     * its own line; the numbers are printed exactly as Jackson prints them.
     */
    public static String write(GaussianMixture mixture) {
        CovarianceType type = writtenType(mixture);
        StringBuilder sb = new StringBuilder(64 * mixture.size() * mixture.dimension());
        sb.append("{\n  \"weights\": ");
        vector(sb, mixture.weights());
        sb.append(",\n  \"means\": [");
        for (int i = 0; i < mixture.size(); i++) {
            sb.append(i == 0 ? "\n    " : ",\n    ");
            vector(sb, mixture.component(i).mean());
        }
        sb.append("\n  ],\n  \"covariances\": [");
        for (int i = 0; i < mixture.size(); i++) {
            sb.append(i == 0 ? "\n    " : ",\n    ");
            Gaussian g = mixture.component(i);
            switch (type) {
                case FULL -> {
                    double[][] c = g.covariance();
                    sb.append('[');
                    for (int r = 0; r < c.length; r++) {
                        if (r > 0) {
                            sb.append(", ");
                        }
                        vector(sb, c[r]);
                    }
                    sb.append(']');
                }
                case DIAGONAL -> vector(sb, g.covarianceParameters());
                case SPHERICAL -> sb.append(g.covarianceParameters()[0]);
            }
        }
        sb.append("\n  ],\n  \"covarianceType\": \"").append(type.jsonName()).append("\"\n}\n");
        return sb.toString();
    }

    private static void vector(StringBuilder sb, double[] v) {
        sb.append('[');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(v[i]);
        }
        sb.append(']');
    }

    /** Writes the mixture to a writer (not closed). */
    public static void write(GaussianMixture mixture, Writer out) {
        try {
            out.write(write(mixture));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the mixture to a file atomically: a temporary file in the same directory, then a move,
     * so that a failure never leaves a half-written file.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(GaussianMixture mixture, Path file) {
        AtomicFiles.writeString(file, write(mixture));
    }
}
