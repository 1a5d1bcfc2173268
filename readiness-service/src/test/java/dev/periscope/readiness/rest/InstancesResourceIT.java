package dev.periscope.readiness.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.periscope.kit.config.InstanceIdentity;
import dev.periscope.model.CloudEventHeaders;
import dev.periscope.model.ObjectIds;
import dev.periscope.model.RecordKeys;
import dev.periscope.model.Topics;
import dev.periscope.model.testing.KafkaTestSupport;
import dev.periscope.model.v1.BackendStatus;
import dev.periscope.model.v1.FactValue;
import dev.periscope.model.v1.HealthReport;
import dev.periscope.model.v1.HealthStatus;
import dev.periscope.readiness.auth.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** The REST view of reports published to the real broker. */
@QuarkusTest
class InstancesResourceIT {
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String gateway = "fake-gateway-" + run;
    private final String writer = "fake-writer-" + run;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    InstanceIdentity identity;

    @Test
    void publishedReportsAreListedWithStatusAndAge() throws Exception {
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, report(gateway, "gw-1", now - 1_000, HealthStatus.HEALTH_STATUS_UP, ""));
            send(producer, report(gateway, "gw-2", now - 20_000, HealthStatus.HEALTH_STATUS_DOWN, "kafka: gone"));
            send(producer, report(writer, "w-1", now - 30_000, HealthStatus.HEALTH_STATUS_UP, ""));
            // a later report of w-1 then an older one: the newer must stay
            send(producer, report(writer, "w-1", now - 2_000, HealthStatus.HEALTH_STATUS_DEGRADED,
                    "clickhouse: unreachable at http://127.0.0.1:8123"));
            send(producer, report(writer, "w-1", now - 10_000, HealthStatus.HEALTH_STATUS_UP, ""));
            producer.flush();
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                reader().when().get("/api/instances/" + gateway).then().statusCode(200).body("$", hasSize(2)));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                reader().when().get("/api/instances/" + writer).then().statusCode(200)
                        .body("status", equalTo(List.of("DEGRADED"))));

        JsonPath all = reader().when().get("/api/instances").then().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath();
        Map<String, Object> gw1 = instance(all, gateway, "gw-1");
        Map<String, Object> gw2 = instance(all, gateway, "gw-2");
        Map<String, Object> w1 = instance(all, writer, "w-1");

        assertThat(gw1).containsEntry("status", "UP").containsEntry("version", "9.9.9");
        assertThat(((Number) gw1.get("age_seconds")).doubleValue()).isBetween(1.0, 60.0);
        assertThat(gw2).containsEntry("status", "DOWN").containsEntry("reason", "kafka: gone");
        assertThat(((Number) gw2.get("age_seconds")).doubleValue()).isBetween(20.0, 80.0);
        assertThat(w1).containsEntry("status", "DEGRADED");
        assertThat(((Number) w1.get("age_seconds")).doubleValue()).isBetween(2.0, 60.0);
        assertThat(w1.get("last_report_at")).isEqualTo(Instant.ofEpochMilli(now - 2_000).toString());
        assertThat(w1.get("backends")).asList().singleElement().asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("name", "kafka")
                .containsEntry("status", "UP");
        assertThat(w1.get("facts")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("store.clickhouse.retention_days", 7).containsEntry("test.run", run);
        assertThat(w1.get("counters")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKey("events.received");

        reader().when().get("/api/instances/" + writer).then().statusCode(200)
                .body("service", everyItem(equalTo(writer)));

        // tombstones (null values) remove the instances, here and from the compacted topic
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (String key : List.of(gateway + "/gw-1", gateway + "/gw-2", writer + "/w-1")) {
                producer.send(new ProducerRecord<>(Topics.OPS_HEALTH, key, null)).get(10, TimeUnit.SECONDS);
            }
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            reader().when().get("/api/instances/" + gateway).then().statusCode(200).body("$", hasSize(0));
            reader().when().get("/api/instances/" + writer).then().statusCode(200).body("$", hasSize(0));
        });
    }

    @Test
    void itListsItself() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                reader().when().get("/api/instances/readiness-service").then().statusCode(200)
                        .body("service", everyItem(equalTo("readiness-service")))
                        .body("instance_id", hasItem(identity.instanceId())));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> instance(JsonPath all, String service, String instanceId) {
        List<Map<String, Object>> list = all.getList("$");
        return list.stream()
                .filter(i -> service.equals(i.get("service")) && instanceId.equals(i.get("instance_id")))
                .findFirst().orElseThrow(() -> new AssertionError("not listed: " + service + "/" + instanceId));
    }

    private HealthReport report(String service, String instance, long tsMs, HealthStatus status, String reason) {
        return HealthReport.newBuilder()
                .setService(service).setInstanceId(instance).setVersion("9.9.9")
                .setTsMs(tsMs).setStartedAtMs(tsMs - 60_000)
                .setStatus(status).setReason(reason)
                .addBackends(BackendStatus.newBuilder().setName("kafka").setStatus(HealthStatus.HEALTH_STATUS_UP)
                        .setDetail("1 broker(s)").setCheckedAtMs(tsMs))
                .putFacts("store.clickhouse.retention_days", FactValue.newBuilder().setIntValue(7).build())
                .putFacts("test.run", FactValue.newBuilder().setStringValue(run).build())
                .putCounters("events.received", 42)
                .build();
    }

    private static void send(KafkaProducer<String, byte[]> producer, HealthReport report) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.OPS_HEALTH, RecordKeys.healthKey(report),
                report.toByteArray());
        CloudEventHeaders.write(record.headers(), CloudEventHeaders.TYPE_HEALTH_REPORT,
                "/" + report.getService() + "/" + report.getInstanceId(), ObjectIds.next(report.getTsMs()),
                Instant.ofEpochMilli(report.getTsMs()));
        // one at a time, so the broker keeps the order in which the test sends the reports of one key
        producer.send(record).get(10, TimeUnit.SECONDS);
    }

    private KafkaProducer<String, byte[]> producer() {
        return KafkaTestSupport.stringKeyProducer(bootstrapServers);
    }

    /** Every call of this test reads with the test token of scope readiness:read. */
    private static RequestSpecification reader() {
        return given().header(TestTokens.HEADER, TestTokens.bearer(TestTokens.READ));
    }
}
