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

        /** TTL of api_events_raw in days; only applies when the table is created (env RETENTION_DAYS). */
        @WithDefault("7")
        int retentionDays();

        /**
         * Ask the server for LZ4-compressed responses ({@code compress=1}); turn off for an endpoint that cannot
         * produce them (env CLICKHOUSE_COMPRESS_SERVER_RESPONSE).
         */
        @WithDefault("true")
        boolean compressServerResponse();

        /** LZ4-compress insert bodies ({@code decompress=1}) (env CLICKHOUSE_COMPRESS_CLIENT_REQUEST). */
        @WithDefault("false")
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
