package io.gmmflow.linalg;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.ojalgo.matrix.decomposition.Eigenvalue;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/**
 * Eigenvalues (ascending) and, on request, orthonormal eigenvectors of a real symmetric d x d
 * matrix A = V diag(lambda) V^T, row-major with the eigenvectors as the columns of V.
 *
 * <p>Routes ({@link LinalgRoute}; {@link NativeLinalg} describes the choice). Native: LAPACK
 * {@code dsytrd} + {@code dsterf} for values only (measured faster than {@code dsyevd} with
 * {@code jobz = 'N'}, 2.4 vs 3.6 ms at d = 300, and than {@code dsyevr}), {@code dsyevd} with
 * vectors (5.9 ms at d = 300 against 7.0 for {@code dsyevr}); {@code auto} uses them from
 * {@link NativeLinalg#EIGENVALUES_CROSSOVER} and {@link NativeLinalg#EIGENVECTORS_CROSSOVER}.
 * Pure Java: d = 1 trivially; d = 2 in closed form (lambda = m -/+ hypot((a - c)/2, b) with
 * m = (a + c)/2, the smaller one from the determinant to avoid cancellation); below
 * {@link #OJALGO_THRESHOLD} by the hand-written Householder + implicit QL solver (slightly faster
 * there, with no library object per call); larger matrices by ojAlgo's symmetric eigensolver,
 * which was measured faster from d = 12 on (2.6x at d = 300).
 * The older system property {@code gmmflow.linalg.eigen} = {@code java} or {@code ojalgo} still
 * forces one of the two Java solvers (for tests and benchmarks); when it is set, {@code auto} calls
 * for eigenproblems take the Java route. Values only cost about a sixth of values and vectors:
 * callers that need only a spectral sum (the Bures trace term) must use {@link #values}.
 *
 * <p>Accuracy: every route is backward stable, so eigenvalue errors are about d * 1e-16 * |A|, and
 * the routes agree to that. The input is not modified and must be finite and symmetric (the lower
 * triangle is what the solvers read). Stateless and thread-safe.
 */
public final class SymmetricEigen {

    /** Size from which the auto route calls ojAlgo: measured on this machine, ojAlgo is as fast below and up to 2.6x faster above (d = 300: values 7.5 ms vs 19.7 ms, vectors 26 ms vs 83 ms). */
    public static final int OJALGO_THRESHOLD = 12;

    private static final String ROUTE = System.getProperty("gmmflow.linalg.eigen", "auto").toLowerCase(Locale.ROOT);

    /** The legacy property names a Java solver: eigenproblems then stay on the Java route under auto. */
    private static final boolean JAVA_SOLVER_FORCED = ROUTE.equals("java") || ROUTE.equals("ojalgo");

    private SymmetricEigen() {
    }

    /**
     * An eigendecomposition: values ascending, vectors as the columns of a row-major d x d array
     * (component i of eigenvector k at {@code vectors[i*d + k]}).
     */
    public record Decomposition(int dimension, double[] values, double[] vectors) {

        /** Eigenvalue k (ascending order). */
        public double value(int k) {
            return values[k];
        }

        /** A copy of eigenvector k. */
        public double[] vector(int k) {
            double[] v = new double[dimension];
            for (int i = 0; i < dimension; i++) {
                v[i] = vectors[i * dimension + k];
            }
            return v;
        }

        /** V f(Lambda) V^T for the values f(lambda_k) given in {@code f}. */
        public double[] synthesize(double[] f) {
            return Dense.synthesize(vectors, f, dimension);
        }
    }

    /** The eigenvalues of the symmetric d x d matrix {@code a}, ascending (route by configuration and size). */
    public static double[] values(double[] a, int d) {
        return values(a, d, LinalgRoute.AUTO);
    }

    /**
     * The eigenvalues of the symmetric d x d matrix {@code a}, ascending, on the given route
     * ({@link LinalgRoute#NATIVE} calls LAPACK at every d, d = 1 and 2 included).
     *
     * @throws IllegalStateException if the native route is requested and not available
     */
    public static double[] values(double[] a, int d, LinalgRoute route) {
        check(a, d);
        if (NativeLinalg.useNative(eigenRoute(route), NativeLinalg.Kernel.EIGENVALUES, d)) {
            return NativeKernels.eigenvalues(a, d);
        }
        if (d == 1) {
            return new double[] {a[0]};
        }
        if (d == 2) {
            return values2(a[0], a[1], a[3]);
        }
        if (useOjAlgo(d)) {
            return ojAlgo(a, d, null);
        }
        return TridiagonalQl.decompose(a, d, null);
    }

    /** Eigenvalues (ascending) and eigenvectors of the symmetric d x d matrix {@code a} (route by configuration and size). */
    public static Decomposition decompose(double[] a, int d) {
        return decompose(a, d, LinalgRoute.AUTO);
    }

    /**
     * Eigenvalues (ascending) and eigenvectors of the symmetric d x d matrix {@code a} on the given
     * route. Eigenvectors are unique up to sign (and within clusters of equal eigenvalues), so two
     * routes may return different but equally valid vectors.
     *
     * @throws IllegalStateException if the native route is requested and not available
     */
    public static Decomposition decompose(double[] a, int d, LinalgRoute route) {
        check(a, d);
        double[] vectors = new double[d * d];
        double[] values;
        if (NativeLinalg.useNative(eigenRoute(route), NativeLinalg.Kernel.EIGENVECTORS, d)) {
            values = NativeKernels.eigenvectors(a, d, vectors);
        } else if (d == 1) {
            values = new double[] {a[0]};
            vectors[0] = 1.0;
        } else if (d == 2) {
            values = decompose2(a[0], a[1], a[3], vectors);
        } else if (useOjAlgo(d)) {
            values = ojAlgo(a, d, vectors);
        } else {
            values = TridiagonalQl.decompose(a, d, vectors);
        }
        return new Decomposition(d, values, vectors);
    }

