package dev.periscope.inventory.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

import dev.periscope.model.InventoryKey;
import dev.periscope.model.RecordKeys;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.testing.ServiceProcess;
import dev.periscope.model.v1.AccessEvent;

/**
 * Exactly-once effects under a hard crash: the packaged service is killed with SIGKILL in the middle of a stream
 * (after a chosen share of the events is in MongoDB; its last intents committed, the batch in hand applied or not),
 * restarted, and every
 * document's {@code seen_count} and {@code status_dist} must equal what was sent — no loss, no double count.
 * Real local Kafka and MongoDB-API server; each run has its own topic (3 partitions), group and database.
 */
class InventoryCrashIT {
    private static final String BOOTSTRAP = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private static final String MONGO_URI = env("MONGO_URI", "mongodb://127.0.0.1:27017");
    private static final int EVENTS = 6_000;
    private static final int ENDPOINTS = 40;
    private static final int[] STATUSES = {200, 200, 200, 201, 404, 500};
    private static final Pattern REPLAYED = Pattern.compile(
            "(?m)^periscope_inventory_replayed_events_total(?:\\{[^}]*})? ([0-9.eE+]+)$");
    private static final Pattern FENCED_UPSERTS = Pattern.compile(
            "(?m)^periscope_inventory_upserts_total\\{[^}]*filter=\"fenced\"[^}]*} ([0-9.eE+]+)$");
    private static final Pattern ID_UPSERTS = Pattern.compile(
            "(?m)^periscope_inventory_upserts_total\\{[^}]*filter=\"id\"[^}]*} ([0-9.eE+]+)$");

    private static MongoClient mongo;
    private static Admin admin;

