package dev.periscope.enricher.service;

import java.util.Objects;
import java.util.function.Supplier;

import dev.periscope.model.SaltedHasher;
import dev.periscope.model.v1.AccessEvent;
import dev.periscope.model.v1.EventStage;

/**
 * Turns a raw access event into an enriched one: normalized path, salted IP and user-agent hashes, raw values
 * removed unless the policy keeps them. Pure: no I/O, no framework; later enrichers (PII, categories, UA class,
 * GeoIP, detectors) plug in here as further steps.
 */
public final class EventEnricher {
    private final SaltedHasher hasher;
    private final PathNormalizer pathNormalizer;
    private final Supplier<RawFieldPolicy> rawFieldPolicy;

    public EventEnricher(SaltedHasher hasher, PathNormalizer pathNormalizer, Supplier<RawFieldPolicy> rawFieldPolicy) {
        this.hasher = Objects.requireNonNull(hasher);
        this.pathNormalizer = Objects.requireNonNull(pathNormalizer);
        this.rawFieldPolicy = Objects.requireNonNull(rawFieldPolicy);
    }

    public AccessEvent enrich(AccessEvent raw) {
        RawFieldPolicy policy = rawFieldPolicy.get();
        AccessEvent.Builder enriched = raw.toBuilder()
                .setStage(EventStage.EVENT_STAGE_ENRICHED)
                .setNormalizedPath(pathNormalizer.normalize(raw.getPath()))
                .setSourceIpHash(hasher.hash(raw.getSourceIp()))
                .setUserAgentHash(hasher.hash(raw.getUserAgent()));
        if (!policy.storeRawIp()) {
            enriched.clearSourceIp();
        }
        if (!policy.storeRawUserAgent()) {
            enriched.clearUserAgent();
        }
        return enriched.build();
    }
}
