package dev.periscope.enricher.messaging;

import dev.periscope.model.testing.KafkaTestSupport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.periscope.kit.config.InstanceIdentity;
import dev.periscope.kit.messaging.DeadLetterPublisher;
import dev.periscope.model.CloudEventHeaders;
import dev.periscope.model.InventoryKey;
import dev.periscope.model.RecordKeys;
import dev.periscope.model.SaltedHasher;
import dev.periscope.model.Topics;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;
import dev.periscope.model.v1.EventStage;
import io.quarkus.test.junit.QuarkusTest;

/** The enricher end to end on the real local broker: raw in, enriched and dead letters out. */
@QuarkusTest
class EnricherIT {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "periscope.enricher.kafka.group-id")
    String groupId;

    @Inject
    InstanceIdentity identity;

    @Inject
    SaltedHasher hasher;

    @Test
    void enrichesRawEventsAndDeadLettersPoison() throws Exception {
        String project = AccessEvents.uniqueProjectId("enricher-it");
        List<AccessEvent> raw = new ArrayList<>();
        String[] paths = {"/users/1", "/users/2", "/orders/665f1c2ab9e04d7a1c3e9f10", "/health"};
        for (int i = 0; i < 20; i++) {
            raw.add(AccessEvents.rawHttp(project, i % 3 == 0 ? "POST" : "GET", paths[i % paths.length], 200 + i % 2)
                    .setSourceIp("203.0.113." + i).build());
        }
        byte[] poisonKey = ("poison-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        byte[] poison = "not a protobuf \u00ff\u00fe".getBytes(StandardCharsets.UTF_8);

        awaitFlowing();
        try (var enriched = new KafkaTestSupport.TopicTail(bootstrap, Topics.ACCESS_ENRICHED);
                var dlq = new KafkaTestSupport.TopicTail(bootstrap, Topics.ACCESS_DLQ);
                KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap)) {
            for (int i = 0; i < raw.size(); i++) {
                AccessEvent event = raw.get(i);
                producer.send(new ProducerRecord<>(Topics.ACCESS_RAW, key(event), event.toByteArray()));
                if (i == raw.size() / 2) {
                    producer.send(new ProducerRecord<>(Topics.ACCESS_RAW, poisonKey, poison));
                }
            }
            producer.flush();

            List<ConsumerRecord<byte[], byte[]>> ours = new ArrayList<>();
            await("enriched records of " + project).atMost(BOUND).until(() -> {
                ours.clear();
                ours.addAll(enriched.poll().stream().filter(r -> fromThisInstance(r, project)).toList());
                return ours.size() >= raw.size();
            });
            List<ConsumerRecord<byte[], byte[]>> poisoned = new ArrayList<>();
            await("dead letter").atMost(BOUND).until(() -> {
                poisoned.clear();
                poisoned.addAll(dlq.poll().stream().filter(r -> java.util.Arrays.equals(r.key(), poisonKey)).toList());
                return !poisoned.isEmpty();
            });
            // a short grace poll: nothing beyond the exact count may arrive
            enriched.poll();
            ours.clear();
            ours.addAll(enriched.poll().stream().filter(r -> fromThisInstance(r, project)).toList());

            assertThat(ours).hasSize(raw.size());
            assertEnriched(raw, ours);
            assertDeadLetter(poisoned, poison);
        }
    }

    @Test
    void classificationTravelsThroughKafka() throws Exception {
        String project = AccessEvents.uniqueProjectId("enricher-it-classify");
        AccessEvent scanner = AccessEvents.rawHttp(project, "GET", "/admin/users/42", 403)
                .setUserAgent("sqlmap/1.7.2#stable (https://sqlmap.org)").build();
        AccessEvent checkout = AccessEvents.rawHttp(project, "POST", "/api/v1/payments/checkout", 201)
                .setAuthObserved(true).addAuthHints("bearer").setConsumerHash("0123456789abcdef")
                .setConsumerScheme("jwt").addQueryPiiCategories("email").setCredentialInQuery(true)
                .setTlsVersion("TLSv1.3").setHstsPresent(true).build();
        AccessEvent legacy = AccessEvents.rawHttp(project, "GET", "/.env", 404).setProtocol("http/1.0")
                .setRouteMatched(false).setRouteName("").setUpstreamCluster("").build();

        awaitFlowing();
        Map<String, AccessEvent> byId;
        try (var enriched = new KafkaTestSupport.TopicTail(bootstrap, Topics.ACCESS_ENRICHED);
                KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap)) {
            for (AccessEvent event : List.of(scanner, checkout, legacy)) {
                producer.send(new ProducerRecord<>(Topics.ACCESS_RAW, key(event), event.toByteArray()));
            }
            producer.flush();
            List<ConsumerRecord<byte[], byte[]>> ours = new ArrayList<>();
            await("classified records of " + project).atMost(BOUND).until(() -> {
                ours.addAll(enriched.poll().stream().filter(r -> fromThisInstance(r, project)).toList());
                return ours.size() >= 3;
            });
            byId = new java.util.HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : ours) {
                AccessEvent event = AccessEvent.parseFrom(record.value());
                byId.put(event.getEventId(), event);
            }
        }

        AccessEvent s = byId.get(scanner.getEventId());
        assertThat(s.getNormalizedPath()).isEqualTo("/admin/users/{id}");
        assertThat(s.getEndpointCategoriesList()).contains("admin");
        assertThat(s.getTagsMap()).containsEntry("ua.class", "scanner");
        assertThat(s.getRiskFlagsList()).contains("scanner_user_agent", "client_error_status");
        assertThat(s.getConfirmed()).isFalse();

        AccessEvent c = byId.get(checkout.getEventId());
        assertThat(c.getEndpointCategoriesList()).contains("payment");
        assertThat(c.getAuthSchemesList()).containsExactly("jwt");
        assertThat(c.getPiiCategoriesList()).contains("email");
        assertThat(c.getRiskFlagsList()).contains("pii_observed", "credential_in_query");
        assertThat(c.getConsumerHash()).isEqualTo("0123456789abcdef");
        assertThat(c.getConfirmed()).isTrue();

        AccessEvent l = byId.get(legacy.getEventId());
        assertThat(l.getRiskFlagsList()).contains("legacy_protocol", "vuln_probe_path");
        assertThat(l.getAuthSchemesList()).containsExactly("none");
        assertThat(l.getConfirmed()).isFalse();
    }

    /**
     * Until a sentinel comes out enriched: a group that shows as assigned may not have fetched its "latest" start
     * positions yet, and records produced in that window would be skipped (seen on a loaded machine).
     */
    private void awaitFlowing() throws Exception {
        KafkaTestSupport.awaitGroupAssigned(bootstrap, groupId);
        String project = AccessEvents.uniqueProjectId("enricher-it-sentinel");
        try (var enriched = new KafkaTestSupport.TopicTail(bootstrap, Topics.ACCESS_ENRICHED);
                KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap)) {
            await("sentinel through the enricher").atMost(BOUND).pollInterval(Duration.ofSeconds(2)).until(() -> {
                AccessEvent sentinel = AccessEvents.rawHttp(project, "GET", "/sentinel", 200).build();
                producer.send(new ProducerRecord<>(Topics.ACCESS_RAW, key(sentinel), sentinel.toByteArray()));
                producer.flush();
                return enriched.poll().stream().anyMatch(r -> fromThisInstance(r, project));
            });
        }
    }

    private void assertEnriched(List<AccessEvent> raw, List<ConsumerRecord<byte[], byte[]>> records)
            throws InvalidProtocolBufferException {
        Map<String, AccessEvent> rawById = raw.stream().collect(Collectors.toMap(AccessEvent::getEventId,
                Function.identity()));
        Set<String> seen = new java.util.HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            AccessEvent event = AccessEvent.parseFrom(record.value());
            AccessEvent source = rawById.get(event.getEventId());
            assertThat(source).as("enriched event maps to a produced raw event").isNotNull();
            seen.add(event.getEventId());

            assertThat(event.getStage()).isEqualTo(EventStage.EVENT_STAGE_ENRICHED);
            assertThat(event.getSourceIp()).isEmpty();
            assertThat(event.getUserAgent()).isEmpty();
            assertThat(event.getSourceIpHash()).isEqualTo(hasher.hash(source.getSourceIp())).hasSize(16);
            assertThat(event.getUserAgentHash()).isEqualTo(hasher.hash(source.getUserAgent())).hasSize(16);
            assertThat(event.getNormalizedPath()).doesNotContainPattern("/\\d+(/|$)").doesNotContain("665f1c2a");
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(InventoryKey.of(event).id());

            Headers headers = record.headers();
            assertThat(header(headers, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(header(headers, CloudEventHeaders.TYPE)).isEqualTo(CloudEventHeaders.TYPE_ACCESS_ENRICHED);
            assertThat(header(headers, CloudEventHeaders.ID)).isEqualTo(event.getEventId());
            assertThat(header(headers, CloudEventHeaders.SOURCE)).isEqualTo(identity.eventSource());
            assertThat(header(headers, CloudEventHeaders.TIME)).isNotBlank();
            assertThat(header(headers, CloudEventHeaders.CONTENT_TYPE))
                    .isEqualTo(CloudEventHeaders.PROTOBUF_CONTENT_TYPE);
        }
        assertThat(seen).isEqualTo(rawById.keySet());
        assertThat(records.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).distinct())
                .as("four paths x two methods collapse to the templated endpoints").hasSizeLessThanOrEqualTo(6);
    }

    private static void assertDeadLetter(List<ConsumerRecord<byte[], byte[]>> poisoned, byte[] poison) {
        assertThat(poisoned).isNotEmpty().allSatisfy(letter -> {
            assertThat(letter.value()).isEqualTo(poison);
            Headers headers = letter.headers();
            assertThat(header(headers, DeadLetterPublisher.HEADER_SOURCE_TOPIC)).isEqualTo(Topics.ACCESS_RAW);
            assertThat(header(headers, DeadLetterPublisher.HEADER_ERROR_CLASS)).contains("SerializationException");
            assertThat(header(headers, DeadLetterPublisher.HEADER_ERROR_MESSAGE)).contains("malformed protobuf");
            assertThat(Integer.parseInt(header(headers, DeadLetterPublisher.HEADER_SOURCE_PARTITION)))
                    .isNotNegative();
            assertThat(Long.parseLong(header(headers, DeadLetterPublisher.HEADER_SOURCE_OFFSET))).isNotNegative();
            assertThat(header(headers, DeadLetterPublisher.HEADER_ATTEMPTS)).isEqualTo("1");
        });
    }

    private boolean fromThisInstance(ConsumerRecord<byte[], byte[]> record, String project) {
        if (!identity.eventSource().equals(header(record.headers(), CloudEventHeaders.SOURCE))) {
            return false; // another enricher (e.g. a running local stack) on the same broker
        }
        try {
            return AccessEvent.parseFrom(record.value()).getProjectId().equals(project);
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }

    private static byte[] key(AccessEvent event) {
        return RecordKeys.rawKey(event).getBytes(StandardCharsets.UTF_8);
    }

    private static String header(Headers headers, String name) {
        return CloudEventHeaders.read(headers, name).orElse(null);
    }
}
