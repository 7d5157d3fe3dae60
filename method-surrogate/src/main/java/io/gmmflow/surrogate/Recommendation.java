package io.gmmflow.surrogate;

/**
 * The regime map's advice for one Gaussian pair: the method ({@code "surrogate"} or {@code "exact"}),
 * the regime that decided it, and the reason in words with the numbers that decided it.
 *
 * @param method the advised method name
 * @param regime the regime
 * @param reason one sentence naming the deciding indicator and its value
 */
public record Recommendation(String method, Regime regime, String reason) {

    /** Checks the fields. */
    public Recommendation {
        if (regime == null || method == null || !method.equals(regime.method())) {
            throw new IllegalArgumentException("method " + method + " does not match regime " + regime);
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a recommendation needs a reason");
        }
    }
}