    @BeforeAll
    static void clients() {
        mongo = MongoClients.create(MONGO_URI);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP));
    }

    @AfterAll
    static void close() {
        mongo.close();
        admin.close();
    }

    /** Killed once; the restarted service polls batches of the same size. */
    @ParameterizedTest(name = "kill -9 after {0}% applied")
    @ValueSource(ints = {20, 50, 80})
    void killedOnceMidStreamCountsEveryEventExactlyOnce(int killAtPercent) throws Exception {
        crashRun(List.of(killAtPercent), 150);
    }

    /**
     * Killed twice; the survivor polls bigger batches than the killed ones committed intents for, so its first
     * batch of each partition spans the intent boundary. It must prove it fenced the recovered intents (events found
     * already applied, fenced upserts) and then wrote by {@code _id} alone, not only end with the right counts.
     */
    @Test
    void killedTwiceCountsEveryEventExactlyOnceAndFencesOnlyTheRecoveredIntents() throws Exception {
        String metrics = crashRun(List.of(30, 70), 400);
        assertThat(metric(REPLAYED, metrics)).as("events the survivor found already applied").isPositive();
        assertThat(metric(FENCED_UPSERTS, metrics)).as("fenced upserts (inside the recovered intents)").isPositive();
        assertThat(metric(ID_UPSERTS, metrics)).as("_id-only upserts (after the recovered intents)").isPositive();
    }

    /** @return the surviving process's metrics */
    private String crashRun(List<Integer> killPoints, int survivorBatchSize) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "periscope.it.crash." + run;
        String database = "periscope_crash_" + run;
        admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        Map<String, Expected> expected = produce(topic, AccessEvents.uniqueProjectId("crash"));
        MongoDatabase db = mongo.getDatabase(database);
        MongoCollection<Document> inventory = db.getCollection("api_inventory");
        Map<String, String> env = Map.ofEntries(
                Map.entry("HASH_SALT", "7c1e9a3b5d2f4680a1c3e5b7d9f20468"),
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", BOOTSTRAP),
                Map.entry("MONGO_URI", MONGO_URI),
                Map.entry("MONGO_DATABASE", database),
                Map.entry("PERISCOPE_CONSUMER_GROUP", "inventory-writer-crash-" + run),
                Map.entry("PERISCOPE_INVENTORY_TOPIC", topic),
                Map.entry("PERISCOPE_INVENTORY_BATCH_MAX_RECORDS", "150"),
                Map.entry("PERISCOPE_HTTP_PORT", Integer.toString(freePort())),
                Map.entry("PERISCOPE_INSTANCE_ID", "crash-it-" + run),
                // the broker's minimum: the killed member's partitions move to the restarted one within seconds
                Map.entry("PERISCOPE_KAFKA_SESSION_TIMEOUT_MS", "6000"),
                Map.entry("PERISCOPE_KAFKA_HEARTBEAT_INTERVAL_MS", "1000"));
        try {
            int start = 0;
            for (int killAt : killPoints) {
                ServiceProcess service = service("crash-" + run + "-" + start++, freePort(), env);
                long target = EVENTS * killAt / 100L;
                try {
                    await("applied >= " + killAt + "%").atMost(Duration.ofSeconds(90))
                            .pollInterval(Duration.ofMillis(20))
                            .failFast(() -> !service.alive())
                            .until(() -> appliedEvents(inventory) >= target);
                } catch (RuntimeException e) {
                    throw new AssertionError("service log:\n" + service.logTail(), e);
                }
                service.kill9();
            }
            Map<String, String> survivorEnv = new HashMap<>(env);
            survivorEnv.put("PERISCOPE_INVENTORY_BATCH_MAX_RECORDS", Integer.toString(survivorBatchSize));
            ServiceProcess survivor = service("crash-" + run + "-final", freePort(), survivorEnv);
            try {
                await("every event applied after the restart").atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(250)).failFast(() -> !survivor.alive())
                        .until(() -> appliedEvents(inventory) >= EVENTS);
                await("ready").atMost(Duration.ofSeconds(30)).until(survivor::ready);
                Map<String, Expected> actual = new HashMap<>();
                for (Document doc : inventory.find()) {
                    Document dist = doc.get("status_dist", Document.class);
                    Map<String, Long> statuses = new HashMap<>();
                    dist.forEach((status, n) -> statuses.put(status, ((Number) n).longValue()));
                    actual.put(doc.getString("_id"), new Expected(((Number) doc.get("seen_count")).longValue(),
                            statuses));
                }
                assertThat(actual).as("seen_count and status_dist per document after kill -9 at %s%%", killPoints)
                        .isEqualTo(expected);
                // capped lists (bounded by one upsert when the writer knows them, by a trim when not) stay exact
                List<List<String>> consumers = new ArrayList<>();
                inventory.find().forEach(doc -> consumers.add(doc.getList("consumers", String.class)));
                assertThat(consumers).as("consumers per document: distinct, at most the default cap of 10")
                        .allSatisfy(list -> assertThat(list).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(10))
                        .anySatisfy(list -> assertThat(list).hasSize(10));
                return survivor.metrics();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\nsurvivor log:\n" + survivor.logTail(), e);
            } finally {
                survivor.close();
            }
        } finally {
            db.drop();
            admin.deleteTopics(List.of(topic));
        }
    }

    private static long appliedEvents(MongoCollection<Document> inventory) {
        long sum = 0;
        for (Document doc : inventory.find().projection(new Document("seen_count", 1))) {
            sum += ((Number) doc.get("seen_count")).longValue();
        }
        return sum;
    }

    private static double metric(Pattern metric, String metrics) {
        Matcher m = metric.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** Sends the stream (all of it before the service starts, so the kill lands while it is working). */
    private static Map<String, Expected> produce(String topic, String project) {
        Random random = new Random(42);
        Map<String, Expected> expected = new HashMap<>();
        // One request in flight: a fresh topic on a loaded broker otherwise answers OUT_OF_ORDER_SEQUENCE_NUMBER
        // for minutes (seen here). Every send is awaited, so a lost record fails here, not as a timeout later.
        List<Future<RecordMetadata>> sends = new ArrayList<>(EVENTS);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < EVENTS; i++) {
                int endpoint = (int) Math.min(ENDPOINTS - 1, Math.abs(random.nextGaussian()) * ENDPOINTS / 3);
                int status = STATUSES[random.nextInt(STATUSES.length)];
                AccessEvent event = AccessEvents.enriched(project, i % 7 == 0 ? "POST" : "GET",
                        "/resource-" + endpoint + "/{id}", status).setDurationMs(random.nextDouble() * 300)
                        .setConsumerHash("c" + random.nextInt(30)).build();
                String id = InventoryKey.of(event).id();
                expected.computeIfAbsent(id, k -> new Expected(0, new HashMap<>())).add(status);
                sends.add(producer.send(new ProducerRecord<>(topic, RecordKeys.enrichedKey(event)
                        .getBytes(StandardCharsets.UTF_8), event.toByteArray())));
            }
            producer.flush();
            for (Future<RecordMetadata> send : sends) {
                send.get(60, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("producing the test stream failed: " + e, e);
        }
        return expected;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** What one document must hold: its count and its status distribution. */
    private static final class Expected {
        long seen;
        final Map<String, Long> statuses;

        Expected(long seen, Map<String, Long> statuses) {
            this.seen = seen;
            this.statuses = statuses;
        }

        void add(int status) {
            seen++;
            statuses.merge(Integer.toString(status), 1L, Long::sum);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Expected e && e.seen == seen && e.statuses.equals(statuses);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(seen) * 31 + statuses.hashCode();
        }

        @Override
        public String toString() {
            return seen + " " + statuses;
        }
    }

    private static ServiceProcess service(String name, int managementPort, Map<String, String> env)
            throws IOException {
        return ServiceProcess.start(Path.of("."), name, Path.of("target/crash-it-logs", name + ".log"),
                managementPort, env);
    }
}
