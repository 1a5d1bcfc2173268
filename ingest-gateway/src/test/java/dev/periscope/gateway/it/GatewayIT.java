package dev.periscope.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.Timestamp;
import com.google.protobuf.UInt32Value;

import dev.periscope.gateway.service.IngestMetrics;
import dev.periscope.kit.health.ServiceHealth;
import dev.periscope.model.CloudEventHeaders;
import dev.periscope.model.RecordKeys;
import dev.periscope.model.Topics;
import dev.periscope.model.serde.AccessEventDeserializer;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.core.v3.RequestMethod;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.data.accesslog.v3.AccessLogCommon;
import io.envoyproxy.envoy.data.accesslog.v3.ConnectionProperties;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPAccessLogEntry;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPRequestProperties;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPResponseProperties;
import io.envoyproxy.envoy.data.accesslog.v3.TCPAccessLogEntry;
import io.envoyproxy.envoy.service.accesslog.v3.AccessLogServiceGrpc;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsMessage;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsResponse;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The gateway against the real Kafka broker; a grpc-java client plays Envoy. */
@QuarkusTest
@QuarkusTestResource(FreeGrpcPort.class)
class GatewayIT {
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Inject
    MeterRegistry registry;

    @Inject
    ServiceHealth health;

    private ManagedChannel channel;
    private KafkaConsumer<String, byte[]> consumer;

    @BeforeEach
    void connect() {
        int port = ConfigProvider.getConfig().getValue(FreeGrpcPort.PROPERTY, Integer.class);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        consumer = rawTopicConsumerAtEnd();
    }

