package dev.periscope.eventwriter.mapping;

import java.util.Set;

import dev.periscope.model.config.Policy;

/**
 * What the runtime policy lets the raw table keep beyond the hashes. The enricher already strips what the policy
 * forbids; the writer enforces it again so a misconfigured or older producer cannot land raw addresses, user-agents
 * or credential headers in ClickHouse.
 */
public record StoragePolicy(boolean keepRawSourceIp, boolean keepRawUserAgent, boolean keepHeaders,
        Set<String> neverStoredHeaders) {

    public static StoragePolicy of(Policy policy) {
        return new StoragePolicy(policy.storeRawSourceIp(), policy.storeRawUserAgent(), policy.storeHeaders(),
                Policy.NEVER_FORWARDED_HEADERS);
    }

    /** The safe default: hashes only. */
    public static StoragePolicy hashesOnly() {
        return of(Policy.defaults());
    }
}
