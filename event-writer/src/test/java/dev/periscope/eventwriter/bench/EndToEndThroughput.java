package dev.periscope.eventwriter.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;

import dev.periscope.eventwriter.mapping.AccessEventRowMapper;
import dev.periscope.eventwriter.mapping.StoragePolicy;
import dev.periscope.eventwriter.writer.ApiEventsRawTable;
import dev.periscope.eventwriter.writer.ClickHouseSchema;
import dev.periscope.eventwriter.writer.ClickHouseTestSupport;
import dev.periscope.eventwriter.writer.RowBinaryEncoder;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;

/**
 * Rows/s into the local ClickHouse endpoint: (1) the endpoint's own ceiling — pre-encoded RowBinary inserts of
 * {@code batch} rows straight from one client; (2) end to end — N events in Kafka, the packaged writer started, time
 * from its first stored row to the last. Also bytes per row on disk. Usage (see BENCHMARKS.md):
 * {@code java -cp … dev.periscope.eventwriter.bench.EndToEndThroughput [events] [batch]}
 */
public final class EndToEndThroughput {
    private static final String KAFKA = "127.0.0.1:9092";

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        List<AccessEvent> sample = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            sample.add(AccessEvents.enriched("bench-" + (i % 4), i % 3 == 0 ? "POST" : "GET",
                    "/api/v1/orders/{id}/items/" + (i % 50), i % 20 == 0 ? 500 : 200).setDurationMs(3.5 + i % 500)
                    .setResponseBytes(1000L + i % 7000).setConsumerHash(String.format("%016x", i % 300))
                    .addRiskFlags("missing_hsts").putTags("geo.country", "NL").putTags("ua.class", "browser")
                    .setTlsVersion("TLSv1.3").setTlsSni("api.example.test").setConfirmed(true).build());
        }
        try (Client client = ClickHouseTestSupport.client()) {
            String direct = ClickHouseTestSupport.uniqueDatabase("periscope_bench_direct");
            new ClickHouseSchema(client, direct, 30, ClickHouseTestSupport.TIMEOUT).ensureApplied();
            long start = System.nanoTime();
            for (int from = 0; from < events; from += batch) {
                RowBinaryEncoder encoder = new RowBinaryEncoder(batch * 400);
                for (AccessEvent event : sample.subList(from, Math.min(events, from + batch))) {
                    AccessEventRowMapper.write(event, 1, StoragePolicy.hashesOnly(), encoder);
                }
                client.insert(ApiEventsRawTable.qualifiedName(direct), ApiEventsRawTable.COLUMNS,
                        encoder.toInputStream(), ClickHouseFormat.RowBinary, new InsertSettings()
                                .setDeduplicationToken("bench-" + from)
                                .serverSetting("deduplicate_blocks_in_dependent_materialized_views", "1"))
                        .get(60, TimeUnit.SECONDS).close();
            }
            double directSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("direct: %d rows in %.2f s = %.0f rows/s (batch %d, raw + 3 rollup MVs)%n", events,
                    directSeconds, events / directSeconds, batch);
            ClickHouseTestSupport.execute(client, "OPTIMIZE TABLE `" + direct + "`.api_events_raw FINAL");
            var disk = client.queryAll("SELECT sum(rows) AS r, sum(data_compressed_bytes) AS c,"
                    + " sum(data_uncompressed_bytes) AS u FROM system.parts WHERE database = '" + direct
                    + "' AND table = 'api_events_raw' AND active").get(0);
            System.out.printf("disk: %.1f bytes/row compressed, %.1f uncompressed (%.1fx)%n",
                    disk.getDouble("c") / disk.getDouble("r"), disk.getDouble("u") / disk.getDouble("r"),
                    disk.getDouble("u") / disk.getDouble("c"));
            ClickHouseTestSupport.drop(client, direct);

            String database = ClickHouseTestSupport.uniqueDatabase("periscope_bench_e2e");
            String topic = "periscope.event-writer.bench." + UUID.randomUUID().toString().substring(0, 8);
            try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA))) {
                admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            Properties props = new Properties();
            props.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                    ProducerConfig.LINGER_MS_CONFIG, 20));
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
                for (AccessEvent event : sample) {
                    producer.send(new ProducerRecord<>(topic, event.getEventId().getBytes(), event.toByteArray()));
                }
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder writer = new ProcessBuilder(java, "-Xmx512m", "-jar", "target/quarkus-app/quarkus-run.jar")
                    .redirectErrorStream(true).redirectOutput(Path.of("target/bench-writer.log").toFile());
            writer.environment().putAll(Map.of("CLICKHOUSE_DATABASE", database,
                    "PERISCOPE_EVENT_WRITER_KAFKA_TOPIC", topic, "PERISCOPE_CONSUMER_GROUP", "bench-" + topic,
                    "PERISCOPE_RUNTIME_CONFIG_ENABLED", "false", "HASH_SALT", UUID.randomUUID() + "-" + UUID.randomUUID(),
                    "QUARKUS_MANAGEMENT_PORT", "0", "BATCH_SHARDS", System.getProperty("shards", "0")));
            Process process = writer.start();
            try {
                long first = 0;
                long rows = 0;
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                while (rows < events && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                    rows = count(client, database);
                    if (rows > 0 && first == 0) {
                        first = System.nanoTime();
                    }
                }
                double seconds = (System.nanoTime() - first) / 1e9;
                System.out.printf("end to end: %d rows in %.2f s after the first row = %.0f rows/s%n", rows, seconds,
                        rows / seconds);
            } finally {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
                ClickHouseTestSupport.drop(client, database);
                try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KAFKA))) {
                    admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static long count(Client client, String database) {
        try {
            return client.queryAll("SELECT count() AS n FROM `" + database + "`.api_events_raw").get(0).getLong("n");
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
