package io.gmmflow.surrogate;

import io.gmmflow.api.contract.ComponentFlowContract;

/** Runs the api component-flow contract over this module's flows ({@code linear}). */
class ComponentFlowContractTest extends ComponentFlowContract {
}
