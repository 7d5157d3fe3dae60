package io.gmmflow.api;

/** How an integration ended. */
public enum IntegrationStatus {
    /** The end time was reached within the requested accuracy (fixed-step methods: all steps done). */
    COMPLETED,
    /** The step limit was reached before t1 (adaptive methods); the end points are where the run stopped. */
    STEP_LIMIT,
    /** The step size underflowed or the field returned non-finite values. */
    FAILED
}
