package dev.periscope.inventory.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.periscope.inventory.health.InventoryFacts;
import dev.periscope.inventory.repository.InventoryRepository;
import dev.periscope.kit.health.ServiceHealth;
import dev.periscope.model.RecordKeys;
import dev.periscope.model.Topics;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.testing.KafkaTestSupport;
import dev.periscope.model.v1.AccessEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Per-project cardinality budgets end to end: a noisy project that mints endpoints gets exactly its budget of
 * documents, a quiet project is not starved, and every refused event is counted (metric and health report).
 */
@QuarkusTest
@TestProfile(InventoryCardinalityIT.SmallBudgets.class)
class InventoryCardinalityIT {
    private static final int BUDGET = 3;

    public static class SmallBudgets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("periscope.inventory.cardinality.project-budget", Integer.toString(BUDGET),
                    "periscope.inventory.cardinality.cap", "0");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "periscope.inventory.kafka.group-id")
    String groupId;

    @Inject
    InventoryRepository repository;

    @Inject
    ServiceHealth health;

    @Inject
    MeterRegistry registry;

    @Test
    void aNoisyProjectIsHeldToItsBudgetAndTheOthersAreNotStarved() {
        String noisy = AccessEvents.uniqueProjectId("noisy");
        String quiet = AccessEvents.uniqueProjectId("quiet");
        double droppedBefore = registry.counter("periscope.events.dropped", "reason", "inventory_cardinality")
                .count();
        KafkaTestSupport.awaitGroupAssigned(bootstrap, groupId);
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap)) {
            // 10 distinct endpoints x 2 events for the noisy project, first; then 2 endpoints of the quiet one
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 10; i++) {
                    send(producer, AccessEvents.enriched(noisy, "GET", "/scan/" + i, 404).build());
                }
            }
            send(producer, AccessEvents.enriched(quiet, "GET", "/a", 200).build());
            send(producer, AccessEvents.enriched(quiet, "GET", "/b", 200).build());
            producer.flush();
        }

        await("quiet project written").atMost(Duration.ofSeconds(60))
                .until(() -> documents(quiet) == 2 && dropped(droppedBefore) >= 14);
        assertThat(documents(noisy)).isEqualTo(BUDGET);
        assertThat(dropped(droppedBefore)).as("events of the 7 refused endpoints").isEqualTo(14);
        long applied = repository.documents().find(new Document("project_id", noisy)).into(new java.util.ArrayList<>())
                .stream().mapToLong(d -> ((Number) d.get("seen_count")).longValue()).sum();
        assertThat(applied).as("admitted endpoints keep counting").isEqualTo(2L * BUDGET);
        await("per-project drops in the health report").atMost(Duration.ofSeconds(10))
                .until(() -> health.report().getFactsMap().containsKey(InventoryFacts.DROPPED_PREFIX + noisy));
        assertThat(health.report().getFactsMap().get(InventoryFacts.DROPPED_PREFIX + noisy).getIntValue())
                .isEqualTo(14);
        assertThat(health.report().getFactsMap()).doesNotContainKey(InventoryFacts.DROPPED_PREFIX + quiet);
        assertThat(health.report().getFactsMap().get("inventory.cardinality.project_budget").getIntValue())
                .isEqualTo(BUDGET);
    }

    private double dropped(double before) {
        return registry.counter("periscope.events.dropped", "reason", "inventory_cardinality").count() - before;
    }

    private long documents(String project) {
        return repository.count(new Document("project_id", project), Duration.ofSeconds(5));
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, AccessEvent event) {
        producer.send(new ProducerRecord<>(Topics.ACCESS_ENRICHED,
                RecordKeys.enrichedKey(event).getBytes(StandardCharsets.UTF_8), event.toByteArray()));
    }
}
