package dev.periscope.readiness.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.periscope.kit.config.InstanceIdentity;
import dev.periscope.model.testing.KafkaTestSupport;
import dev.periscope.readiness.auth.TestTokens;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * GET /api/dr against the real broker: a consumer group of the test's own with lag on a topic of its own shows the
 * time until data loss (retention minus the age of the oldest unread record), a group without lag the full
 * retention, a group whose unread records were deleted shows them lost (and fails runbook step 5); the document
 * names every store's role, the restore order and the runbook with live checks; the
 * local single broker's RF 1 fails {@code ha.kafka-topics-replicated}.
 */
@QuarkusTest
class DrIT {
    private static final long RETENTION_MS = 3_600_000;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String topic = "readiness-dr-it-" + run;
    private final String laggingGroup = "readiness-dr-it-lagging-" + run;
    private final String idleGroup = "readiness-dr-it-idle-" + run;
    private final String lostGroup = "readiness-dr-it-lost-" + run;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    InstanceIdentity identity;

    /** What /metrics on the management port serves (the scrape, without finding the random test port). */
    @Inject
    PrometheusMeterRegistry prometheus;

    @Test
    void timeUntilDataLossPerGroupAndTopicAndTheDrDocument() throws Exception {
        long now = System.currentTimeMillis();
        long oldestUnreadTs = now - 600_000 + 4_000;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1)
                    .configs(Map.of("retention.ms", String.valueOf(RETENTION_MS))))).all().get(30, TimeUnit.SECONDS);
            try {
                try (KafkaProducer<String, byte[]> producer = KafkaTestSupport.stringKeyProducer(bootstrapServers)) {
                    for (int i = 0; i < 10; i++) { // partition 0: records 10 min old, one second apart
                        producer.send(new ProducerRecord<>(topic, 0, now - 600_000 + i * 1_000, "k" + i,
                                ("v" + i).getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
                    }
                    for (int i = 0; i < 3; i++) {
                        producer.send(new ProducerRecord<>(topic, 1, now - 300_000, "k" + i,
                                ("v" + i).getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
                    }
                }
                // lagging group: read 4 of 10 on partition 0, everything on partition 1 → 6 unread, oldest = offset 4
                admin.alterConsumerGroupOffsets(laggingGroup, Map.of(new TopicPartition(topic, 0),
                        new OffsetAndMetadata(4), new TopicPartition(topic, 1), new OffsetAndMetadata(3)))
                        .all().get(10, TimeUnit.SECONDS);
                admin.alterConsumerGroupOffsets(idleGroup, Map.of(new TopicPartition(topic, 0),
                        new OffsetAndMetadata(10), new TopicPartition(topic, 1), new OffsetAndMetadata(3)))
                        .all().get(10, TimeUnit.SECONDS);
                // lost group: stopped at offset 1, then retention (here: deleteRecords) removed offsets 0-2 unread
                admin.alterConsumerGroupOffsets(lostGroup, Map.of(new TopicPartition(topic, 0),
                        new OffsetAndMetadata(1))).all().get(10, TimeUnit.SECONDS);
                admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(3)))
                        .all().get(10, TimeUnit.SECONDS);

                JsonPath dr = await("the three groups sampled").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500)).until(() -> reader().get("/api/dr").then()
                                .statusCode(200).extract().jsonPath(),
                                json -> json.getList("kafka.time_to_data_loss.findAll { it.topic == '" + topic
                                        + "' }").size() == 3);

                Map<String, Object> lagging = entry(dr, laggingGroup);
                assertThat(lagging).containsEntry("lag_records", 6).containsEntry("state", "at_risk")
                        .containsEntry("retention_seconds", 3600);
                double expected = RETENTION_MS / 1000.0 - (System.currentTimeMillis() - oldestUnreadTs) / 1000.0;
                assertThat(((Number) lagging.get("seconds_until_loss")).doubleValue())
                        .isBetween(expected - 5, expected + 65);
                assertThat(java.time.Instant.parse((String) lagging.get("oldest_unconsumed_at")).toEpochMilli())
                        .isEqualTo(oldestUnreadTs);

                Map<String, Object> idle = entry(dr, idleGroup);
                assertThat(idle).containsEntry("lag_records", 0).containsEntry("state", "no_data_at_risk")
                        .containsEntry("seconds_until_loss", 3600.0f);

                assertThat(entry(dr, lostGroup)).containsEntry("state", "lost").containsEntry("lag_records", 7)
                        .containsEntry("seconds_until_loss", 0.0f);
                assertThat(dr.getString("runbook.steps.find { it.step == 5 }.result.status")).isEqualTo("fail");
                assertThat(dr.getString("runbook.steps.find { it.step == 5 }.result.evidence"))
                        .contains(lostGroup + "/" + topic);

                assertDocumentShape(dr);

                String scrape = prometheus.scrape();
                assertThat(scrape).containsPattern("periscope_time_to_data_loss_seconds\\{group=\"" + laggingGroup
                        + "\",topic=\"" + topic + "\",?} (29|30)[0-9]{2}\\.")
                        .contains("periscope_dr_backup_age_seconds")
                        .containsPattern("periscope_dr_drill_success\\{drill=\"mongo-backup-restore\",?}");
            } finally {
                admin.deleteConsumerGroups(List.of(laggingGroup, idleGroup, lostGroup)).all()
                        .get(10, TimeUnit.SECONDS);
                admin.deleteTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
            }
        }

        // the readiness instance's own report carries the Kafka replication facts; the local broker has RF 1
        String subject = identity.service() + "/" + identity.instanceId();
        await("own replication facts evaluated").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonPath item = reader().get("/api/checklist/ha.kafka-topics-replicated").then().statusCode(200)
                            .extract().jsonPath();
                    Map<String, Object> own = item.getMap("evidence.find { it.subject == '" + subject + "' }");
                    assertThat(own).isNotNull().containsEntry("status", "fail");
                    assertThat((String) own.get("message")).contains("smallest RF 1");
                });
    }

    private void assertDocumentShape(JsonPath dr) {
        assertThat(dr.getString("generated_at")).isNotBlank();
        assertThat(dr.getList("stores.name")).containsExactly("mongodb", "clickhouse", "kafka");
        assertThat(dr.getList("stores.role")).containsExactly("system_of_record", "rebuildable_telemetry", "buffer");
        assertThat(dr.getList("stores.check.status")).allSatisfy(s -> assertThat(s)
                .isIn("pass", "warn", "fail", "unknown"));
        assertThat(dr.getLong("backup.rpo_seconds")).isEqualTo(5400);
        assertThat(dr.getList("backup.schedule.name")).containsExactly("hourly", "daily", "weekly");
        assertThat(dr.getList("backup.schedule.retention")).containsExactly("1d", "14d", "90d");
        assertThat(dr.getMap("backup.check")).containsKeys("status", "evidence");
        assertThat(dr.getMap("drill")).containsKeys("last", "last_passed", "max_age_seconds", "current", "check");
        assertThat(dr.getList("restore_order.store")).containsExactly("mongodb", "services", "clickhouse", "kafka",
                "edges");
        assertThat(dr.getString("runbook.name")).isEqualTo("we lost the control plane");
        assertThat(dr.getList("runbook.steps.step")).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(dr.getList("runbook.steps.result.status")).allSatisfy(s -> assertThat(s)
                .isIn("pass", "warn", "fail", "unknown"));
        assertThat(dr.getList("runbook.steps.result.evidence", String.class)).allSatisfy(e -> assertThat(e)
                .isNotBlank());
        assertThat(dr.getList("runbook.steps.check", String.class)).allSatisfy(c -> assertThat(c).isNotBlank());
        assertThat(dr.getString("kafka.sampled_at")).isNotBlank();
        assertThat(dr.getString("kafka.error")).isNull();
        assertThat(dr.getList("kafka.topics.topic", String.class)).contains("periscope.ops.health.v1")
                .allSatisfy(t -> assertThat(t).startsWith("periscope."));
        assertThat(dr.getInt("kafka.min_replication_factor")).isEqualTo(1);
    }

    private Map<String, Object> entry(JsonPath dr, String group) {
        return dr.getMap("kafka.time_to_data_loss.find { it.group == '" + group + "' && it.topic == '" + topic
                + "' }");
    }

    private static RequestSpecification reader() {
        return given().header(TestTokens.HEADER, TestTokens.bearer(TestTokens.READ));
    }
}
