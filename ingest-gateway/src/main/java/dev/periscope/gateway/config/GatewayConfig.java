package dev.periscope.gateway.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** ingest-gateway settings ({@code periscope.gateway.*}, env {@code PERISCOPE_GATEWAY_*}). */
@ConfigMapping(prefix = "periscope.gateway")
public interface GatewayConfig {

    /** Query parameter names kept per event (names only, values are never kept); further names are ignored. */
    @WithName("max-query-params")
    @WithDefault("50")
    int maxQueryParams();

    /** Request headers whose presence sets auth_observed; their values never leave the gateway. */
    @WithName("auth-headers")
    @WithDefault("authorization,proxy-authorization,x-api-key,x-auth-token")
    List<String> authHeaders();

    Publisher publisher();

    interface Publisher {
        /** Events waiting for the Kafka producer; when full, new events are dropped and counted (backpressure). */
        @WithName("queue-size")
        @WithDefault("20000")
        int queueSize();

        /** How long shutdown waits for queued and in-flight events to reach Kafka before closing the producer. */
        @WithName("drain-timeout")
        @WithDefault("10s")
        Duration drainTimeout();

        /** Producer linger: how long a batch waits for more records. */
        @WithDefault("5ms")
        Duration linger();

        /** Producer compression codec (none, gzip, snappy, lz4, zstd). */
        @WithDefault("lz4")
        String compression();

        /** Longest a send may wait for metadata or buffer space (on the publisher thread, never on Envoy's). */
        @WithName("max-block")
        @WithDefault("5s")
        Duration maxBlock();

        /** Overall budget for one record including the producer's retries; past it the event is a counted drop. */
        @WithName("delivery-timeout")
        @WithDefault("120s")
        Duration deliveryTimeout();
    }
}
