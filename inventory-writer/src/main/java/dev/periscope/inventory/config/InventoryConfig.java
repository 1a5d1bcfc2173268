package dev.periscope.inventory.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Bootstrap settings of inventory-writer (env {@code PERISCOPE_INVENTORY_*}, {@code MONGO_INVENTORY_*}). */
@ConfigMapping(prefix = "periscope.inventory")
public interface InventoryConfig {

    Retry retry();

    Kafka kafka();

    Cardinality cardinality();

    Read read();

    /** How long to wait for the broker to acknowledge a dead letter before failing the batch. */
    @WithName("dead-letter-timeout")
    @WithDefault("30s")
    Duration deadLetterTimeout();

    /** {@code routes}, {@code clusters}, {@code content_types}, {@code origins}: distinct values per document. */
    @WithName("discovered-cap")
    @WithDefault("20")
    int discoveredCap();

    /**
     * Documents whose capped lists the writer keeps in memory, so their upserts bound the lists themselves instead
     * of needing a second write (a trim); least recently written beyond it are read again when next written. 0 turns
     * this off (every upsert with a trim).
     */
    @WithName("list-mirror-documents")
    @WithDefault("5000")
    int listMirrorDocuments();

    interface Retry {
        /** First back-off after a failed MongoDB write; doubles per attempt (with jitter) up to max-backoff. */
        @WithName("initial-backoff")
        @WithDefault("200ms")
        Duration initialBackoff();

        /**
         * Upper bound of one back-off. While MongoDB is unreachable the batch is retried at this pace (offsets stay
         * uncommitted, consumption pauses, the MongoDB probe reports the service DEGRADED).
         */
        @WithName("max-backoff")
        @WithDefault("10s")
        Duration maxBackoff();
    }

    /** The consumer of the enriched topic (a plain KafkaConsumer loop, see EnrichedEventLoop). */
    interface Kafka {
        @WithDefault("periscope.access.enriched.v1")
        String topic();

        @WithName("group-id")
        @WithDefault("inventory-writer")
        String groupId();

        /** Records per poll = per batch = per bulk write: more records fold into fewer writes per event. */
        @WithName("max-poll-records")
        @WithDefault("20000")
        int maxPollRecords();

        @WithName("fetch-min-bytes")
        @WithDefault("1")
        int fetchMinBytes();

        @WithName("fetch-max-wait")
        @WithDefault("500ms")
        Duration fetchMaxWait();

        @WithName("max-partition-fetch-bytes")
        @WithDefault("4194304")
        int maxPartitionFetchBytes();

        @WithName("auto-offset-reset")
        @WithDefault("earliest")
        String autoOffsetReset();

        /** How long a killed instance keeps its partitions. */
        @WithName("session-timeout")
        @WithDefault("45s")
        Duration sessionTimeout();

        @WithName("heartbeat-interval")
        @WithDefault("3s")
        Duration heartbeatInterval();

        /**
         * Longest pause between two polls before the group moves this instance's partitions elsewhere (a batch held
         * by a MongoDB outage counts). A write that would start later than half of it is fenced.
         */
        @WithName("max-poll-interval")
        @WithDefault("5m")
        Duration maxPollInterval();
    }

    interface Cardinality {
        /** {@code MONGO_INVENTORY_CARDINALITY_CAP}: endpoints admitted in this instance's view; 0 disables. */
        @WithDefault("100000")
        long cap();

        /** Endpoints one project may have; 0 disables. Keeps one noisy project from starving the others. */
        @WithName("project-budget")
        @WithDefault("10000")
        long projectBudget();
    }

    interface Read {
        /** Server-side time budget of one read-API query ({@code maxTimeMS}). */
        @WithName("query-timeout")
        @WithDefault("15s")
        Duration queryTimeout();

        /** Operations one OpenAPI export may hold; beyond it the export is truncated and says so. */
        @WithName("openapi-max-operations")
        @WithDefault("20000")
        int openapiMaxOperations();

        /** Documents one project-wide lens (risk summary, normalize gaps) reads at most. */
        @WithName("lens-max-documents")
        @WithDefault("20000")
        int lensMaxDocuments();
    }
}
