package dev.periscope.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.envoyproxy.envoy.service.accesslog.v3.AccessLogServiceGrpc;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsMessage;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsResponse;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.stub.StreamObserver;

/** The client against a real grpc-java ALS server on an ephemeral loopback port. */
class EnvoyAlsClientTest {
    private final Map<String, AtomicInteger> entriesByNode = new ConcurrentHashMap<>();
    private final AtomicInteger identifiers = new AtomicInteger();
    private Server server;

    @BeforeEach
    void startServer() throws Exception {
        server = ServerBuilder.forPort(0).addService(new AccessLogServiceGrpc.AccessLogServiceImplBase() {
            @Override
            public StreamObserver<StreamAccessLogsMessage> streamAccessLogs(
                    StreamObserver<StreamAccessLogsResponse> responses) {
                return new StreamObserver<>() {
                    private String node;

                    @Override
                    public void onNext(StreamAccessLogsMessage message) {
                        if (message.hasIdentifier()) {
                            identifiers.incrementAndGet();
                            node = message.getIdentifier().getNode().getId();
                        }
                        entriesByNode.computeIfAbsent(node, n -> new AtomicInteger()).addAndGet(
                                message.getHttpLogs().getLogEntryCount() + message.getTcpLogs().getLogEntryCount());
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onCompleted() {
                        responses.onNext(StreamAccessLogsResponse.getDefaultInstance());
                        responses.onCompleted();
                    }
                };
            }
        }).build().start();
    }

    @AfterEach
    void stopServer() {
        server.shutdownNow();
    }

    @Test
    void sendsEveryStreamAndReturnsWhenTheServerClosedThem() {
        DemoTraffic.Plan plan = DemoTraffic.build(DemoTraffic.Options.defaults().withEntries(1000).withStreams(6)
                .withBatchSize(25));

        EnvoyAlsClient.SendResult result;
        try (EnvoyAlsClient client = EnvoyAlsClient.connect("127.0.0.1:" + server.getPort())) {
            result = client.send(plan.streams(), Duration.ofSeconds(30));
        }

        assertThat(result.streams()).isEqualTo(6);
        assertThat(result.entries()).isEqualTo(1000);
        assertThat(result.messages()).isEqualTo(plan.summary().messages());
        assertThat(identifiers.get()).isEqualTo(6);
        assertThat(entriesByNode.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(1000);
    }
}
