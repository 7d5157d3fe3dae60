package io.gmmflow.surrogate;

import io.gmmflow.api.contract.CostModelContract;

/** The generic cost-model contract over every cost on this module's class path (here: surrogate). */
class CostModelContractTest extends CostModelContract {
}
