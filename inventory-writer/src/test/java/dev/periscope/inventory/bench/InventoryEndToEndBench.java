package dev.periscope.inventory.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import dev.periscope.model.RecordKeys;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.testing.ServiceProcess;
import dev.periscope.model.v1.AccessEvent;

/**
 * Not a test (not run by the build): the packaged service end to end — a private topic (6 partitions) filled with
 * zipf-distributed events before the start, the service (its own group and database) consuming it from the
 * beginning; events/s from the first applied event to the last, and the batch sizes the service really polled.
 * <p>
 * {@code java -cp <test classpath> dev.periscope.inventory.bench.InventoryEndToEndBench [kafka] [mongoUri] [events]
 * [endpoints] [maxPollRecords]}, from the repository root after {@code package}; {@code -Dbench.module=DIR} runs
 * another build of the module (e.g. the previous commit's, for a before/after pair on the same machine state;
 * add {@code -Dbench.legacy=true} for a build from before the own consumer loop).
 */
public final class InventoryEndToEndBench {
    private static final Pattern BATCH_SUM = Pattern.compile("(?m)^periscope_batch_size_sum(?:\\{[^}]*})? ([0-9.eE+]+)$");
    private static final Pattern BATCH_COUNT = Pattern.compile(
            "(?m)^periscope_batch_size_count(?:\\{[^}]*})? ([0-9.eE+]+)$");

    public static void main(String[] args) throws Exception {
        // the module to run (its target/quarkus-app), e.g. an older build unpacked elsewhere, for a before/after pair
        Path module = Path.of(System.getProperty("bench.module", "inventory-writer"));
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
        String uri = args.length > 1 ? args[1] : "mongodb://127.0.0.1:27017";
        int events = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        int endpoints = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        String maxPollRecords = args.length > 4 ? args[4] : "20000";
        String run = Long.toString(System.currentTimeMillis());
        String topic = "periscope.bench.inventory." + run;
        String database = "periscope_bench_e2e_" + run;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                MongoClient mongo = MongoClients.create(uri)) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                produce(bootstrap, topic, events, endpoints);
                MongoCollection<Document> inventory = mongo.getDatabase(database).getCollection("api_inventory");
                int port = 28291;
                Map<String, String> env = new java.util.HashMap<>(Map.ofEntries(
                        Map.entry("HASH_SALT", "5b1d9e3c7a2f4860b1d3e5f7a9c20468"),
                        Map.entry("KAFKA_BOOTSTRAP_SERVERS", bootstrap), Map.entry("MONGO_URI", uri),
                        Map.entry("MONGO_DATABASE", database), Map.entry("PERISCOPE_INVENTORY_TOPIC", topic),
                        Map.entry("PERISCOPE_CONSUMER_GROUP", "inventory-bench-" + run),
                        Map.entry("PERISCOPE_INVENTORY_BATCH_MAX_RECORDS", maxPollRecords),
                        Map.entry("PERISCOPE_HTTP_PORT", "28200"),
                        Map.entry("PERISCOPE_INSTANCE_ID", "bench-e2e-" + run)));
                if (Boolean.getBoolean("bench.legacy")) {
                    // the topic's variable before the own consumer loop (a SmallRye channel); the current build
                    // refuses it (SmallRye reads it as a channel "access" without a connector)
                    env.put("MP_MESSAGING_INCOMING_ACCESS_ENRICHED_TOPIC", topic);
                }
                try (ServiceProcess service = ServiceProcess.start(module, "bench-e2e",
                        module.resolve("target/bench-e2e.log"), port, env)) {
                    long first = 0;
                    long applied = 0;
                    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                    while (applied < events && System.nanoTime() < deadline && service.alive()) {
                        Thread.sleep(200);
                        applied = applied(inventory);
                        if (first == 0 && applied > 0) {
                            first = System.nanoTime();
                        }
                    }
                    double seconds = (System.nanoTime() - first) / 1e9;
                    String metrics = service.metrics();
                    double polls = metric(BATCH_COUNT, metrics);
                    System.out.printf("%d of %d events applied in %.1f s after the first: %.0f events/s; %.0f polled"
                            + " batches, %.0f records per batch on average (max-poll-records %s); %d documents%n",
                            applied, events, seconds, applied / seconds, polls,
                            polls == 0 ? 0 : metric(BATCH_SUM, metrics) / polls, maxPollRecords,
                            inventory.countDocuments());
                    metrics.lines().filter(line -> line.startsWith("kafka_consumer_fetch_manager_records_lag_max"))
                            .forEach(line -> System.out.println("consumer lag at the end: " + line));
                } finally {
                    mongo.getDatabase(database).drop();
                }
            } finally {
                admin.deleteTopics(List.of(topic));
            }
        }
    }

    private static void produce(String bootstrap, String topic, int events, int endpoints) {
        Random random = new Random(7);
        double[] cdf = new double[endpoints];
        double sum = 0;
        for (int k = 1; k <= endpoints; k++) {
            sum += 1.0 / k;
            cdf[k - 1] = sum;
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262_144),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events; i++) {
                int found = java.util.Arrays.binarySearch(cdf, random.nextDouble() * sum);
                int endpoint = found >= 0 ? found : -found - 1;
                AccessEvent event = AccessEvents.enriched("bench", i % 5 == 0 ? "POST" : "GET",
                        "/api/r" + endpoint + "/{id}", i % 10 == 0 ? 404 : 200)
                        .setConsumerHash("c" + (i % 50)).addQueryParamNames("page").build();
                producer.send(new ProducerRecord<>(topic, RecordKeys.enrichedKey(event)
                        .getBytes(StandardCharsets.UTF_8), event.toByteArray()));
            }
            producer.flush();
        }
    }

    private static long applied(MongoCollection<Document> inventory) {
        Document total = inventory.aggregate(List.of(new Document("$group", new Document("_id", null)
                .append("n", new Document("$sum", "$seen_count"))))).first();
        return total == null ? 0 : ((Number) total.get("n")).longValue();
    }

    private static double metric(Pattern pattern, String metrics) {
        Matcher m = pattern.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
