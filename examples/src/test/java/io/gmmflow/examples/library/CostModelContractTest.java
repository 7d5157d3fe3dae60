package io.gmmflow.examples.library;

import io.gmmflow.api.contract.CostModelContract;

/** Every cost on the examples' class path, the example plugin included, through the generic contract. */
class CostModelContractTest extends CostModelContract {
}
