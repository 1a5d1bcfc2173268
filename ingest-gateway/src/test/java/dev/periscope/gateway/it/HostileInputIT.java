package dev.periscope.gateway.it;

import static dev.periscope.gateway.it.Als.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.periscope.gateway.service.IngestAccountant;
import dev.periscope.gateway.service.IngestAccounting;
import dev.periscope.gateway.service.IngestMetrics;
import dev.periscope.model.Topics;
import dev.periscope.model.serde.AccessEventDeserializer;
import dev.periscope.model.testing.AccessEvents;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPAccessLogEntry;
import io.envoyproxy.envoy.service.accesslog.v3.AccessLogServiceGrpc;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsMessage;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Hostile ALS input against the real broker. After each case a normal stream is still accepted and counted, and
 * the books balance (received = published + dropped + queued + in flight). The test profile caps messages at
 * 1 MiB and connections at 4 s + 3 s grace, so the silent client is cut quickly.
 */
@QuarkusTest
@QuarkusTestResource(FreeGrpcPort.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {
    @Inject
    IngestMetrics metrics;

    @Inject
    IngestAccountant accountant;

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = channel();
    }

    @AfterEach
    void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    @Order(1)
    void streamWithoutIdentifierIsCountedMalformedAndStaysOpen() {
        long malformed = dropped("malformed");
        Status status = Als.await(Als.stream(channel, List.of(Als.http(null, 5, "/a"), Als.http(null, 3, "/b"))));

        assertThat(status.isOk()).isTrue();
        assertThat(dropped("malformed") - malformed).isEqualTo(8);
        normalStreamIsServedAndBooksBalance();
    }

    @Test
    @Order(2)
    void malformedAndOversizedNodeIdsAreCountedMalformed() {
        long malformed = dropped("malformed");
        List<String> nodeIds = List.of("", "no-separator", "::", "edge::", "::project", "edge ::acme",
                "edge::ac me", "edge::" + "p".repeat(100_000), "edge::acme::", "l".repeat(600) + "::acme");
        List<CompletableFuture<Status>> streams = new ArrayList<>();
        for (String nodeId : nodeIds) {
            streams.add(Als.stream(channel, List.of(Als.http(nodeId, 2, "/x"), Als.http(null, 1, "/y"))));
        }
        streams.forEach(s -> assertThat(Als.await(s).isOk()).isTrue());

        assertThat(dropped("malformed") - malformed).isEqualTo(3L * nodeIds.size());
        normalStreamIsServedAndBooksBalance();
    }

    @Test
    @Order(3)
    void hundredKilobytePathIsAcceptedAndPublished() {
        long received = metrics.receivedTotal();
        long published = metrics.publishedTotal();
        String path = "/" + "p".repeat(100 * 1024) + "?token=secret";
        Status status = Als.await(Als.stream(channel, List.of(Als.http(node("gw-hostile-path"), 1, path))));

        assertThat(status.isOk()).isTrue();
        assertThat(metrics.receivedTotal() - received).isEqualTo(1);
        await().atMost(BOUND).untilAsserted(() -> assertThat(metrics.publishedTotal() - published).isEqualTo(1));
        normalStreamIsServedAndBooksBalance();
    }

    @Test
    @Order(4)
    void twoThousandHeadersAreAccepted() {
        long received = metrics.receivedTotal();
        long published = metrics.publishedTotal();
        Status status = Als.await(Als.stream(channel,
                List.of(Als.message(node("gw-hostile-headers"), List.of(Als.withHeaders(2000))))));

        assertThat(status.isOk()).isTrue();
        assertThat(metrics.receivedTotal() - received).isEqualTo(1);
        await().atMost(BOUND).untilAsserted(() -> assertThat(metrics.publishedTotal() - published).isEqualTo(1));
        normalStreamIsServedAndBooksBalance();
    }

    @Test
    @Order(5)
    void messageOverTheSizeLimitFailsOnlyItsOwnStreamWithResourceExhausted() {
        long received = metrics.receivedTotal();
        Als.OpenStream survivor = Als.open(channel);
        survivor.requests().onNext(Als.http(node("gw-hostile-survivor"), 2, "/before"));

        String huge = "/" + "h".repeat(1_200_000); // the test profile caps messages at 1 MiB
        Status oversized = Als.await(Als.stream(channel, List.of(Als.http(node("gw-hostile-huge"), 1, huge))));
        assertThat(oversized.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);

        survivor.requests().onNext(Als.http(null, 2, "/after"));
        survivor.requests().onCompleted();
        assertThat(Als.await(survivor.status()).isOk()).isTrue();
        assertThat(metrics.receivedTotal() - received).isEqualTo(4);
        normalStreamIsServedAndBooksBalance();
    }

    @Test
    @Order(6)
    void bytesThatAreNotAMessageFailOnlyTheirStream() {
        // field 1 (identifier), length-delimited, claims 127 bytes and ends: not a StreamAccessLogsMessage
        CompletableFuture<Status> closed = rawStream(new byte[] {0x0A, 0x7F, 0x01, 0x02});

        assertThat(Als.await(closed).isOk()).isFalse();
        normalStreamIsServedAndBooksBalance();
    }

    @Test
    @Order(7)
    void invalidUtf8InAStringFieldIsRepairedNotRejected() {
        long received = metrics.receivedTotal();
        long published = metrics.publishedTotal();
        byte[] bytes = Als.http(node("gw-hostile-utf8"), 1, "/utf8/QQQQ").toByteArray();
        int at = indexOf(bytes, "QQQQ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        bytes[at] = (byte) 0xFF; // invalid UTF-8 inside request.path, same length
        bytes[at + 1] = (byte) 0xFE;

        assertThat(Als.await(rawStream(bytes)).isOk()).isTrue();
        assertThat(metrics.receivedTotal() - received).isEqualTo(1);
        await().atMost(BOUND).untilAsserted(() -> assertThat(metrics.publishedTotal() - published).isEqualTo(1));
        normalStreamIsServedAndBooksBalance();
    }

    @Test
    @Order(8)
    void twentyThousandDistinctPathsAreAcceptedAndCounted() {
        long received = metrics.receivedTotal();
        long published = metrics.publishedTotal();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<StreamAccessLogsMessage> messages = new ArrayList<>();
        for (int m = 0; m < 200; m++) {
            int base = m * 100;
            List<HTTPAccessLogEntry> entries = Als.entries(100, i -> "/flood/" + run + "/" + (base + i));
            messages.add(Als.message(m == 0 ? node("gw-hostile-flood") : null, entries));
        }
        assertThat(Als.await(Als.stream(channel, messages)).isOk()).isTrue();

        assertThat(metrics.receivedTotal() - received).isEqualTo(20_000);
        await().atMost(BOUND).untilAsserted(() -> assertThat(metrics.publishedTotal() - published)
                .isEqualTo(20_000));
        normalStreamIsServedAndBooksBalance();
    }

    @Test
    @Order(9)
    void hundredsOfConcurrentStreamsAreServed() {
        int streams = 300;
        long received = metrics.receivedTotal();
        int baseline = metrics.activeStreams();
        List<ManagedChannel> channels = List.of(channel(), channel(), channel());
        try {
            List<Als.OpenStream> open = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                Als.OpenStream stream = Als.open(channels.get(i % channels.size()));
                stream.requests().onNext(Als.http(node("gw-hostile-many"), 1, "/many/" + i));
                open.add(stream);
            }
            await().atMost(BOUND).untilAsserted(() -> assertThat(metrics.activeStreams())
                    .isGreaterThanOrEqualTo(baseline + streams));
            for (Als.OpenStream stream : open) {
                stream.requests().onNext(Als.http(null, 1, "/many/second"));
                stream.requests().onCompleted();
            }
            open.forEach(s -> assertThat(Als.await(s.status()).isOk()).isTrue());
            assertThat(metrics.receivedTotal() - received).isEqualTo(2L * streams);
            await().atMost(BOUND).untilAsserted(() -> assertThat(metrics.activeStreams()).isEqualTo(baseline));
        } finally {
            channels.forEach(ManagedChannel::shutdownNow);
        }
        normalStreamIsServedAndBooksBalance();
    }

    @Test
    @Order(10)
    void silentStreamsAreCutByTheConnectionAgeLimit() {
        int baseline = metrics.activeStreams();
        ManagedChannel silent = channel();
        try {
            List<Als.OpenStream> open = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                open.add(Als.open(silent)); // headers only, never a message
            }
            await().atMost(BOUND).untilAsserted(() -> assertThat(metrics.activeStreams()).isEqualTo(baseline + 50));
            // meanwhile others are served
            normalStreamIsServedAndBooksBalance();

            // max-connection-age 4 s (+-10% jitter) + grace 3 s in the test profile
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(metrics.activeStreams())
                    .isEqualTo(baseline));
            open.forEach(s -> assertThat(Als.await(s.status()).isOk()).isFalse());
        } finally {
            silent.shutdownNow();
        }
    }

    @Test
    @Order(11)
    void afterAllOfThemANormalStreamIsAcceptedCountedAndPublished() throws Exception {
        String project = AccessEvents.uniqueProjectId("gw-hostile-final");
        try (KafkaConsumer<String, byte[]> consumer = rawTopicConsumerAtEnd()) {
            long received = metrics.receivedTotal();
            Status status = Als.await(Als.stream(channel, List.of(Als.http("edge::" + project, 4, "/final"),
                    Als.http(null, 3, "/final/2"))));
            assertThat(status.isOk()).isTrue();
            assertThat(metrics.receivedTotal() - received).isEqualTo(7);

            Set<String> ids = new HashSet<>();
            await().atMost(BOUND).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try (AccessEventDeserializer deserializer = new AccessEventDeserializer()) {
                        var event = deserializer.deserialize(record.topic(), record.value());
                        if (event.getProjectId().equals(project)) {
                            ids.add(event.getEventId());
                        }
                    }
                }
                assertThat(ids).hasSize(7);
            });
        }
        booksBalance();
    }

    // ---------------------------------------------------------------- helpers

    /** One message of raw bytes on a new stream (a byte[] marshaller: what no protobuf stub would send). */
    private CompletableFuture<Status> rawStream(byte[] message) {
        MethodDescriptor<byte[], byte[]> raw = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.CLIENT_STREAMING)
                .setFullMethodName(AccessLogServiceGrpc.getStreamAccessLogsMethod().getFullMethodName())
                .setRequestMarshaller(new Bytes()).setResponseMarshaller(new Bytes()).build();
        CompletableFuture<Status> closed = new CompletableFuture<>();
        ClientCall<byte[], byte[]> call = channel.newCall(raw, CallOptions.DEFAULT);
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onClose(Status status, Metadata trailers) {
                closed.complete(status);
            }
        }, new Metadata());
        call.request(1);
        call.sendMessage(message);
        call.halfClose();
        return closed;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("marker not found");
    }

    private void normalStreamIsServedAndBooksBalance() {
        long received = metrics.receivedTotal();
        long published = metrics.publishedTotal();
        ManagedChannel fresh = channel();
        try {
            Status status = Als.await(Als.stream(fresh, List.of(Als.http(node("gw-hostile-normal"), 3, "/ok"))));
            assertThat(status.isOk()).isTrue();
        } finally {
            fresh.shutdownNow();
        }
        assertThat(metrics.receivedTotal() - received).isEqualTo(3);
        await().atMost(BOUND).untilAsserted(() -> assertThat(metrics.publishedTotal() - published)
                .isGreaterThanOrEqualTo(3));
        booksBalance();
    }

    private void booksBalance() {
        await().atMost(BOUND).untilAsserted(() -> {
            IngestAccounting books = accountant.snapshot();
            assertThat(books.queued() + books.inFlight()).as("%s", books).isZero();
            assertThat(books.unaccounted()).as("%s", books).isZero();
        });
    }

    private long dropped(String reason) {
        return metrics.droppedTotals().getOrDefault(reason, 0L);
    }

    private static String node(String prefix) {
        return "edge::" + AccessEvents.uniqueProjectId(prefix);
    }

    private static ManagedChannel channel() {
        int port = ConfigProvider.getConfig().getValue(FreeGrpcPort.PROPERTY, Integer.class);
        return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    private static KafkaConsumer<String, byte[]> rawTopicConsumerAtEnd() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "gateway-hostile-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = kafka.partitionsFor(Topics.ACCESS_RAW, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        kafka.assign(partitions);
        kafka.seekToEnd(partitions);
        partitions.forEach(kafka::position);
        return kafka;
    }

    /** Raw bytes, unparsed: lets the test send what no protobuf stub would. */
    private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
