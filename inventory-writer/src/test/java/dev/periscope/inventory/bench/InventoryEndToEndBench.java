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
 * add {@code -Dbench.legacy=true} for a build from before the own consumer loop); {@code
 * -Dbench.service-jvm-options=...} passes JVM options to the service (e.g. a flight recording), {@code
 * -Dbench.pids=mongo=PID,kafka=PID} adds those servers' CPU time to the report. Progress is read from the service's
 * {@code periscope_events_applied_total}, not from the store, so the measurement does not load the server measured;
 * the stored {@code seen_count} sum is checked once at the end.
 */
public final class InventoryEndToEndBench {
    private static final Pattern BATCH_SUM = Pattern.compile("(?m)^periscope_batch_size_sum(?:\\{[^}]*})? ([0-9.eE+]+)$");
    private static final Pattern BATCH_COUNT = Pattern.compile(
            "(?m)^periscope_batch_size_count(?:\\{[^}]*})? ([0-9.eE+]+)$");
    private static final Pattern APPLIED = Pattern.compile(
            "(?m)^periscope_events_applied_total(?:\\{[^}]*})? ([0-9.eE+]+)$");
    private static final Pattern WRITE_SECONDS = Pattern.compile(
            "(?m)^periscope_mongo_insert_duration_seconds_sum(?:\\{[^}]*})? ([0-9.eE+]+)$");
    private static final Pattern UPSERTS = Pattern.compile(
            "(?m)^periscope_inventory_upserts_total(?:\\{[^}]*})? ([0-9.eE+]+)$");
    private static final Pattern TRIMS = Pattern.compile(
            "(?m)^periscope_inventory_trims_total(?:\\{[^}]*})? ([0-9.eE+]+)$");

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
                int port = freePort(); // fixed ports collided with other benchmarks on the same machine
                Map<String, String> env = new java.util.HashMap<>(Map.ofEntries(
                        Map.entry("HASH_SALT", "5b1d9e3c7a2f4860b1d3e5f7a9c20468"),
                        Map.entry("KAFKA_BOOTSTRAP_SERVERS", bootstrap), Map.entry("MONGO_URI", uri),
                        Map.entry("MONGO_DATABASE", database), Map.entry("PERISCOPE_INVENTORY_TOPIC", topic),
                        Map.entry("PERISCOPE_CONSUMER_GROUP", "inventory-bench-" + run),
                        Map.entry("PERISCOPE_INVENTORY_BATCH_MAX_RECORDS", maxPollRecords),
                        Map.entry("PERISCOPE_HTTP_PORT", Integer.toString(freePort())),
                        Map.entry("PERISCOPE_INSTANCE_ID", "bench-e2e-" + run)));
                String jvmOptions = System.getProperty("bench.service-jvm-options", "");
                if (!jvmOptions.isBlank()) { // e.g. -XX:StartFlightRecording=filename=/tmp/writer.jfr
                    env.put("JAVA_TOOL_OPTIONS", jvmOptions);
                }
                if (Boolean.getBoolean("bench.legacy")) {
                    // the topic's variable before the own consumer loop (a SmallRye channel); the current build
                    // refuses it (SmallRye reads it as a channel "access" without a connector)
                    env.put("MP_MESSAGING_INCOMING_ACCESS_ENRICHED_TOPIC", topic);
                }
                try (ServiceProcess service = ServiceProcess.start(module, "bench-e2e",
                        module.resolve("target/bench-e2e.log"), port, env)) {
                    // progress from the service's own counter: polling the store would load the server measured
                    long first = 0;
                    long applied = 0;
                    CpuTimes cpuAtFirst = null;
                    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                    while (applied < events && System.nanoTime() < deadline && service.alive()) {
                        Thread.sleep(200);
                        applied = (long) metric(APPLIED, service.metrics());
                        if (first == 0 && applied > 0) {
                            first = System.nanoTime();
                            cpuAtFirst = CpuTimes.now();
                        }
                    }
                    if (!service.alive()) {
                        System.out.println("the service exited early:\n" + service.logTail());
                    }
                    double seconds = (System.nanoTime() - first) / 1e9;
                    CpuTimes cpu = cpuAtFirst == null ? null : CpuTimes.now().minus(cpuAtFirst);
                    String metrics = service.metrics();
                    double polls = metric(BATCH_COUNT, metrics);
                    long stored = applied(inventory);
                    System.out.printf("%d of %d events applied in %.1f s after the first: %.0f events/s; %.0f polled"
                            + " batches, %.0f records per batch on average (max-poll-records %s); %d documents,"
                            + " seen_count sum %d%n",
                            applied, events, seconds, applied / seconds, polls,
                            polls == 0 ? 0 : metric(BATCH_SUM, metrics) / polls, maxPollRecords,
                            inventory.countDocuments(), stored);
                    double upserts = sum(UPSERTS, metrics);
                    double trims = sum(TRIMS, metrics);
                    System.out.printf("MongoDB writes: %.0f upserts + %.0f trims%s, %.1f s inside bulk writes%n",
                            upserts, trims, metrics.contains("periscope_inventory_trims_total") ? "" : " (not counted by"
                            + " this build)", metric(WRITE_SECONDS, metrics));
                    if (cpu != null) {
                        System.out.println("CPU from the first applied event to the last: " + cpu.describe(applied));
                        System.out.println("service threads: " + cpu.describeThreads());
                    }
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

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Sum over every label set of a counter. */
    private static double sum(Pattern pattern, String metrics) {
        double total = 0;
        Matcher m = pattern.matcher(metrics);
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    /**
     * CPU seconds (user + system) of the service (this JVM's child) and of the servers named by
     * {@code -Dbench.pids=mongo=PID,kafka=PID}, read from {@code /proc/<pid>/stat}.
     */
    private record CpuTimes(Map<String, Double> seconds, Map<String, Double> serviceThreads) {
        static CpuTimes now() {
            Map<String, Double> seconds = new java.util.LinkedHashMap<>();
            Map<String, Double> threads = new java.util.HashMap<>();
            ProcessHandle.current().children().findFirst().ifPresent(child -> {
                seconds.put("service", cpuSeconds(child.pid()));
                threads.putAll(threadSeconds(child.pid()));
            });
            for (String entry : System.getProperty("bench.pids", "").split(",")) {
                String[] nameAndPid = entry.split("=");
                if (nameAndPid.length == 2 && !nameAndPid[1].isBlank()) {
                    seconds.put(nameAndPid[0], cpuSeconds(Long.parseLong(nameAndPid[1].trim())));
                }
            }
            return new CpuTimes(seconds, threads);
        }

        CpuTimes minus(CpuTimes earlier) {
            Map<String, Double> delta = new java.util.LinkedHashMap<>();
            seconds.forEach((name, s) -> delta.put(name, s - earlier.seconds().getOrDefault(name, 0.0)));
            Map<String, Double> threads = new java.util.HashMap<>();
            serviceThreads.forEach((name, s) -> threads.put(name, s - earlier.serviceThreads().getOrDefault(name,
                    0.0)));
            return new CpuTimes(delta, threads);
        }

        /** The service's busiest thread groups (JIT compilers, GC, the consumer, ...). */
        String describeThreads() {
            StringBuilder out = new StringBuilder();
            serviceThreads.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .limit(6).forEach(e -> out.append(String.format("%s %.1f s  ", e.getKey(), e.getValue())));
            return out.toString().trim();
        }

        /** CPU seconds per thread name, digits dropped so that e.g. all C2 compiler threads add up. */
        private static Map<String, Double> threadSeconds(long pid) {
            Map<String, Double> threads = new java.util.HashMap<>();
            try (java.util.stream.Stream<Path> tasks = java.nio.file.Files.list(Path.of("/proc", Long.toString(pid),
                    "task"))) {
                tasks.forEach(task -> {
                    try {
                        String stat = java.nio.file.Files.readString(task.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                                .replaceAll("[0-9]+", "#");
                        threads.merge(name, cpuOf(stat), Double::sum);
                    } catch (java.io.IOException | RuntimeException e) {
                        // the thread ended meanwhile
                    }
                });
            } catch (java.io.IOException e) {
                // the process ended
            }
            return threads;
        }

        String describe(long events) {
            StringBuilder out = new StringBuilder();
            seconds.forEach((name, s) -> out.append(String.format("%s %.1f s (%.1f µs/event)  ", name, s,
                    events == 0 ? 0 : s * 1e6 / events)));
            return out.toString().trim();
        }

        private static double cpuSeconds(long pid) {
            try {
                return cpuOf(java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
            } catch (java.io.IOException | RuntimeException e) {
                return Double.NaN;
            }
        }

        private static double cpuOf(String stat) {
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // utime, stime in ticks
        }
    }

    private static double metric(Pattern pattern, String metrics) {
        Matcher m = pattern.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
