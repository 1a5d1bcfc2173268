package dev.periscope.inventory.messaging;

import dev.periscope.model.testing.KafkaTestSupport;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.periscope.kit.messaging.DeadLetterPublisher;
import dev.periscope.model.CloudEventHeaders;
import dev.periscope.model.InventoryKey;
import dev.periscope.model.RecordKeys;
import dev.periscope.model.Topics;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** inventory-writer end to end: enriched events on the real broker to documents in the real MongoDB-API server. */
@QuarkusTest
class InventoryWriterIT {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "periscope.inventory.kafka.group-id")
    String groupId;

    @jakarta.inject.Inject
    dev.periscope.inventory.repository.InventoryRepository repository;

    @Test
    void countsEveryEventOncePerEndpoint() {
        String project = AccessEvents.uniqueProjectId("inventory-it");
        Map<String, Integer> perPath = Map.of("/users/{id}", 17, "/orders", 9, "/health", 4);
        List<AccessEvent> events = new ArrayList<>();
        perPath.forEach((path, n) -> {
            for (int i = 0; i < n; i++) {
                events.add(AccessEvents.enriched(project, "GET", path, i % 4 == 0 ? 500 : 200).build());
            }
        });
        java.util.Collections.shuffle(events);
        byte[] poisonKey = ("poison-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);

        KafkaTestSupport.awaitGroupAssigned(bootstrap, groupId);
        try (var dlq = new KafkaTestSupport.TopicTail(bootstrap, Topics.ACCESS_DLQ);
                KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap)) {
            for (AccessEvent event : events) {
                RecordHeaders headers = new RecordHeaders();
                CloudEventHeaders.write(headers, CloudEventHeaders.TYPE_ACCESS_ENRICHED, "/inventory-writer-it",
                        event.getEventId(), Instant.ofEpochMilli(event.getTsMs()));
                producer.send(new ProducerRecord<>(Topics.ACCESS_ENRICHED, null,
                        RecordKeys.enrichedKey(event).getBytes(StandardCharsets.UTF_8), event.toByteArray(), headers));
            }
            producer.send(new ProducerRecord<>(Topics.ACCESS_ENRICHED, poisonKey, new byte[] {(byte) 0xff, 0x01}));
            producer.flush();

            await("seen_count per endpoint of " + project).atMost(BOUND).pollInterval(Duration.ofMillis(300))
                    .until(() -> seenCounts(project).equals(perPath));

            JsonPath body = given().queryParam("project", project).queryParam("limit", 100).when()
                    .get("/api/inventory").then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
            assertThat(body.getList("items._id", String.class)).containsExactlyInAnyOrderElementsOf(events.stream()
                    .map(e -> InventoryKey.of(e).id()).distinct().toList());
            assertThat(body.getInt("items.find { it.normalized_path == '/orders' }.status_dist.'500'")).isEqualTo(3);
            assertThat(body.getList("items.sample_event_ids", List.class)).allSatisfy(ids -> assertThat(ids).hasSize(
                    Math.min(5, ids.size())).isNotEmpty());
            assertThat(body.getString("items[0].first_seen")).isNotBlank();

            List<ConsumerRecord<byte[], byte[]>> poisoned = new ArrayList<>();
            await("dead letter").atMost(BOUND).until(() -> {
                poisoned.clear();
                poisoned.addAll(dlq.poll().stream().filter(r -> Arrays.equals(r.key(), poisonKey)).toList());
                return !poisoned.isEmpty();
            });
            assertThat(poisoned).allSatisfy(r -> assertThat(CloudEventHeaders.read(r.headers(),
                    DeadLetterPublisher.HEADER_SOURCE_TOPIC)).contains(Topics.ACCESS_ENRICHED));
        }
        // nothing counted twice after the dead letter went out
        assertThat(seenCounts(project)).isEqualTo(perPath);
    }

    /**
     * A document MongoDB can never update (its seen_count is not a number): that document's records are
     * dead-lettered with the error, while the other endpoint of the same batches is applied and nothing blocks.
     */
    @Test
    void aPermanentlyRejectedDocumentGoesToTheDeadLetterTopic() {
        String project = AccessEvents.uniqueProjectId("inventory-it-poison-doc");
        AccessEvent broken = AccessEvents.enriched(project, "GET", "/broken", 200).build();
        String brokenId = InventoryKey.of(broken).id();
        repository.documents().insertOne(new org.bson.Document("_id", brokenId).append("project_id", project)
                .append("seen_count", "not a number"));

        KafkaTestSupport.awaitGroupAssigned(bootstrap, groupId);
        try (var dlq = new KafkaTestSupport.TopicTail(bootstrap, Topics.ACCESS_DLQ);
                KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap)) {
            for (int i = 0; i < 3; i++) {
                AccessEvent bad = broken.toBuilder().setEventId("bad-" + i).build();
                AccessEvent good = AccessEvents.enriched(project, "GET", "/fine", 200).build();
                for (AccessEvent event : List.of(bad, good)) {
                    producer.send(new ProducerRecord<>(Topics.ACCESS_ENRICHED,
                            RecordKeys.enrichedKey(event).getBytes(StandardCharsets.UTF_8), event.toByteArray()));
                }
            }
            producer.flush();
            byte[] brokenKey = RecordKeys.enrichedKey(broken).getBytes(StandardCharsets.UTF_8);
            List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
            await("3 dead letters of the broken document").atMost(BOUND).until(() -> {
                letters.clear();
                letters.addAll(dlq.poll().stream().filter(r -> Arrays.equals(r.key(), brokenKey)).toList());
                return letters.size() == 3;
            });
            assertThat(letters).allSatisfy(r -> {
                assertThat(CloudEventHeaders.read(r.headers(), DeadLetterPublisher.HEADER_ERROR_MESSAGE))
                        .hasValueSatisfying(m -> assertThat(m).contains(brokenId));
                assertThat(CloudEventHeaders.read(r.headers(), DeadLetterPublisher.HEADER_SOURCE_OFFSET)).isPresent();
            });
            await("the healthy endpoint").atMost(BOUND).until(() -> given().queryParam("project", project)
                    .queryParam("path_prefix", "/fine").when().get("/api/inventory").then().statusCode(200).extract()
                    .jsonPath().getInt("items[0].seen_count") == 3);
        }
    }

    @Test
    void projectParameterIsRequired() {
        given().when().get("/api/inventory").then().statusCode(400).contentType("application/problem+json")
                .body("invalid_params.name", org.hamcrest.Matchers.hasItem("project"));
    }

    private static Map<String, Integer> seenCounts(String project) {
        List<Map<String, Object>> docs = given().queryParam("project", project).queryParam("limit", 100).when()
                .get("/api/inventory")
                .then().statusCode(200).extract().jsonPath().getList("items");
        return docs.stream().collect(Collectors.toMap(d -> (String) d.get("normalized_path"),
                d -> ((Number) d.get("seen_count")).intValue()));
    }
}
