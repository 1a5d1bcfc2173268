package dev.periscope.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;

import dev.periscope.model.CloudEventHeaders;
import dev.periscope.model.Topics;
import dev.periscope.model.serde.AccessEventDeserializer;
import dev.periscope.model.testing.ServiceProcess;
import dev.periscope.model.v1.AccessEvent;
import dev.periscope.traffic.AlsStream;
import dev.periscope.traffic.DemoTraffic;
import dev.periscope.traffic.EnvoyAlsClient;
import io.envoyproxy.envoy.config.core.v3.RequestMethod;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPAccessLogEntry;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPAccessLogEntry.HTTPVersion;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * The whole pipeline: the five packaged services as processes against the real Kafka broker, MongoDB-API server
 * and ClickHouse engine, with a real ALS v3 client playing Envoy. Ports are offset by +1000 from the defaults so a
 * running local stack does not collide; databases and the instance id are private to this run.
 */
class PipelineIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String DATABASE = "periscope_pipeline_it";
    private static final String INSTANCE = "pipeline-it-" + RUN;
    private static final String PROJECT = "pit-" + RUN;
    private static final int GRPC_PORT = 19090;
    private static final int INVENTORY_PORT = 19200;
    private static final int READINESS_PORT = 19400;
    private static final Map<String, Integer> MANAGEMENT_PORTS = Map.of("ingest-gateway", 19091, "enricher", 19191,
            "inventory-writer", 19291, "event-writer", 19391, "readiness-service", 19491);
    private static final List<String> START_ORDER = List.of("readiness-service", "event-writer", "inventory-writer",
            "enricher", "ingest-gateway");

    private static final int USERS_GETS = 40;
    private static final int ORDER_POSTS = 25;
    private static final int GRPC_CALLS = 15;
    private static final int MALFORMED_ENTRIES = 10;

    private static final List<ServiceProcess> services = new ArrayList<>();
    private static DemoTraffic.Summary demo;
    /** Where raw and enriched ended before this run: what the services and the tests read starts there. */
    private static Map<TopicPartition, Long> startOffsets;
    private static int controlledEntries;
    private static ReadinessTokens readinessTokens;

    @BeforeAll
    static void startServicesAndSendTraffic() throws Exception {
        Path root = RepoPaths.root();
        startOffsets = startAtTheEnd();
        try (MongoClient mongo = MongoClients.create(LocalServers.MONGO_URI)) {
            mongo.getDatabase(DATABASE).drop(); // this test's own database: earlier runs' documents only slow it
        }
        readinessTokens = new ReadinessTokens(root.resolve("infra/pipeline-it/target/readiness-tokens"));
        for (String name : START_ORDER) {
            Map<String, String> env = new HashMap<>();
            env.put("PERISCOPE_READINESS_AUTH_TOKEN_FILE", readinessTokens.file.toString());
            env.put("GEOIP_CACHE_DIR", root.resolve("infra/pipeline-it/target/geoip-cache").toString());
            // readiness: backups of its own, none on a schedule (the checklist test takes them); DR facts refreshed fast
            env.put("PERISCOPE_BACKUP_DIR", root.resolve("infra/pipeline-it/target/dr-backups").toString());
            env.put("PERISCOPE_BACKUP_CHECK_EVERY", "off");
            env.put("PERISCOPE_DRILL_EVERY", "off");
            env.put("PERISCOPE_READINESS_DR_REFRESH_EVERY", "2s");
            env.put("KAFKA_BOOTSTRAP_SERVERS", LocalServers.KAFKA);
            env.put("MONGO_URI", LocalServers.MONGO_URI);
            env.put("CLICKHOUSE_URI", LocalServers.CLICKHOUSE_URI);
            env.put("MONGO_DATABASE", DATABASE);
            env.put("CLICKHOUSE_DATABASE", DATABASE);
            env.put("HASH_SALT", "pipeline-it-" + UUID.randomUUID());
            env.put("PERISCOPE_INSTANCE_ID", INSTANCE);
            env.put("PERISCOPE_CONSUMER_GROUP", name + "-" + INSTANCE);
            env.put("QUARKUS_GRPC_SERVER_PORT", Integer.toString(GRPC_PORT));
            env.put("QUARKUS_HTTP_PORT", Integer.toString(name.equals("readiness-service") ? READINESS_PORT
                    : INVENTORY_PORT));
            services.add(ServiceProcess.start(root.resolve(name), name,
                    root.resolve("infra/pipeline-it/target/service-logs/" + name + ".log"), MANAGEMENT_PORTS.get(name),
                    env));
        }
        for (ServiceProcess service : services) {
            await(service.name() + " /readyz").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!service.alive()) {
                            throw new AssertionError(service.name() + " exited:\n" + service.logTail());
                        }
                        return service.ready();
                    });
        }

        List<AlsStream> streams = controlledStreams();
        controlledEntries = streams.stream().mapToInt(AlsStream::entryCount).sum() - MALFORMED_ENTRIES;
        DemoTraffic.Plan plan = DemoTraffic.build(DemoTraffic.Options.defaults().withEntries(1200).withStreams(4)
                .withProjectSuffix("-" + RUN));
        demo = plan.summary();
        List<AlsStream> all = new ArrayList<>(streams);
        all.addAll(plan.streams());
        try (EnvoyAlsClient client = new EnvoyAlsClient("127.0.0.1", GRPC_PORT)) {
            client.send(all, Duration.ofSeconds(60));
        }
    }

    /**
     * Commits the current end of the raw and enriched topics for the services' fresh consumer groups, so they start
     * at this run's records whatever history a long-lived broker holds (no "earliest" replay, no "latest" race).
     */
    private static Map<TopicPartition, Long> startAtTheEnd() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServers.KAFKA))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var topic : admin.describeTopics(List.of(Topics.ACCESS_RAW, Topics.ACCESS_ENRICHED)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).values()) {
                topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()),
                        OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
            Map<String, String> inputOf = Map.of("enricher", Topics.ACCESS_RAW, "inventory-writer",
                    Topics.ACCESS_ENRICHED, "event-writer", Topics.ACCESS_ENRICHED);
            for (Map.Entry<String, String> service : inputOf.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
                ends.forEach((partition, end) -> {
                    if (partition.topic().equals(service.getValue())) {
                        committed.put(partition, new OffsetAndMetadata(end));
                    }
                });
                admin.alterConsumerGroupOffsets(service.getKey() + "-" + INSTANCE, committed).all()
                        .get(30, TimeUnit.SECONDS);
            }
            return ends;
        }
    }

    /** Three streams of one project over two listeners, plus one stream whose node id is malformed. */
    private static List<AlsStream> controlledStreams() {
        List<HTTPAccessLogEntry> edge = new ArrayList<>();
        IntStream.rangeClosed(1, USERS_GETS).forEach(id -> edge.add(AlsEntries.http(HTTPVersion.HTTP11,
                RequestMethod.GET, "api.acme.test", "/api/users/" + id + "?expand=orders", 200, "application/json")));
        List<HTTPAccessLogEntry> edgeOrders = new ArrayList<>();
        IntStream.range(0, ORDER_POSTS).forEach(i -> edgeOrders.add(AlsEntries.http(HTTPVersion.HTTP2,
                RequestMethod.POST, "api.acme.test", "/api/orders", i % 5 == 0 ? 500 : 201, "application/json")));
        List<HTTPAccessLogEntry> internal = new ArrayList<>();
        IntStream.range(0, GRPC_CALLS).forEach(i -> internal.add(AlsEntries.grpc("acme.v1.Users", "Get",
                i % 3 == 0 ? 5 : 0)));
        List<HTTPAccessLogEntry> malformed = new ArrayList<>();
        IntStream.range(0, MALFORMED_ENTRIES).forEach(i -> malformed.add(AlsEntries.http(HTTPVersion.HTTP11,
                RequestMethod.GET, "api.acme.test", "/ignored", 200, "text/plain")));
        return List.of(
                AlsEntries.stream("public-edge::" + PROJECT + "::10.0.1.42", edge, List.of(), 7),
                AlsEntries.stream("public-edge::" + PROJECT + "::10.0.1.43", edgeOrders, List.of(AlsEntries.tcp()), 10),
                AlsEntries.stream("internal::" + PROJECT, internal, List.of(), 4),
                AlsEntries.stream("not-a-valid-node-id", malformed, List.of(), 5));
    }

    @AfterAll
    static void stopServices() throws InterruptedException {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
    }

    private static Set<String> allProjects() {
        Set<String> projects = new java.util.TreeSet<>(demo.entriesByProject().keySet());
        projects.add(PROJECT);
        return projects;
    }

    private static long expectedTotal() {
        return controlledEntries + demo.storedEntries();
    }

    @Test
    void bothTopicsCarryExactlyTheAcceptedEntries() {
        Map<String, Long> raw = new HashMap<>();
        Map<String, Long> enriched = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.assign(startOffsets.keySet());
            startOffsets.forEach(consumer::seek);
            AccessEventDeserializer deserializer = new AccessEventDeserializer();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            long quietSince = 0;
            while (System.nanoTime() < deadline) {
                int matched = 0;
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    AccessEvent event = parseOrNull(deserializer, record);
                    if (event == null || !allProjects().contains(event.getProjectId())) {
                        continue;
                    }
                    matched++;
                    if (record.topic().equals(Topics.ACCESS_ENRICHED)) {
                        assertThat(event.getSourceIp()).as("raw IP never leaves the enricher").isEmpty();
                        assertThat(event.getUserAgent()).as("raw user-agent never leaves the enricher").isEmpty();
                        assertThat(event.getSourceIpHash()).hasSize(16);
                        assertThat(CloudEventHeaders.read(record.headers(), CloudEventHeaders.TYPE))
                                .contains(CloudEventHeaders.TYPE_ACCESS_ENRICHED);
                    } else {
                        assertThat(CloudEventHeaders.read(record.headers(), CloudEventHeaders.TYPE))
                                .contains(CloudEventHeaders.TYPE_ACCESS_RAW);
                    }
                    (record.topic().equals(Topics.ACCESS_RAW) ? raw : enriched)
                            .merge(event.getProjectId(), 1L, Long::sum);
                }
                boolean complete = sum(raw) >= expectedTotal() && sum(enriched) >= expectedTotal();
                if (complete && matched == 0) {
                    if (quietSince == 0) {
                        quietSince = System.nanoTime();
                    } else if (System.nanoTime() - quietSince > Duration.ofSeconds(3).toNanos()) {
                        break;
                    }
                } else {
                    quietSince = 0;
                }
            }
        }
        Map<String, Long> expected = new HashMap<>();
        demo.storedByProject().forEach((project, count) -> expected.put(project, count.longValue()));
        expected.put(PROJECT, (long) controlledEntries);
        assertThat(raw).as("raw records per project (malformed stream and health probes dropped)")
                .isEqualTo(expected);
        assertThat(enriched).as("enriched records per project").isEqualTo(expected);
    }

    @Test
    void gatewayAccountsForEveryEntryWithDropReasons() {
        RestAssured.baseURI = "http://127.0.0.1";
        long sent = controlledEntries + MALFORMED_ENTRIES + demo.totalEntries();
        await("gateway accounting").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonPath accounting = RestAssured.given().port(MANAGEMENT_PORTS.get("ingest-gateway"))
                            .get("/accounting").then().statusCode(200).extract().jsonPath();
                    assertThat(accounting.getLong("received")).isEqualTo(sent);
                    assertThat(accounting.getLong("published")).isEqualTo(expectedTotal());
                    assertThat(accounting.getLong("dropped.malformed")).isEqualTo(MALFORMED_ENTRIES);
                    assertThat(accounting.getLong("dropped.ingest_filter")).as("default ingest_deny_patterns")
                            .isEqualTo(demo.healthProbes()).isPositive();
                    assertThat(accounting.getLong("unaccounted")).isZero();
                });
    }

    @Test
    void inventoryCountsEveryEntryOncePerEndpoint() {
        try (MongoClient mongo = MongoClients.create(LocalServers.MONGO_URI)) {
            var inventory = mongo.getDatabase(DATABASE).getCollection("api_inventory");
            await("inventory seen_count").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(seenCounts(inventory.find(Filters.eq("project_id", PROJECT))))
                            .containsExactlyInAnyOrderEntriesOf(Map.of(
                                    "GET /api/users/{id}", (long) USERS_GETS,
                                    "POST /api/orders", (long) ORDER_POSTS,
                                    "POST /acme.v1.Users/Get", (long) GRPC_CALLS,
                                    " ", 1L)));
            await("demo projects seen_count").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        for (Map.Entry<String, Integer> project : demo.storedByProject().entrySet()) {
                            long seen = seenCounts(inventory.find(Filters.eq("project_id", project.getKey())))
                                    .values().stream().mapToLong(Long::longValue).sum();
                            assertThat(seen).as(project.getKey()).isEqualTo(project.getValue().longValue());
                        }
                    });
            Document users = inventory.find(Filters.and(Filters.eq("project_id", PROJECT),
                    Filters.eq("normalized_path", "/api/users/{id}"))).first();
            assertThat(users).isNotNull();
            assertThat(users.toJson()).doesNotContain("198.51.100.23").doesNotContain("pipeline-it/1.0");
        }
    }

    @Test
    void clickHouseHoldsExactlyOneRowPerAcceptedEntry() throws Exception {
        String projects = allProjects().stream().map(p -> "'" + p + "'").collect(Collectors.joining(","));
        await("ClickHouse rows").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(clickhouse("SELECT count() FROM " + DATABASE
                        + ".api_events_raw WHERE project_id IN (" + projects + ")")).isEqualTo(
                                Long.toString(expectedTotal())));
        assertThat(clickhouse("SELECT count() FROM " + DATABASE + ".api_events_raw WHERE project_id = '" + PROJECT
                + "' AND normalized_path = '/api/users/{id}' AND source_ip_hash != '' AND source_ip = ''"))
                .isEqualTo(Integer.toString(USERS_GETS));
    }

    @Test
    void readinessServiceSeesAllFiveServices() {
        RestAssured.baseURI = "http://127.0.0.1";
        await("five instances").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    JsonPath instances = RestAssured.given().port(READINESS_PORT)
                            .header("Authorization", readinessTokens.bearer()).get("/api/instances").then()
                            .statusCode(200).extract().jsonPath();
                    List<Map<String, Object>> ours = instances.<Map<String, Object>>getList("$").stream()
                            .filter(i -> INSTANCE.equals(i.get("instance_id"))).toList();
                    assertThat(ours).extracting(i -> (String) i.get("service")).containsExactlyInAnyOrderElementsOf(
                            MANAGEMENT_PORTS.keySet());
                    assertThat(ours).allSatisfy(i -> assertThat(i.get("status")).isEqualTo("UP"));
                });
    }

    /**
     * The local stack is a deliberately unsafe deployment (single broker, MongoDB stand-in, management ports on every
     * address, no backup, no drill): readiness must block it and say why, per instance. Then an operator takes a
     * backup and runs a restore drill, and the two DR items turn green for this instance live over the SSE stream.
     */
    @Test
    void readinessBlocksTheUnsafeStackAndDrItemsTurnGreenLiveAfterABackupAndADrill() {
        String readiness = "readiness-service/" + INSTANCE;
        Map<String, String> failingSubjects = Map.of(
                "ha.kafka-topics-replicated", readiness,
                "ha.mongodb-replica-set", "inventory-writer/" + INSTANCE,
                "security.management-ports", "ingest-gateway/" + INSTANCE,
                "ha.mongodb-backup-fresh", readiness,
                "ha.restore-drill-passed", readiness);
        await("readiness blocks the unsafe stack").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    JsonPath doctor = readiness().get("/api/doctor").then().statusCode(200).extract().jsonPath();
                    assertThat(doctor.getString("verdict")).isEqualTo("blocked");
                    assertThat(doctor.getInt("exit_code")).isEqualTo(2);
                    failingSubjects.forEach((item, subject) -> assertThat(doctor.getList(
                            "failing.find { it.id == '" + item + "' }.evidence.findAll { it.subject == '" + subject
                                    + "' }.status", String.class)).as(item + " for " + subject).containsExactly("fail"));
                });

        try (ChecklistStream stream = new ChecklistStream(READINESS_PORT, readinessTokens.bearer())) {
            await("current state first").atMost(Duration.ofSeconds(30))
                    .until(() -> "fail".equals(stream.latestEvidenceStatus("ha.restore-drill-passed", readiness)));

            readiness().post("/api/backups").then().statusCode(200);
            JsonPath drill = readiness().post("/api/drills/mongo-backup-restore").then().statusCode(200).extract()
                    .jsonPath();
            assertThat(drill.getBoolean("passed")).as(drill.prettify()).isTrue();

            await("DR items pass for this instance, pushed over SSE").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                        assertThat(stream.latestEvidenceStatus("ha.restore-drill-passed", readiness)).isEqualTo("pass");
                        assertThat(stream.latestEvidenceStatus("ha.mongodb-backup-fresh", readiness)).isEqualTo("pass");
                    });
        }
        JsonPath doctor = readiness().get("/api/doctor").then().statusCode(200).extract().jsonPath();
        assertThat(doctor.getString("verdict")).as("the rest of the unsafe stack still blocks").isEqualTo("blocked");
    }

    private static io.restassured.specification.RequestSpecification readiness() {
        return RestAssured.given().baseUri("http://127.0.0.1").port(READINESS_PORT)
                .header("Authorization", readinessTokens.bearer());
    }

    /** Other tests put poison records on the shared topics on purpose; they are not ours to count. */
    private static AccessEvent parseOrNull(AccessEventDeserializer deserializer, ConsumerRecord<String, byte[]> record) {
        try {
            return deserializer.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            return null;
        }
    }

    private static Map<String, Long> seenCounts(Iterable<Document> documents) {
        Map<String, Long> counts = new HashMap<>();
        for (Document doc : documents) {
            String key = doc.getString("method") + " " + doc.getString("normalized_path");
            counts.merge(key, ((Number) doc.get("seen_count")).longValue(), Long::sum);
        }
        return counts;
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServers.KAFKA);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "pipeline-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    static String clickhouse(String sql) throws IOException, InterruptedException {
        URI uri = URI.create(LocalServers.CLICKHOUSE_URI);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri.getScheme() + "://" + uri.getHost() + ":"
                + (uri.getPort() > 0 ? uri.getPort() : 8123) + "/"))
                .POST(HttpRequest.BodyPublishers.ofString(sql + " FORMAT TabSeparated"));
        String user = System.getenv().getOrDefault("CLICKHOUSE_USERNAME", "");
        if (!user.isEmpty()) {
            request.header("X-ClickHouse-User", user)
                    .header("X-ClickHouse-Key", System.getenv().getOrDefault("CLICKHOUSE_PASSWORD", ""));
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("ClickHouse " + response.statusCode() + ": " + response.body());
        }
        return response.body().strip();
    }
}
