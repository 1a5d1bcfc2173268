package dev.periscope.eventwriter.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;

import dev.periscope.eventwriter.writer.ClickHouseTestSupport;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;
import dev.periscope.model.testing.ServiceProcess;

/**
 * kill -9 of the packaged writer mid-stream, several times, each time restarted: every event ends up exactly once in
 * api_events_raw (and in the rollups), because each insert's range is committed as an intent before the insert and
 * replayed with the same deduplication token after the crash.
 */
class CrashRecoveryIT {
    private static final String CLICKHOUSE_URI = Optional.ofNullable(System.getenv("CLICKHOUSE_URI"))
            .orElse("http://127.0.0.1:8123");
    private static final String KAFKA = Optional.ofNullable(System.getenv("KAFKA_BOOTSTRAP_SERVERS"))
            .orElse("127.0.0.1:9092");
    private static final int EVENTS = 6_000;
    private static final int PARTITIONS = 3;
    private static final String TOPIC = "periscope.event-writer.crash-it." + UUID.randomUUID().toString().substring(0, 8);
    private static final String DATABASE = ClickHouseTestSupport.uniqueDatabase("periscope_crash");
    private static final String GROUP = "event-writer-crash-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String PROJECT = AccessEvents.uniqueProjectId("crash");

    private static Client clickhouse;
    private static SlowAckProxy slowAcks;

    @BeforeAll
    static void topic() throws Exception {
        clickhouse = ClickHouseTestSupport.client();
        java.net.URI target = java.net.URI.create(CLICKHOUSE_URI);
        slowAcks = new SlowAckProxy(target.getHost(), target.getPort() > 0 ? target.getPort() : 8123,
                Duration.ofMillis(400));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        slowAcks.close();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA))) {
            admin.deleteTopics(List.of(TOPIC)).all().get(30, TimeUnit.SECONDS);
        } finally {
            ClickHouseTestSupport.drop(clickhouse, DATABASE);
            clickhouse.close();
        }
    }

    @Test
    void killedMidStreamSeveralTimesStoresEveryEventExactlyOnce() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        Thread producer = new Thread(() -> produce(sent), "crash-it-producer");
        producer.start();

        int restarts = 0;
        long replays = 0;
        // kill points: right after start-up, and each time the stored row count passes a mark (inserts in flight)
        long[] marks = {-1, 1_200, 2_400, 3_600, 4_800};
        for (long mark : marks) {
            ServiceProcess writer = writer(freePort(), env(restarts), "writer-" + restarts);
            restarts++;
            try {
                if (mark < 0) {
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                            .until(() -> storedRows() > 0 || !writer.alive());
                } else {
                    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                            .until(() -> storedRows() >= mark || !writer.alive());
                }
                assertThat(writer.alive()).as(writer.logTail()).isTrue();
            } finally {
                writer.kill9();
            }
            replays += writer.logLinesContaining("replaying the interrupted insert");
        }
        producer.join(TimeUnit.MINUTES.toMillis(2));
        assertThat(sent.get()).isEqualTo(EVENTS);

        try (ServiceProcess last = writer(freePort(), env(restarts), "writer-final")) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> storedRows() >= EVENTS || !last.alive());
            // nothing more arrives: no duplicate from any replayed range
            await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
            assertThat(storedRows()).as("rows after all replays").isEqualTo(EVENTS);
            assertThat(last.alive()).as(last.logTail()).isTrue();
            replays += last.logLinesContaining("replaying the interrupted insert");
        }
        // the kills did land between an insert and its commit, and the restarted writer repeated those ranges
        assertThat(replays).as("ranges replayed from a recorded intent").isGreaterThanOrEqualTo(2);
        GenericRecord totals = clickhouse.queryAll("SELECT count() AS n, uniqExact(event_id) AS ids FROM `" + DATABASE
                + "`.api_events_raw WHERE project_id = '" + PROJECT + "'").get(0);
        assertThat(totals.getLong("n")).isEqualTo(EVENTS);
        assertThat(totals.getLong("ids")).isEqualTo(EVENTS);
        long rollup = clickhouse.queryAll("SELECT sumMerge(events_count) AS n FROM `" + DATABASE
                + "`.api_events_1m WHERE project_id = '" + PROJECT + "'").get(0).getLong("n");
        assertThat(rollup).as("rollup count after replays").isEqualTo(EVENTS);
    }

    /**
     * Each run gets another row budget (as after an operator changed BATCH_MAX_SIZE), so a restarted writer would
     * cut its backlog at other offsets than the killed one did; only the recorded intent makes it repeat the
     * interrupted range exactly (without it, this test sees duplicates).
     */
    private static Map<String, String> env(int run) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", KAFKA);
        // through the slow-ack proxy (plain http, same credentials): rows land before the writer hears of them
        String userInfo = java.net.URI.create(CLICKHOUSE_URI).getRawUserInfo();
        env.put("CLICKHOUSE_URI", "http://" + (userInfo == null ? "" : userInfo + "@") + "127.0.0.1:" + slowAcks.port());
        env.put("CLICKHOUSE_DATABASE", DATABASE);
        env.put("PERISCOPE_EVENT_WRITER_KAFKA_TOPIC", TOPIC);
        env.put("PERISCOPE_CONSUMER_GROUP", GROUP);
        env.put("PERISCOPE_RUNTIME_CONFIG_ENABLED", "false");
        env.put("HASH_SALT", "crash-it-" + UUID.randomUUID() + UUID.randomUUID());
        env.put("PERISCOPE_INSTANCE_ID", "event-writer-crash-it");
        // static membership: the restarted writer gets its partitions back at once, not after the session timeout
        env.put("PERISCOPE_EVENT_WRITER_KAFKA_GROUP_INSTANCE_ID", "event-writer-crash-it");
        // many small inserts, so a kill lands between insert and commit often
        env.put("BATCH_MAX_SIZE", Integer.toString(List.of(600, 390, 840, 510, 720, 450).get(run % 6)));
        env.put("BATCH_FLUSH_INTERVAL", "50ms");
        env.put("BATCH_SHARDS", "3");
        return env;
    }

    private static void produce(AtomicInteger sent) {
        Properties props = new Properties();
        props.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < EVENTS; i++) {
                AccessEvent event = AccessEvents.enriched(PROJECT, "GET", "/crash/{id}", i % 11 == 0 ? 500 : 200)
                        .build();
                producer.send(new ProducerRecord<>(TOPIC, i % PARTITIONS, event.getEventId()
                        .getBytes(StandardCharsets.UTF_8), event.toByteArray()));
                sent.incrementAndGet();
                if (i % 100 == 99) {
                    producer.flush();
                    Thread.sleep(330); // a stream of ~300 events/s that the kills land in, not one burst
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long storedRows() {
        try {
            long tables = clickhouse.queryAll("SELECT count() AS n FROM system.tables WHERE database = '" + DATABASE
                    + "' AND name = 'api_events_raw'").get(0).getLong("n");
            if (tables == 0) {
                return 0;
            }
            return clickhouse.queryAll("SELECT count() AS n FROM `" + DATABASE + "`.api_events_raw WHERE project_id = '"
                    + PROJECT + "'").get(0).getLong("n");
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static ServiceProcess writer(int managementPort, Map<String, String> env, String logName)
            throws java.io.IOException {
        return ServiceProcess.start(Path.of("."), logName, Path.of("target/crash-it-logs", logName + ".log"),
                managementPort, env);
    }
}
