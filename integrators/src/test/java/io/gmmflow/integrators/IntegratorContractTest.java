package io.gmmflow.integrators;

import io.gmmflow.api.contract.IntegratorContract;

/** Runs the api integrator contract over this module's plugins. */
class IntegratorContractTest extends IntegratorContract {
}