    private static LinalgRoute eigenRoute(LinalgRoute route) {
        return route == LinalgRoute.AUTO && JAVA_SOLVER_FORCED ? LinalgRoute.JAVA : route;
    }

    /** Forces the hand-written route regardless of size (tests, benchmarks). */
    public static Decomposition decomposeJava(double[] a, int d) {
        check(a, d);
        double[] vectors = new double[d * d];
        return new Decomposition(d, TridiagonalQl.decompose(a, d, vectors), vectors);
    }

    /** Forces the ojAlgo route regardless of size (tests, benchmarks). */
    public static Decomposition decomposeOjAlgo(double[] a, int d) {
        check(a, d);
        double[] vectors = new double[d * d];
        return new Decomposition(d, ojAlgo(a, d, vectors), vectors);
    }

    /** Values by the hand-written route regardless of size. */
    public static double[] valuesJava(double[] a, int d) {
        check(a, d);
        return TridiagonalQl.decompose(a, d, null);
    }

    /** Values by the ojAlgo route regardless of size. */
    public static double[] valuesOjAlgo(double[] a, int d) {
        check(a, d);
        return ojAlgo(a, d, null);
    }

    private static boolean useOjAlgo(int d) {
        return switch (ROUTE) {
            case "java" -> false;
            case "ojalgo" -> true;
            default -> d >= OJALGO_THRESHOLD;
        };
    }

    private static void check(double[] a, int d) {
        if (d < 1 || a.length != d * d) {
            throw new IllegalArgumentException("matrix has " + a.length + " entries, expected " + d + " x " + d);
        }
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException("matrix entry (" + (i / d) + ", " + (i % d) + ") is not finite ("
                        + a[i] + ")");
            }
        }
    }

    /** Ascending eigenvalues of [[a, b], [b, c]]. */
    static double[] values2(double a, double b, double c) {
        double m = 0.5 * (a + c);
        double r = Math.hypot(0.5 * (a - c), b);
        double hi = m + r;
        double lo = m - r;
        // The smaller one from det / hi when both have one sign: no cancellation in m - r.
        if (m > 0 && lo > 0 && hi > 0) {
            lo = (a * c - b * b) / hi;
            if (!(lo > 0)) {
                lo = m - r;
            }
        } else if (m < 0 && hi < 0) {
            double lo2 = lo;
            hi = (a * c - b * b) / lo2;
        }
        return new double[] {Math.min(lo, hi), Math.max(lo, hi)};
    }

    /** Closed-form 2 x 2 decomposition; writes the vectors as columns. */
    static double[] decompose2(double a, double b, double c, double[] vectors) {
        double[] values = values2(a, b, c);
        if (b == 0.0) {
            // Already diagonal: keep the coordinate axes, ordered.
            if (a <= c) {
                vectors[0] = 1;
                vectors[3] = 1;
                vectors[1] = 0;
                vectors[2] = 0;
            } else {
                vectors[0] = 0;
                vectors[1] = 1;
                vectors[2] = 1;
                vectors[3] = 0;
            }
            return values;
        }
        // Eigenvector of the larger value: (b, hi - a) or (hi - c, b), whichever is better conditioned.
        double hi = values[1];
        double x1 = b;
        double y1 = hi - a;
        double x2 = hi - c;
        double y2 = b;
        double n1 = x1 * x1 + y1 * y1;
        double n2 = x2 * x2 + y2 * y2;
        double x;
        double y;
        if (n1 >= n2) {
            double n = Math.sqrt(n1);
            x = x1 / n;
            y = y1 / n;
        } else {
            double n = Math.sqrt(n2);
            x = x2 / n;
            y = y2 / n;
        }
        // columns: k = 0 the smaller value (-y, x), k = 1 the larger (x, y)
        vectors[0] = -y;
        vectors[2] = x;
        vectors[1] = x;
        vectors[3] = y;
        return values;
    }

    private static double[] ojAlgo(double[] a, int d, double[] vectors) {
        // Symmetric input, so its row-major array is also the column-major one ojAlgo stores.
        R064Store store = R064Store.wrap(a.clone(), d);
        Eigenvalue<Double> evd = Eigenvalue.R064.make(store, true);
        double[] values = new double[d];
        if (vectors == null) {
            if (!evd.computeValuesOnly(store)) {
                throw new ArithmeticException("ojAlgo's symmetric eigenvalue computation failed (d = " + d + ")");
            }
            evd.getEigenvalues(values, Optional.empty());
            Arrays.sort(values);
            return values;
        }
        if (!evd.decompose(store)) {
            throw new ArithmeticException("ojAlgo's symmetric eigendecomposition failed (d = " + d + ")");
        }
        evd.getEigenvalues(values, Optional.empty());
        MatrixStore<Double> v = evd.getV();
        Integer[] order = new Integer[d];
        for (int k = 0; k < d; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (p, q) -> Double.compare(values[p], values[q]));
        double[] sorted = new double[d];
        for (int k = 0; k < d; k++) {
            int src = order[k];
            sorted[k] = values[src];
            for (int i = 0; i < d; i++) {
                vectors[i * d + k] = v.doubleValue(i, src);
            }
        }
        return sorted;
    }
}
