package io.gmmflow.integrators;

import io.gmmflow.api.Integrator;

/**
 * What every explicit Runge-Kutta integrator here shares: its registry name and description, its
 * {@link ButcherTableau}, and the tableau's non-zero stage and weight coefficients in sparse form
 * (so that the stage sums skip the zeros of a_ij and b_j). The stepping lives in the two
 * subclasses, {@link FixedStepRungeKuttaIntegrator} and {@link EmbeddedRungeKuttaIntegrator}.
 * Immutable and thread-safe.
 */
public abstract class RungeKuttaIntegrator implements Integrator {

    /** The registry name (subclasses log with it). */
    final String name;
    private final String description;
    /** The method's coefficients. */
    final ButcherTableau tableau;
    /** Column indices of the non-zero a_ij, per stage row. */
    final int[][] aIdx;
    /** The non-zero a_ij, per stage row. */
    final double[][] aVal;
    /** Indices of the non-zero weights b_j. */
    final int[] bIdx;
    /** The non-zero weights b_j. */
    final double[] bVal;

    /**
     * @param name        the registry name
     * @param description one line for {@code gmmflow plugins}
     * @param tableau     the method
     */
    RungeKuttaIntegrator(String name, String description, ButcherTableau tableau) {
        this.name = name;
        this.description = description;
        this.tableau = tableau;
        this.aIdx = Batch.nonzeroIndices(tableau.a);
        this.aVal = Batch.nonzeroValues(tableau.a, aIdx);
        int[][] bi = Batch.nonzeroIndices(new double[][] {tableau.b});
        this.bIdx = bi[0];
        this.bVal = Batch.nonzeroValues(new double[][] {tableau.b}, bi)[0];
    }

    /** The method's tableau. */
    public ButcherTableau tableau() {
        return tableau;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }
}
