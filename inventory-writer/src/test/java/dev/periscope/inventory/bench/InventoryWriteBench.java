package dev.periscope.inventory.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;

import dev.periscope.inventory.domain.InventoryBatch;
import dev.periscope.inventory.domain.InventoryDelta;
import dev.periscope.inventory.mapping.CappedListMirror;
import dev.periscope.inventory.mapping.InventoryUpdateMapper;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;

/**
 * Not a test (not run by the build): the write path of inventory-writer (fold a batch, map, one unordered bulk
 * write) against a MongoDB-API server, with a zipf key distribution. For each batch size it alternates the modes
 * (fenced filter on every upsert, as before the intents; {@code _id} alone with a trim per upsert, as before the
 * capped-list mirror; {@code _id} alone with the lists planned from the {@link CappedListMirror}, the hot path now,
 * including its one read per unknown document) for a number of rounds, so all run under the same machine load, and
 * prints each run and the medians: events/s, MongoDB writes/s, events per write, and CPU per event of this client
 * thread and (with {@code -Dbench.mongo-pid=PID}) of the server process.
 * <p>
 * {@code java -cp <test classpath> dev.periscope.inventory.bench.InventoryWriteBench [mongoUri] [endpoints]
 * [eventsPerRun] [batchSizes, comma-separated] [rounds]}; uses (and drops) database {@code periscope_bench}.
 */
