package io.gmmflow.api;

/**
 * The result of a {@link CouplingSolver}: a plan between source weights a (rows) and target
 * weights b (columns), with the solver's dual potentials and how it ended.
 *
 * @param plan            K0 x K1 non-negative plan pi
 * @param sourcePotential dual potential f (length K0); for entropic solvers the log-domain
 *                        potential with pi_ij = exp((f_i + g_j - C_ij)/eps) a_i b_j
 * @param targetPotential dual potential g (length K1)
 * @param objective       the transport part <pi, C>
 * @param iterations      iterations (or pivots) done
 * @param marginalError   achieved |pi 1 - a|_1 + |pi^T 1 - b|_1
 * @param status          whether the stopping rule was met
 */
public record Coupling(double[][] plan, double[] sourcePotential, double[] targetPotential, double objective,
                       int iterations, double marginalError, SolverStatus status) {

    /** Validates shapes and copies the arrays in. */
    public Coupling {
        if (plan == null || sourcePotential == null || targetPotential == null || status == null) {
            throw new IllegalArgumentException("coupling fields must not be null");
        }
        if (plan.length != sourcePotential.length) {
            throw new IllegalArgumentException("plan has " + plan.length + " rows but the source potential has "
                    + sourcePotential.length + " entries");
        }
        double[][] p = new double[plan.length][];
        for (int i = 0; i < plan.length; i++) {
            if (plan[i].length != targetPotential.length) {
                throw new IllegalArgumentException("plan row " + i + " has " + plan[i].length
                        + " entries but the target potential has " + targetPotential.length);
            }
            p[i] = plan[i].clone();
        }
        plan = p;
        sourcePotential = sourcePotential.clone();
        targetPotential = targetPotential.clone();
    }

    /** A copy of the plan. */
    @Override
    public double[][] plan() {
        double[][] p = new double[plan.length][];
        for (int i = 0; i < plan.length; i++) {
            p[i] = plan[i].clone();
        }
        return p;
    }

    /** Plan entry (i, j) without copying. */
    public double plan(int i, int j) {
        return plan[i][j];
    }

    /** Number of source components K0. */
    public int rows() {
        return plan.length;
    }

    /** Number of target components K1. */
    public int columns() {
        return targetPotential.length;
    }

    @Override
    public double[] sourcePotential() {
        return sourcePotential.clone();
    }

    @Override
    public double[] targetPotential() {
        return targetPotential.clone();
    }

    /** Whether the solver met its stopping rule. */
    public boolean converged() {
        return status == SolverStatus.CONVERGED;
    }
}
