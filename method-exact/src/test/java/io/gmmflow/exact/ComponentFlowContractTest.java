package io.gmmflow.exact;

import io.gmmflow.api.contract.ComponentFlowContract;

/** Runs the api component-flow contract over this module's {@code geodesic} flow. */
class ComponentFlowContractTest extends ComponentFlowContract {
}
