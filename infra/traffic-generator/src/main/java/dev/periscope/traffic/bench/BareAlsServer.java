package dev.periscope.traffic.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpServer;

import io.envoyproxy.envoy.service.accesslog.v3.AccessLogServiceGrpc;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsMessage;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsResponse;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

/**
 * The benchmark's "bare ceiling": a grpc-java ALS v3 server that only parses each message into a
 * {@link StreamAccessLogsMessage} and counts its entries — no mapping, no queue, no Kafka. Handlers run on the Netty
 * event loops (direct executor), like the gateway's. It exposes the gateway's metric names on a small
 * {@code /metrics} endpoint, so {@link GatewayLoad} scrapes both the same way: {@code periscope_events_received_total}
 * (entries parsed), {@code periscope_events_published_total} (the same count: nothing is forwarded, every parsed entry
 * is "accepted"), {@code periscope_events_dropped_total{reason="malformed"}} (messages that did not parse, counted as
 * messages) and {@code periscope_event_processing_duration_seconds} (parse + count, per message).
 * <p>
 * {@code java -cp traffic-generator.jar dev.periscope.traffic.bench.BareAlsServer [--port 28190] [--metrics-port 28191]
 * [--host 127.0.0.1]}
 */
public final class BareAlsServer implements AutoCloseable {
    private static final byte[] EMPTY_RESPONSE = StreamAccessLogsResponse.getDefaultInstance().toByteArray();

    private final LongAdder entries = new LongAdder();
    private final LongAdder messages = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final Histogram processing = new Histogram();
    private final Forward forward;
    private final Server grpc;
    private final HttpServer http;

    public BareAlsServer(String host, int port, int metricsPort) throws IOException {
        this(host, port, metricsPort, null);
    }

    /**
     * A server that forwards instead of only counting: it parses each message its own way and sends its entries on
     * (the forwarding floor, {@code infra/bench/ForwardingFloor.java}, parses with the gateway's own parser and sends
     * one Kafka record per entry). Runs on the event loop.
     */
    public interface Forward {
        /** @return the message's entries, all handed on */
        int accept(byte[] message) throws InvalidProtocolBufferException;

        /** Entries the sink acknowledged (reported as {@code published}). */
        long published();

        /** Entries the sink failed (reported as dropped, {@code publish_failed}). */
        long failed();
    }

    /** @param forward null: parse and count only (the bare ceiling); published = parsed */
    public BareAlsServer(String host, int port, int metricsPort, Forward forward) throws IOException {
        this.forward = forward;
        ServerServiceDefinition service = ServerServiceDefinition.builder(AccessLogServiceGrpc.SERVICE_NAME)
                .addMethod(RawAls.STREAM_ACCESS_LOGS, ServerCalls.asyncClientStreamingCall(this::stream))
                .build();
        this.grpc = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                .directExecutor()
                .maxInboundMessageSize(16 * 1024 * 1024)
                .addService(service)
                .build()
                .start();
        this.http = HttpServer.create(new InetSocketAddress(host, metricsPort), 16);
        http.createContext("/metrics", exchange -> {
            byte[] body = metrics().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
    }

    public int port() {
        return grpc.getPort();
    }

    public int metricsPort() {
        return http.getAddress().getPort();
    }

    /** Blocks until the gRPC server terminated (after {@link #close}). */
    public void awaitTermination() throws InterruptedException {
        grpc.awaitTermination();
    }

    public long entries() {
        return entries.sum();
    }

    private StreamObserver<byte[]> stream(StreamObserver<byte[]> responses) {
        return new StreamObserver<>() {
            @Override
            public void onNext(byte[] bytes) {
                long started = System.nanoTime();
                try {
                    if (forward != null) {
                        entries.add(forward.accept(bytes));
                    } else {
                        StreamAccessLogsMessage message = StreamAccessLogsMessage.parseFrom(bytes);
                        entries.add(message.getHttpLogs().getLogEntryCount() + message.getTcpLogs().getLogEntryCount());
                    }
                    messages.increment();
                } catch (InvalidProtocolBufferException e) {
                    malformed.increment();
                }
                processing.recordNanos(System.nanoTime() - started);
            }

            @Override
            public void onError(Throwable t) {
                // client went away; nothing to answer
            }

            @Override
            public void onCompleted() {
                responses.onNext(EMPTY_RESPONSE);
                responses.onCompleted();
            }
        };
    }

    String metrics() {
        long parsed = entries.sum();
        long published = forward == null ? parsed : forward.published();
        long failed = forward == null ? 0 : forward.failed();
        return "# TYPE periscope_events_received_total counter\n"
                + "periscope_events_received_total{protocol=\"any\"} " + parsed + "\n"
                + "# TYPE periscope_events_published_total counter\n"
                + "periscope_events_published_total " + published + "\n"
                + "# TYPE periscope_events_dropped_total counter\n"
                + "periscope_events_dropped_total{reason=\"malformed\"} " + malformed.sum() + "\n"
                + "periscope_events_dropped_total{reason=\"publish_failed\"} " + failed + "\n"
                + "# TYPE periscope_bare_messages_total counter\n"
                + "periscope_bare_messages_total " + messages.sum() + "\n"
                + processing.render(PromSnapshot.PROCESSING, "Parse one ALS message and count its entries");
    }

    @Override
    public void close() {
        http.stop(0);
        grpc.shutdown();
        try {
            if (!grpc.awaitTermination(5, TimeUnit.SECONDS)) {
                grpc.shutdownNow();
            }
        } catch (InterruptedException e) {
            grpc.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 28190;
        int metricsPort = 28191;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--metrics-port" -> metricsPort = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: BareAlsServer [--port 28190] [--metrics-port 28191] [--host 127.0.0.1]");
                    System.exit(2);
                }
            }
        }
        BareAlsServer server = new BareAlsServer(host, port, metricsPort);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "bare-als-shutdown"));
        System.out.printf("bare ALS server: grpc %d, metrics http://%s:%d/metrics%n", server.port(), host,
                server.metricsPort());
        server.awaitTermination();
    }
}
