package dev.periscope.enricher.service;

/**
 * Whether raw personal values survive enrichment. Today it comes from bootstrap config; the runtime-config issue
 * swaps in a supplier backed by the versioned MongoDB document without touching {@link EventEnricher}.
 */
public record RawFieldPolicy(boolean storeRawIp, boolean storeRawUserAgent) {
    /** The default: neither raw IP nor raw user-agent leaves the enricher. */
    public static final RawFieldPolicy DROP_ALL = new RawFieldPolicy(false, false);
}
