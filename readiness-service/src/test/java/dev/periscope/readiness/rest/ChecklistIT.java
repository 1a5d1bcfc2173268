package dev.periscope.readiness.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.periscope.model.CloudEventHeaders;
import dev.periscope.model.ObjectIds;
import dev.periscope.model.RecordKeys;
import dev.periscope.model.Topics;
import dev.periscope.model.testing.KafkaTestSupport;
import dev.periscope.model.v1.BackendStatus;
import dev.periscope.model.v1.FactValue;
import dev.periscope.model.v1.HealthReport;
import dev.periscope.model.v1.HealthStatus;
import io.quarkus.test.common.http.TestHTTPResource;
import dev.periscope.readiness.auth.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Real HealthReports through the real local Kafka into the checklist: an unsafe deployment of a fake service (unique
 * per run) is blocked with the expected failing items; once its reports are fixed the verdict turns ready. The rules
 * come from an operator directory written for this run (the default pack is off, so other services on the shared
 * topic don't sway the verdict); one of its files holds a rule that does not compile.
 */
@QuarkusTest
@TestProfile(ChecklistIT.OperatorRules.class)
class ChecklistIT {
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String SERVICE = "it-checklist-" + RUN;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/api/checklist/stream")
    URL stream;

    public static class OperatorRules implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createTempDirectory("readiness-rules-");
                Files.writeString(dir.resolve("10-security.yaml"), """
                        rules:
                          - id: it.tls
                            section: security
                            title: TLS on the test listener
                            severity: fail
                            services: [%1$s]
                            expr: facts['grpc.tls.enabled'] == true
                            evidence: "tls={grpc.tls.enabled}"
                          - id: it.mtls
                            section: security
                            title: mTLS on the test listener
                            severity: warn
                            services: [%1$s]
                            expr: facts['grpc.mtls.enabled'] == true
                        """.formatted(SERVICE));
                Files.writeString(dir.resolve("20-ha.yaml"), """
                        rules:
                          - id: it.replicas
                            section: ha
                            title: Two test instances
                            severity: fail
                            scope: service
                            services: [%1$s]
                            expr: size(instances) >= 2
                            evidence: "{count} instance(s)"
                          - id: it.broken
                            section: ha
                            title: Does not compile
                            severity: fail
                            services: [%1$s]
                            expr: facts['a'] ==
                        """.formatted(SERVICE));
                return Map.of("periscope.readiness.rules.default-pack", "false",
                        "periscope.readiness.rules.dir", dir.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void unsafeReportsBlockAndFixedReportsMakeItReady() throws Exception {
        reader().when().get("/api/checklist/rules").then().statusCode(200)
                .body("rules.id", equalTo(List.of("it.tls", "it.mtls", "it.replicas")))
                .body("rejected[0].rule_id", equalTo("it.broken"))
                .body("rejected[0].source", containsString("20-ha.yaml:15"))
                .body("rejected[0].reason", containsString("does not compile"));

        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, report("a", false, false));
            send(producer, report("b", true, false));
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                reader().when().get("/api/checklist/it.tls").then().statusCode(200)
                        .body("evidence.subject", equalTo(List.of(SERVICE + "/a", SERVICE + "/b"))));

        JsonPath doctor = reader().when().get("/api/doctor").then().statusCode(200).extract().jsonPath();
        assertThat(doctor.getString("verdict")).isEqualTo("blocked");
        assertThat(doctor.getInt("exit_code")).isEqualTo(2);
        assertThat(doctor.getList("failing.id")).containsExactly("it.tls", "it.mtls");
        assertThat(doctor.getList("failing.status")).containsExactly("fail", "warn");
        // doctor shows only the evidence that is not passing
        assertThat(doctor.getList("failing[0].evidence.subject")).containsExactly(SERVICE + "/a");
        assertThat(doctor.getString("failing[0].evidence[0].message")).isEqualTo("tls=false");

        reader().when().get("/api/checklist?section=ha").then().statusCode(200)
                .body("verdict", equalTo("blocked"))
                .body("items.id", equalTo(List.of("it.replicas")))
                .body("items[0].status", equalTo("pass"))
                .body("items[0].section", equalTo("ha"))
                .body("items[0].evidence[0].message", equalTo("2 instance(s)"));

        LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<Void>> subscription = client.sendAsync(
                HttpRequest.newBuilder(URI.create(stream.toString())).header("Accept", "text/event-stream")
                        .header(TestTokens.HEADER, TestTokens.bearer(TestTokens.READ)).build(),
                HttpResponse.BodyHandlers.ofByteArrayConsumer(chunk -> chunk.ifPresent(
                        bytes -> events.add(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)))));
        // the stream opens with the current state of every item
        await().atMost(Duration.ofSeconds(10)).until(() -> String.join("", events)
                .contains("\"id\":\"it.tls\",\"previous\":null"));

        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, report("a", true, true));
            send(producer, report("b", true, true));
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                reader().when().get("/api/doctor").then().statusCode(200)
                        .body("verdict", equalTo("ready"))
                        .body("exit_code", equalTo(0)));
        // and tells the item turned from fail to pass
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(String.join("", events))
                .contains("\"id\":\"it.tls\",\"previous\":\"fail\"")
                .contains("\"verdict\":\"ready\""));
        subscription.cancel(true);
        reader().when().get("/api/checklist").then().statusCode(200)
                .body("items.status", everyItem(equalTo("pass")))
                .body("counts.pass", equalTo(3))
                .body("items.find { it.id == 'it.tls' }.evidence.message", everyItem(equalTo("tls=true")));
        // the item's own page keeps its history, newest first: fail (with the failing evidence), then pass
        reader().when().get("/api/checklist/it.tls").then().statusCode(200)
                .body("status", equalTo("pass"))
                .body("history[0].previous", equalTo("fail"))
                .body("history[0].status", equalTo("pass"))
                .body("history[0].evidence", org.hamcrest.Matchers.empty())
                .body("history.find { it.status == 'fail' }.evidence.subject", org.hamcrest.Matchers.hasItem(
                        SERVICE + "/a"));

        tombstone("a", "b");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                reader().when().get("/api/checklist/it.tls").then().statusCode(200)
                        .body("status", equalTo("unknown"))
                        .body("evidence[0].message", equalTo("no instance of " + SERVICE + " reports")));
    }

    @Test
    void unknownItemsAndSectionsAreClientErrorsAndTheApiIsDescribed() {
        reader().when().get("/api/checklist/no.such.item").then().statusCode(404);
        reader().when().get("/api/checklist?section=nope").then().statusCode(400);
        // no token, no access: also the API description
        given().when().get("/q/openapi").then().statusCode(401);
        reader().when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/doctor"))
                .body(containsString("/api/checklist/{id}"));
        reader().when().get("/api/checklist").then().statusCode(200)
                .body("items.id", hasItem("it.tls"));
    }

    private HealthReport report(String instance, boolean tls, boolean mtls) {
        long now = System.currentTimeMillis();
        return HealthReport.newBuilder()
                .setService(SERVICE).setInstanceId(instance).setVersion("9.9.9")
                .setTsMs(now).setStartedAtMs(now - 60_000)
                .setStatus(HealthStatus.HEALTH_STATUS_UP)
                .addBackends(BackendStatus.newBuilder().setName("kafka").setStatus(HealthStatus.HEALTH_STATUS_UP)
                        .setCheckedAtMs(now))
                .putFacts("grpc.tls.enabled", FactValue.newBuilder().setBoolValue(tls).build())
                .putFacts("grpc.mtls.enabled", FactValue.newBuilder().setBoolValue(mtls).build())
                .build();
    }

    private void send(KafkaProducer<String, byte[]> producer, HealthReport report) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.OPS_HEALTH, RecordKeys.healthKey(report),
                report.toByteArray());
        CloudEventHeaders.write(record.headers(), CloudEventHeaders.TYPE_HEALTH_REPORT,
                "/" + report.getService() + "/" + report.getInstanceId(), ObjectIds.next(report.getTsMs()),
                Instant.ofEpochMilli(report.getTsMs()));
        producer.send(record).get(10, TimeUnit.SECONDS);
    }

    private void tombstone(String... instances) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (String instance : instances) {
                producer.send(new ProducerRecord<>(Topics.OPS_HEALTH, SERVICE + "/" + instance, null))
                        .get(10, TimeUnit.SECONDS);
            }
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return KafkaTestSupport.stringKeyProducer(bootstrapServers);
    }

    /** Every call of this test reads with the test token of scope readiness:read. */
    private static RequestSpecification reader() {
        return given().header(TestTokens.HEADER, TestTokens.bearer(TestTokens.READ));
    }
}
