package dev.periscope.inventory.messaging;

import dev.periscope.model.testing.KafkaTestSupport;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.periscope.kit.health.ServiceHealth;
import dev.periscope.model.RecordKeys;
import dev.periscope.model.Topics;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;
import dev.periscope.model.v1.HealthStatus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * MongoDB goes away while events arrive: the service reports DEGRADED, keeps the batch uncommitted and retries;
 * when MongoDB is back every held event is applied exactly once.
 */
@QuarkusTest
@QuarkusTestResource(value = StoppableMongoResource.class, restrictToAnnotatedClass = true)
class InventoryWriterFailureIT {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "periscope.inventory.kafka.group-id")
    String groupId;

    @Inject
    ServiceHealth health;

    @AfterEach
    void mongoBack() {
        StoppableMongoResource.stopServer();
        StoppableMongoResource.startServer();
    }

    @Test
    void holdsEventsWhileMongoIsDownAndAppliesThemAfterwards() {
        String project = AccessEvents.uniqueProjectId("inventory-failure-it");
        KafkaTestSupport.awaitGroupAssigned(bootstrap, groupId);
        await("UP before the outage").atMost(BOUND).until(() -> health.status() == HealthStatus.HEALTH_STATUS_UP);

        StoppableMongoResource.stopServer();
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap)) {
            for (int i = 0; i < 12; i++) {
                AccessEvent event = AccessEvents.enriched(project, "PUT", "/items/{id}", 200).build();
                producer.send(new ProducerRecord<>(Topics.ACCESS_ENRICHED,
                        RecordKeys.enrichedKey(event).getBytes(StandardCharsets.UTF_8), event.toByteArray()));
            }
            producer.flush();
        }
        await("DEGRADED while MongoDB is down").atMost(BOUND)
                .until(() -> health.status() == HealthStatus.HEALTH_STATUS_DEGRADED);
        assertThat(health.backends()).anySatisfy(b -> {
            assertThat(b.getName()).isEqualTo("mongodb");
            assertThat(b.getStatus()).isEqualTo(HealthStatus.HEALTH_STATUS_DOWN);
        });

        await("the held batch shows as a failing backend").atMost(BOUND).until(() -> health.backends().stream()
                .anyMatch(b -> b.getName().equals("inventory-writes")
                        && b.getStatus() == HealthStatus.HEALTH_STATUS_DOWN));

        StoppableMongoResource.startServer(); // empty again: only the held events can produce the document
        await("held events applied").atMost(BOUND).pollInterval(Duration.ofMillis(300))
                .until(() -> seenCount(project) == 12);
        await("UP again").atMost(BOUND).until(() -> health.status() == HealthStatus.HEALTH_STATUS_UP);
        assertThat(seenCount(project)).isEqualTo(12);
    }

    private static long seenCount(String project) {
        List<Map<String, Object>> docs = given().queryParam("project", project).queryParam("limit", 100).when()
                .get("/api/inventory")
                .then().statusCode(200).extract().jsonPath().getList("items");
        return docs.stream().mapToLong(d -> ((Number) d.get("seen_count")).longValue()).sum();
    }
}
