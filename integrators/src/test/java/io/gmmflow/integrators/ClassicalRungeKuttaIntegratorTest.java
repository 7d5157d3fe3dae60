package io.gmmflow.integrators;

import io.gmmflow.api.Parameters;

/** {@code ClassicalRungeKuttaIntegrator}: the shared fixed-step tests with order 4. */
class ClassicalRungeKuttaIntegratorTest extends FixedStepIntegratorAbstractTest {

    private static final ClassicalRungeKuttaIntegrator INTEGRATOR = new ClassicalRungeKuttaIntegrator();

    @Override
    FixedStepRungeKuttaIntegrator integrator() {
        return INTEGRATOR;
    }

    @Override
    int expectedOrder() {
        return 4;
    }

    @Override
    int expectedStages() {
        return 4;
    }

    @Override
    Parameters accurate() {
        return Parameters.of("steps", 400);
    }

    /**
     * With 400 steps (h = 0.005 on a span of 2) the measured errors are 3.6e-10 forwards and 1.25e-9
     * backwards on rotation-decay (the abstract test allows the backward run e^0.6 = 1.8 times more,
     * as the solution grows by that factor); the bound sits about 2x above the forward figure.
     */
    @Override
    double accurateTolerance() {
        return 1e-9;
    }
}
