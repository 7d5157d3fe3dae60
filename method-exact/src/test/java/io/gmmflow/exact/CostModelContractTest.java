package io.gmmflow.exact;

import io.gmmflow.api.CostModel;
import io.gmmflow.api.contract.CostModelContract;

/** Runs the api cost-model contract over this module's plugin; W2^2 is symmetric and zero on identical Gaussians. */
class CostModelContractTest extends CostModelContract {

    @Override
    protected boolean isSymmetric(CostModel cost) {
        return cost instanceof BuresWassersteinCost;
    }

    @Override
    protected boolean vanishesOnIdenticalGaussians(CostModel cost) {
        return cost instanceof BuresWassersteinCost;
    }
}
