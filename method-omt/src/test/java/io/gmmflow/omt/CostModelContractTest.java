package io.gmmflow.omt;

import io.gmmflow.api.contract.CostModelContract;

/** The generic cost-model contract over every cost on this module's class path (here: entropic). */
class CostModelContractTest extends CostModelContract {
}
