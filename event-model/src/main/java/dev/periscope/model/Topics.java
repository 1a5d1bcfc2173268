package dev.periscope.model;

/** Kafka topic names: the only place they are spelled out. */
public final class Topics {
    /** Raw access events from ingest-gateway; keyed by SHA-256 of the downstream address. */
    public static final String ACCESS_RAW = "periscope.access.raw.v1";
    /** Enriched access events, the public contract for downstream consumers; keyed by inventory key. */
    public static final String ACCESS_ENRICHED = "periscope.access.enriched.v1";
    /** Health reports of every service instance; keyed by {@code service/instance_id}, compacted. */
    public static final String OPS_HEALTH = "periscope.ops.health.v1";
    /** Records that could not be processed after retries; original key and bytes plus error headers. */
    public static final String ACCESS_DLQ = "periscope.access.dlq.v1";

    private Topics() {
    }
}