    @AfterEach
    void close() throws InterruptedException {
        consumer.close();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void publishesEveryEntryOfIdentifiedStreamsAndCountsMalformedStreamAsDrops() throws Exception {
        String edgeProject = AccessEvents.uniqueProjectId("gw-it-edge");
        String meshProject = AccessEvents.uniqueProjectId("gw-it-mesh");
        String badNode = "bad-node-without-separator-" + UUID.randomUUID();
        double malformedBefore = counter(IngestMetrics.DROPPED, "reason", "malformed");
        double publishedBefore = counter(IngestMetrics.PUBLISHED, null, null);

        // edge: identifier + 5 entries, then batches of 10 and 10 (HTTP), then a TCP message => 26 entries
        List<StreamAccessLogsMessage> edge = List.of(
                http(identifier("public-edge::" + edgeProject + "::10.0.1.42"), 5, "/api/v1/users/7?page=1"),
                http(null, 10, "/api/v1/orders"),
                http(null, 10, "/api/v1/items"), // not /healthz: the default runtime policy drops probe noise
                tcp());
        // mesh: identifier only (no entries yet), then 3 + 7 entries, one gRPC batch => 10 entries
        List<StreamAccessLogsMessage> mesh = List.of(
                StreamAccessLogsMessage.newBuilder().setIdentifier(identifier("internal-mesh::" + meshProject))
                        .build(),
                http(null, 3, "/api/v1/stock"),
                grpc(7));
        // malformed: 4 + 4 entries, every one a counted drop; the stream still completes normally
        List<StreamAccessLogsMessage> malformed = List.of(
                http(identifier(badNode), 4, "/api/v1/x"),
                http(null, 4, "/api/v1/y"));

        CompletableFuture<Void> edgeDone = stream(edge);
        CompletableFuture<Void> meshDone = stream(mesh);
        CompletableFuture<Void> badDone = stream(malformed);
        CompletableFuture.allOf(edgeDone, meshDone, badDone).get(BOUND.toSeconds(), TimeUnit.SECONDS);

        List<ConsumerRecord<String, byte[]>> edgeRecords = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> meshRecords = new ArrayList<>();
        await().atMost(BOUND).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                String project = event(record).getProjectId();
                if (project.equals(edgeProject)) {
                    edgeRecords.add(record);
                } else if (project.equals(meshProject)) {
                    meshRecords.add(record);
                }
            }
            assertThat(edgeRecords).hasSizeGreaterThanOrEqualTo(26);
            assertThat(meshRecords).hasSizeGreaterThanOrEqualTo(10);
        });
        // the counts are exact: nothing more arrives for these projects (no duplicates from the idempotent producer)
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
            String project = event(record).getProjectId();
            assertThat(project).isNotIn(edgeProject, meshProject);
        }
        assertThat(edgeRecords).hasSize(26);
        assertThat(meshRecords).hasSize(10);

        List<AccessEvent> edgeEvents = edgeRecords.stream().map(GatewayIT::event).toList();
        assertThat(edgeEvents).allSatisfy(e -> {
            assertThat(e.getListenerName()).isEqualTo("public-edge");
            assertThat(e.getListenerIp()).isEqualTo("10.0.1.42");
            assertThat(e.getLogName()).isEqualTo("periscope");
            assertThat(e.getInstanceId()).isEqualTo("gw-test");
            assertThat(e.getPath()).doesNotContain("?");
        });
        assertThat(countBy(edgeEvents, AccessEvent::getProtocol)).containsExactlyInAnyOrderEntriesOf(
                Map.of("http/1.1", 25L, "tcp", 1L));
        assertThat(countBy(edgeEvents, AccessEvent::getPath)).containsExactlyInAnyOrderEntriesOf(
                Map.of("/api/v1/users/7", 5L, "/api/v1/orders", 10L, "/api/v1/items", 10L, "", 1L));
        assertThat(edgeEvents).filteredOn(e -> e.getPath().equals("/api/v1/users/7"))
                .allSatisfy(e -> assertThat(e.getQueryParamNamesList()).containsExactly("page"));
        assertThat(edgeEvents.stream().map(AccessEvent::getEventId).distinct()).hasSize(26);

        List<AccessEvent> meshEvents = meshRecords.stream().map(GatewayIT::event).toList();
        assertThat(meshEvents).allSatisfy(e -> {
            assertThat(e.getListenerName()).isEqualTo("internal-mesh");
            assertThat(e.getListenerIp()).isEmpty();
        });
        assertThat(meshEvents).filteredOn(e -> !e.getGrpcService().isEmpty()).hasSize(7).allSatisfy(e -> {
            assertThat(e.getProtocol()).isEqualTo("http/2");
            assertThat(e.getGrpcService()).isEqualTo("initech.orders.v1.OrderService");
            assertThat(e.getGrpcMethod()).isEqualTo("CreateOrder");
            assertThat(e.getGrpcStatus()).isEqualTo(3);
            assertThat(e.getGrpcMessage()).isEqualTo("customer_id is required");
        });

        for (ConsumerRecord<String, byte[]> record : edgeRecords) {
            AccessEvent event = event(record);
            assertThat(record.key()).isEqualTo(RecordKeys.rawKey(event));
            assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(CloudEventHeaders.TYPE_ACCESS_RAW);
            assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/ingest-gateway/gw-test");
            assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(event.getEventId());
            assertThat(header(record, CloudEventHeaders.TIME)).isNotBlank();
            assertThat(header(record, CloudEventHeaders.CONTENT_TYPE))
                    .isEqualTo(CloudEventHeaders.PROTOBUF_CONTENT_TYPE);
        }

        assertThat(counter(IngestMetrics.DROPPED, "reason", "malformed") - malformedBefore).isEqualTo(8);
        assertThat(counter(IngestMetrics.PUBLISHED, null, null) - publishedBefore).isEqualTo(36);
        await().atMost(BOUND).untilAsserted(() -> assertThat(activeStreams()).isZero());
    }

    @Test
    void cancelledStreamIsForgotten() throws Exception {
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        ClientCallStreamObserver<StreamAccessLogsMessage> requests = (ClientCallStreamObserver<StreamAccessLogsMessage>)
                AccessLogServiceGrpc.newStub(channel).streamAccessLogs(new StreamObserver<>() {
                    @Override
                    public void onNext(StreamAccessLogsResponse value) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        failed.complete(t);
                    }

                    @Override
                    public void onCompleted() {
                        failed.complete(null);
                    }
                });
        requests.onNext(http(identifier("public-edge::" + AccessEvents.uniqueProjectId("gw-it-cancel")), 1, "/a"));
        await().atMost(BOUND).untilAsserted(() -> assertThat(activeStreams()).isEqualTo(1));

        requests.cancel("Envoy went away", null);

        await().atMost(BOUND).untilAsserted(() -> assertThat(activeStreams()).isZero());
        assertThat(failed.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void healthReportCarriesGatewayFactsAndKafkaIsUp() {
        await().atMost(BOUND).untilAsserted(() -> assertThat(health.ready()).isTrue());
        var facts = health.report().getFactsMap();

        assertThat(facts.get("grpc.tls.enabled").getBoolValue()).isFalse();
        assertThat(facts.get("gateway.backpressure_policy").getStringValue()).isEqualTo("drop_new");
        assertThat(facts.get("kafka.producer.idempotent").getBoolValue()).isTrue();
        assertThat(health.report().getService()).isEqualTo("ingest-gateway");
    }

    // ---------------------------------------------------------------- helpers

    private CompletableFuture<Void> stream(List<StreamAccessLogsMessage> messages) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        StreamObserver<StreamAccessLogsMessage> requests = AccessLogServiceGrpc.newStub(channel)
                .streamAccessLogs(new StreamObserver<>() {
                    @Override
                    public void onNext(StreamAccessLogsResponse value) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(null);
                    }
                });
        messages.forEach(requests::onNext);
        requests.onCompleted();
        return done;
    }

    private KafkaConsumer<String, byte[]> rawTopicConsumerAtEnd() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "gateway-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = kafka.partitionsFor(Topics.ACCESS_RAW, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        kafka.assign(partitions);
        kafka.seekToEnd(partitions);
        partitions.forEach(kafka::position); // resolve the end offsets now, before anything is sent
        return kafka;
    }

    private static AccessEvent event(ConsumerRecord<String, byte[]> record) {
        try (AccessEventDeserializer deserializer = new AccessEventDeserializer()) {
            return deserializer.deserialize(record.topic(), record.value());
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return CloudEventHeaders.read(record.headers(), name).orElse(null);
    }

    private static <K> Map<K, Long> countBy(Collection<AccessEvent> events,
            java.util.function.Function<AccessEvent, K> key) {
        return events.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }

    private double counter(String name, String tag, String value) {
        var search = registry.find(name);
        if (tag != null) {
            search = search.tag(tag, value);
        }
        var counter = search.functionCounter();
        return counter == null ? 0 : counter.count();
    }

    private double activeStreams() {
        return registry.get(IngestMetrics.ACTIVE_STREAMS).gauge().value();
    }

    private static StreamAccessLogsMessage.Identifier identifier(String nodeId) {
        return StreamAccessLogsMessage.Identifier.newBuilder()
                .setNode(Node.newBuilder().setId(nodeId).setCluster("envoy")).setLogName("periscope").build();
    }

    private static AccessLogCommon.Builder common() {
        long now = System.currentTimeMillis();
        return AccessLogCommon.newBuilder()
                .setStartTime(Timestamp.newBuilder().setSeconds(now / 1000).setNanos((int) (now % 1000) * 1_000_000))
                .setDownstreamRemoteAddress(Address.newBuilder().setSocketAddress(
                        SocketAddress.newBuilder().setAddress("203.0.113.7").setPortValue(40000)));
    }

    private static StreamAccessLogsMessage http(StreamAccessLogsMessage.Identifier identifier, int entries,
            String path) {
        StreamAccessLogsMessage.Builder message = StreamAccessLogsMessage.newBuilder();
        if (identifier != null) {
            message.setIdentifier(identifier);
        }
        for (int i = 0; i < entries; i++) {
            message.getHttpLogsBuilder().addLogEntry(HTTPAccessLogEntry.newBuilder()
                    .setProtocolVersion(HTTPAccessLogEntry.HTTPVersion.HTTP11)
                    .setCommonProperties(common())
                    .setRequest(HTTPRequestProperties.newBuilder().setRequestMethod(RequestMethod.GET)
                            .setAuthority("api.example.test").setPath(path).setUserAgent("curl/8.5.0"))
                    .setResponse(HTTPResponseProperties.newBuilder().setResponseCode(UInt32Value.of(200))));
        }
        return message.build();
    }

    private static StreamAccessLogsMessage grpc(int entries) {
        StreamAccessLogsMessage.Builder message = StreamAccessLogsMessage.newBuilder();
        for (int i = 0; i < entries; i++) {
            message.getHttpLogsBuilder().addLogEntry(HTTPAccessLogEntry.newBuilder()
                    .setProtocolVersion(HTTPAccessLogEntry.HTTPVersion.HTTP2)
                    .setCommonProperties(common())
                    .setRequest(HTTPRequestProperties.newBuilder().setRequestMethod(RequestMethod.POST)
                            .setAuthority("grpc.initech.example")
                            .setPath("/initech.orders.v1.OrderService/CreateOrder"))
                    .setResponse(HTTPResponseProperties.newBuilder().setResponseCode(UInt32Value.of(200))
                            .putResponseHeaders("content-type", "application/grpc")
                            .putResponseTrailers("grpc-status", "3")
                            .putResponseTrailers("grpc-message", "customer_id%20is%20required")));
        }
        return message.build();
    }

    private static StreamAccessLogsMessage tcp() {
        return StreamAccessLogsMessage.newBuilder().setTcpLogs(StreamAccessLogsMessage.TCPAccessLogEntries.newBuilder()
                .addLogEntry(TCPAccessLogEntry.newBuilder().setCommonProperties(common())
                        .setConnectionProperties(ConnectionProperties.newBuilder().setReceivedBytes(10)
                                .setSentBytes(20))))
                .build();
    }
}
