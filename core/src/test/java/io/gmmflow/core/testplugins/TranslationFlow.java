package io.gmmflow.core.testplugins;

import io.gmmflow.api.ComponentFlow;
import io.gmmflow.api.Gaussian;
import io.gmmflow.api.GaussianPath;
import io.gmmflow.api.Parameters;

/**
 * Test flow between Gaussians with one covariance: a translation, m(t) = (1-t) m0 + t m1, constant
 * covariance, field v = m1 - m0 (B = 0). Other pairs are rejected.
 */
public final class TranslationFlow implements ComponentFlow {

    @Override
    public String name() {
        return "test-translation";
    }

    @Override
    public String description() {
        return "test only: translation between Gaussians of equal covariance";
    }

    @Override
    public GaussianPath path(Gaussian source, Gaussian target, Parameters parameters) {
        if (source.dimension() != target.dimension()) {
            throw new IllegalArgumentException("dimensions differ");
        }
        if (!java.util.Arrays.equals(source.covarianceRowMajor(), target.covarianceRowMajor())) {
            throw new IllegalArgumentException("test-translation needs equal covariances");
        }
        int d = source.dimension();
        double[] dm = new double[d];
        for (int k = 0; k < d; k++) {
            dm[k] = target.mean(k) - source.mean(k);
        }
        return new GaussianPath() {
            @Override
            public int dimension() {
                return d;
            }

            @Override
            public Gaussian at(double t) {
                return Gaussian.ofFlat(mean(t), source.covarianceRowMajor());
            }

            @Override
            public double[] mean(double t) {
                double[] m = new double[d];
                for (int k = 0; k < d; k++) {
                    m[k] = source.mean(k) + t * dm[k];
                }
                return m;
            }

            @Override
            public double[] meanVelocity(double t) {
                return dm.clone();
            }

            @Override
            public double[] velocityMatrix(double t) {
                return new double[d * d];
            }

            @Override
            public double logDeterminant(double t) {
                return source.logDeterminant();
            }

            @Override
            public void evaluate(double t, double[] points, int from, int to, double[] logDensity, double[] velocity) {
                Gaussian g = logDensity == null ? null : at(t);
                for (int p = from; p < to; p++) {
                    if (logDensity != null) {
                        logDensity[p] = g.logDensity(java.util.Arrays.copyOfRange(points, p * d, p * d + d));
                    }
                    if (velocity != null) {
                        System.arraycopy(dm, 0, velocity, p * d, d);
                    }
                }
            }

            @Override
            public double kineticAction() {
                double s = 0;
                for (double x : dm) {
                    s += x * x;
                }
                return s;
            }
        };
    }
}
