package dev.periscope.eventwriter.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** event-writer settings; application.properties maps the environment variables onto them. */
@ConfigMapping(prefix = "periscope.event-writer")
public interface EventWriterConfig {

    ClickHouse clickhouse();

    Retry retry();

    Batch batch();

    Kafka kafka();

    interface Batch {
        /** Rows-per-flush budget across shards (env BATCH_MAX_SIZE). */
        @WithDefault("20000")
        int maxSize();

        /** Byte budget per flush across shards, counted as record value bytes (env BATCH_MAX_BYTES). */
        @WithDefault("8388608")
        long maxBytes();

        /** Interval-triggered flush (env BATCH_FLUSH_INTERVAL). */
        @WithDefault("1s")
        Duration flushInterval();

        /** Records buffered across shards before consumption pauses (env BATCH_QUEUE_SIZE). */
        @WithDefault("20000")
        int queueSize();

        /** Parallel batchers; 0 = min(2 x cores, 8) (env BATCH_SHARDS). */
        @WithDefault("0")
        int shards();

        /** Caps the final flush at shutdown; 0 = unbounded (env BATCH_SHUTDOWN_DRAIN_TIMEOUT). */
        @WithDefault("20s")
        Duration shutdownDrainTimeout();
    }

    interface Kafka {
        @WithDefault("periscope.access.enriched.v1")
        String topic();

        /** Consumer group (env PERISCOPE_CONSUMER_GROUP). */
        @WithDefault("event-writer")
        String groupId();

        /**
         * Static group membership ({@code group.instance.id}): a restarted instance with the same id takes its
         * partitions back at once instead of after the session timeout. Must be unique per running instance.
         */
        Optional<String> groupInstanceId();

        /** Records per poll; also bounded by one shard's row budget. */
        @WithDefault("5000")
        int maxPollRecords();

        /** Broker waits for this many bytes (or fetch-max-wait) before answering a fetch. */
        @WithDefault("262144")
        int fetchMinBytes();

        @WithDefault("500ms")
        Duration fetchMaxWait();
    }

    interface ClickHouse {
        /** ClickHouse HTTP interface, {@code http(s)://[user:password@]host:port} (env CLICKHOUSE_URI). */
        @WithDefault("http://127.0.0.1:8123")
        String uri();

        /** Overrides the URI's user (env CLICKHOUSE_USERNAME). */
        Optional<String> username();

        /** Overrides the URI's password (env CLICKHOUSE_PASSWORD). */
        Optional<String> password();

        /** Database holding api_events_raw; created when missing (env CLICKHOUSE_DATABASE). */
        @WithDefault("periscope")
        String database();

        /** TTL of api_events_raw in days, applied to an existing table too (MODIFY TTL) (env RETENTION_DAYS). */
        @WithDefault("7")
        int retentionDays();

        /**
         * Ask the server for LZ4-compressed responses ({@code compress=1}); turn off for an endpoint that cannot
         * produce them (env CLICKHOUSE_COMPRESS_SERVER_RESPONSE).
         */
        @WithDefault("true")
        boolean compressServerResponse();

        /** LZ4-compress insert bodies ({@code decompress=1}) (env CLICKHOUSE_COMPRESS_CLIENT_REQUEST). */
        @WithDefault("true")
        boolean compressClientRequest();

        /** TCP connect budget (env CLICKHOUSE_CONNECT_TIMEOUT). */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Budget of one insert or DDL statement; an abandoned write counts as errors{op=timeout} (env CLICKHOUSE_WRITE_TIMEOUT). */
        @WithDefault("10s")
        Duration writeTimeout();
    }

    interface Retry {
        /** First delay after a retryable insert failure. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** Cap of the exponential back-off while ClickHouse is unavailable. */
        @WithDefault("30s")
        Duration maxBackoff();

        /** How long to wait for the broker to acknowledge one dead letter before retrying it. */
        @WithDefault("10s")
        Duration deadLetterTimeout();
    }
}