public final class InventoryWriteBench {
    public static void main(String[] args) {
        String uri = args.length > 0 ? args[0] : "mongodb://127.0.0.1:27017";
        int endpoints = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int eventsPerRun = args.length > 2 ? Integer.parseInt(args[2]) : 60_000;
        String batchSizes = args.length > 3 ? args[3] : "1000,5000";
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> inventory = client.getDatabase("periscope_bench").getCollection("api_inventory");
            for (String size : batchSizes.split(",")) {
                int batchSize = Integer.parseInt(size.trim());
                int batches = Math.max(4, eventsPerRun / batchSize);
                java.util.Map<Mode, List<Result>> results = new java.util.EnumMap<>(Mode.class);
                for (int round = 0; round < rounds; round++) {
                    for (Mode mode : Mode.values()) {
                        inventory.drop();
                        Result result = run(inventory, endpoints, batches, batchSize, mode);
                        System.out.println("  " + result);
                        results.computeIfAbsent(mode, f -> new ArrayList<>()).add(result);
                    }
                }
                inventory.drop();
                Result fencedMedian = median(results.get(Mode.FENCED));
                for (Mode mode : Mode.values()) {
                    Result median = median(results.get(mode));
                    System.out.printf("median of %d: %s (%.2fx fenced, %.2fx _id + trims)%n", rounds, median,
                            median.eventsPerSecond() / fencedMedian.eventsPerSecond(),
                            median.eventsPerSecond() / median(results.get(Mode.ID)).eventsPerSecond());
                }
            }
        }
    }

    enum Mode {
        FENCED("fenced filter + trims"), ID("_id-only filter + trims"), PLANNED("_id-only filter, planned lists");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    record Result(Mode mode, int endpoints, int batchSize, double eventsPerSecond, double writesPerSecond,
            double eventsPerWrite, long documents, double clientMicrosPerEvent, double serverMicrosPerEvent) {
        @Override
        public String toString() {
            return String.format("%s: %d endpoints, batch %d: %.0f events/s, %.0f MongoDB writes/s "
                    + "(upserts + trims), %.1f events per write, %d documents; CPU per event: client %.1f µs,"
                    + " server %.1f µs", mode.label, endpoints, batchSize, eventsPerSecond, writesPerSecond,
                    eventsPerWrite, documents, clientMicrosPerEvent, serverMicrosPerEvent);
        }
    }

    private static Result median(List<Result> results) {
        List<Result> sorted = new ArrayList<>(results);
        sorted.sort(java.util.Comparator.comparingDouble(Result::eventsPerSecond));
        return sorted.get(sorted.size() / 2);
    }

    private static Result run(MongoCollection<Document> inventory, int endpoints, int batches, int batchSize,
            Mode mode) {
        InventoryUpdateMapper mapper = new InventoryUpdateMapper();
        CappedListMirror mirror = new CappedListMirror(50_000);
        Zipf zipf = new Zipf(endpoints, 1.0, new Random(7));
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long offset = 0;
        long events = 0;
        long writes = 0;
        long nanos = 0;
        long clientCpuNanos = 0;
        double serverCpuSeconds = 0;
        for (int b = 0; b < batches; b++) {
            InventoryBatch<Long> batch = new InventoryBatch<>();
            for (int i = 0; i < batchSize; i++) {
                int endpoint = zipf.next();
                AccessEvent event = AccessEvents.enriched("bench", i % 5 == 0 ? "POST" : "GET",
                        "/api/r" + endpoint + "/{id}", i % 10 == 0 ? 404 : 200)
                        .setConsumerHash("c" + (i % 50)).addQueryParamNames("page").build();
                batch.add(event, 0, offset, offset);
                offset++;
            }
            long start = System.nanoTime();
            long clientCpu = threads.getCurrentThreadCpuTime();
            double serverCpu = serverCpuSeconds();
            List<WriteModel<Document>> models = new ArrayList<>();
            List<CappedListMirror.Plan> plans = new ArrayList<>();
            if (mode == Mode.PLANNED) {
                learn(inventory, mirror, batch.deltas());
            }
            for (InventoryDelta delta : batch.deltas()) {
                java.util.Optional<CappedListMirror.Plan> plan = mode == Mode.PLANNED ? mirror.plan(delta)
                        : java.util.Optional.empty();
                plan.ifPresent(plans::add);
                models.add(mapper.toWriteModel(delta, mode == Mode.FENCED, plan));
            }
            for (InventoryDelta delta : batch.deltas()) {
                if (mode != Mode.PLANNED) {
                    mapper.toTrimModel(delta).ifPresent(models::add);
                }
            }
            inventory.bulkWrite(models, new BulkWriteOptions().ordered(false));
            plans.forEach(mirror::applied);
            long took = System.nanoTime() - start;
            if (b >= batches / 4) { // the first quarter warms up the JIT and fills the collection
                nanos += took;
                clientCpuNanos += threads.getCurrentThreadCpuTime() - clientCpu;
                serverCpuSeconds += serverCpuSeconds() - serverCpu;
                events += batchSize;
                writes += models.size();
            }
        }
        double seconds = nanos / 1e9;
        return new Result(mode, endpoints, batchSize, events / seconds, writes / seconds, (double) events / writes,
                inventory.countDocuments(), clientCpuNanos / 1e3 / events, serverCpuSeconds * 1e6 / events);
    }

    /** What the service does before planning: one read of the documents whose lists it does not know. */
    private static void learn(MongoCollection<Document> inventory, CappedListMirror mirror,
            List<InventoryDelta> deltas) {
        List<String> unknown = mirror.unknown(deltas.stream().map(InventoryDelta::id).toList());
        if (unknown.isEmpty()) {
            return;
        }
        java.util.Set<String> found = new java.util.HashSet<>();
        for (Document doc : inventory.find(new Document("_id", new Document("$in", unknown)))
                .projection(com.mongodb.client.model.Projections.include(InventoryUpdateMapper.CAPPED_LIST_FIELDS))) {
            java.util.Map<String, List<String>> lists = new java.util.HashMap<>();
            for (String field : InventoryUpdateMapper.CAPPED_LIST_FIELDS) {
                List<String> values = doc.getList(field, String.class);
                lists.put(field, values == null ? List.of() : values);
            }
            mirror.learn(doc.getString("_id"), lists);
            found.add(doc.getString("_id"));
        }
        unknown.stream().filter(id -> !found.contains(id)).forEach(mirror::learnAbsent);
    }

    /** CPU seconds of the server process named by {@code -Dbench.mongo-pid} (NaN without it). */
    private static double serverCpuSeconds() {
        String pid = System.getProperty("bench.mongo-pid", "");
        if (!pid.matches("[0-9]+")) {
            return Double.NaN;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Zipf(s) over 0..n-1 by inverse CDF. */
    private static final class Zipf {
        private final double[] cdf;
        private final Random random;

        Zipf(int n, double s, Random random) {
            this.random = random;
            cdf = new double[n];
            double sum = 0;
            for (int k = 1; k <= n; k++) {
                sum += 1 / Math.pow(k, s);
                cdf[k - 1] = sum;
            }
            for (int k = 0; k < n; k++) {
                cdf[k] /= sum;
            }
        }

        int next() {
            int i = java.util.Arrays.binarySearch(cdf, random.nextDouble());
            return i >= 0 ? i : -i - 1;
        }
    }
}
