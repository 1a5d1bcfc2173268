package dev.periscope.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * ingest-gateway settings ({@code periscope.gateway.*}, env {@code PERISCOPE_GATEWAY_*}). application.properties
 * maps the seed's environment names onto them ({@code BATCH_QUEUE_SIZE}, {@code PERISCOPE_GRPC_*}, …).
 */
@ConfigMapping(prefix = "periscope.gateway")
public interface GatewayConfig {

    /** Request headers whose presence sets auth_observed; their values never leave the gateway. */
    @WithName("auth-headers")
    @WithDefault("authorization,proxy-authorization,x-api-key,x-auth-token")
    List<String> authHeaders();

    /** Whole shutdown budget (SIGTERM → exit): stop accepting, drain the queue, flush and close the producer. */
    @WithName("shutdown-timeout")
    @WithDefault("30s")
    Duration shutdownTimeout();

    Publisher publisher();

    Grpc grpc();

    interface Publisher {
        /** The raw topic. Only benchmarks change it (they must not fill the pipeline's topic). */
        @WithName("raw-topic")
        @WithDefault("periscope.access.raw.v1")
        String rawTopic();

        /** Entries waiting for the Kafka producer; what happens when it is full is the back-pressure policy. */
        @WithName("queue-size")
        @WithDefault("20000")
        int queueSize();

        /** drop_new (refuse the new entry), drop_old (evict the oldest) or block (slow the stream via flow control). */
        @WithName("backpressure-policy")
        @WithDefault("drop_new")
        String backpressurePolicy();

        /** Shutdown budget to hand queued entries to the producer; kept shorter than the shutdown timeout. */
        @WithName("drain-timeout")
        @WithDefault("20s")
        Duration drainTimeout();

        /** The oldest queued entry waiting longer than this makes /readyz not ready (Kafka cannot keep up or is down). */
        @WithName("stall-threshold")
        @WithDefault("10s")
        Duration stallThreshold();

        /** Longest pause between attempts of a send the producer refused up front (no metadata, buffer full). */
        @WithName("retry-backoff-max")
        @WithDefault("5s")
        Duration retryBackoffMax();

        /** Producer linger.ms: how long a batch waits for more records. */
        @WithDefault("5ms")
        Duration linger();

        /** Producer batch.size in bytes (per partition). */
        @WithName("batch-size")
        @WithDefault("65536")
        int batchSize();

        /** Producer buffer.memory in bytes: records handed over and not yet acknowledged. */
        @WithName("buffer-memory")
        @WithDefault("33554432")
        long bufferMemory();

        /** Producer compression codec (none, gzip, snappy, lz4, zstd). */
        @WithDefault("lz4")
        String compression();

        /** Longest a send may wait for metadata or buffer space (on the publisher thread, never on Envoy's). */
        @WithName("max-block")
        @WithDefault("5s")
        Duration maxBlock();

        /** Overall budget for one record including the producer's retries; past it the entry is a counted drop. */
        @WithName("delivery-timeout")
        @WithDefault("120s")
        Duration deliveryTimeout();
    }

    /** The ALS gRPC server (Netty) beyond host/port, which are Quarkus' own keys. */
    interface Grpc {
        /** Largest ALS message; a larger one fails its stream with RESOURCE_EXHAUSTED. */
        @WithName("max-recv-msg-size")
        @WithDefault("16777216")
        int maxRecvMsgSize();

        /** HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS advertised per connection (further calls wait at the client). */
        @WithName("max-concurrent-streams")
        @WithDefault("4096")
        int maxConcurrentStreams();

        /** Socket receive buffer (SO_RCVBUF) per connection, bytes; 0 leaves the OS default. */
        @WithName("read-buffer-size")
        @WithDefault("65536")
        int readBufferSize();

        /** Socket send buffer (SO_SNDBUF) per connection, bytes; 0 leaves the OS default. */
        @WithName("write-buffer-size")
        @WithDefault("65536")
        int writeBufferSize();

        /** A connection older than this gets GOAWAY (Envoy reconnects); bounds slow or stuck clients. */
        @WithName("max-connection-age")
        @WithDefault("30m")
        Duration maxConnectionAge();

        /** After GOAWAY, how long open streams may finish before the connection is cut. */
        @WithName("max-connection-age-grace")
        @WithDefault("30s")
        Duration maxConnectionAgeGrace();

        /** A connection without any open stream for this long is closed. */
        @WithName("max-connection-idle")
        @WithDefault("15m")
        Duration maxConnectionIdle();

        /** Server keep-alive ping after this much read inactivity. */
        @WithName("keep-alive-time")
        @WithDefault("2h")
        Duration keepAliveTime();

        /** A keep-alive ping unanswered for this long closes the connection. */
        @WithName("keep-alive-timeout")
        @WithDefault("20s")
        Duration keepAliveTimeout();

        /** Most aggressive client keep-alive allowed; clients pinging faster get GOAWAY (ENHANCE_YOUR_CALM). */
        @WithName("permit-keep-alive-time")
        @WithDefault("5m")
        Duration permitKeepAliveTime();

        /** Whether clients may ping while no stream is open. */
        @WithName("permit-keep-alive-without-calls")
        @WithDefault("false")
        boolean permitKeepAliveWithoutCalls();

        Tls tls();
    }

    interface Tls {
        /** PEM server certificate (chain); cert + key enable TLS on the ALS port. */
        @WithName("cert-file")
        Optional<String> certFile();

        /** PEM private key of the server certificate (PKCS#8). */
        @WithName("key-file")
        Optional<String> keyFile();

        /** PEM CA bundle; when set, every client must present a certificate it signed (mTLS). */
        @WithName("client-ca-file")
        Optional<String> clientCaFile();
    }
}
