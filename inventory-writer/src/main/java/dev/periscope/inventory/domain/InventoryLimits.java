package dev.periscope.inventory.domain;

/**
 * Bounds on the lists of one {@code api_inventory} document.
 *
 * @param consumersCap    {@code consumers}: how many distinct consumer hashes a document keeps (reference
 *                        {@code consumers_cap}, 1–100, default 10)
 * @param queryParamsCap  {@code query_params}: how many distinct query-parameter names a document keeps (runtime
 *                        policy {@code query_params_cap}, 1–200, default 50)
 * @param discoveredCap   {@code routes}, {@code clusters}, {@code content_types}, {@code origins}: distinct values
 *                        kept per document
 */
public record InventoryLimits(int consumersCap, int queryParamsCap, int discoveredCap) {
    public static final int DEFAULT_CONSUMERS_CAP = 10;
    public static final int DEFAULT_QUERY_PARAMS_CAP = 50;
    public static final int DEFAULT_DISCOVERED_CAP = 20;

    public static final InventoryLimits DEFAULTS = new InventoryLimits(DEFAULT_CONSUMERS_CAP,
            DEFAULT_QUERY_PARAMS_CAP, DEFAULT_DISCOVERED_CAP);

    public InventoryLimits {
        if (consumersCap < 1 || consumersCap > 100) {
            throw new IllegalArgumentException("consumers cap must be 1-100, was " + consumersCap);
        }
        if (queryParamsCap < 1 || queryParamsCap > 200) {
            throw new IllegalArgumentException("query params cap must be 1-200, was " + queryParamsCap);
        }
        if (discoveredCap < 1 || discoveredCap > 1000) {
            throw new IllegalArgumentException("discovered-set cap must be 1-1000, was " + discoveredCap);
        }
    }

    public InventoryLimits withQueryParamsCap(int cap) {
        return new InventoryLimits(consumersCap, cap, discoveredCap);
    }
}
