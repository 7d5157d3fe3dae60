package io.gmmflow.solvers;

import io.gmmflow.api.contract.CouplingSolverContract;

/** Runs the shared {@link CouplingSolverContract} over this module's solvers (found by ServiceLoader). */
class CouplingSolverContractTest extends CouplingSolverContract {
}
