package dev.periscope.inventory.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;

import dev.periscope.inventory.domain.InventoryBatch;
import dev.periscope.inventory.domain.InventoryDelta;
import dev.periscope.inventory.mapping.InventoryUpdateMapper;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;

/**
 * Not a test (not run by the build): the write path of inventory-writer (fold a batch, map, one unordered bulk
 * write) against a MongoDB-API server, with a zipf key distribution. Prints events/s, MongoDB writes/s and events
 * per write, with the fenced filter and, for comparison, with an {@code _id}-only filter.
 * <p>
 * {@code java -cp <test classpath> dev.periscope.inventory.bench.InventoryWriteBench [mongoUri] [endpoints]
 * [batches] [batchSize]}; uses (and drops) database {@code periscope_bench}.
 */
public final class InventoryWriteBench {
    public static void main(String[] args) {
        String uri = args.length > 0 ? args[0] : "mongodb://127.0.0.1:27017";
        int endpoints = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int batches = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int batchSize = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        try (MongoClient client = MongoClients.create(uri)) {
            for (boolean fenced : new boolean[] {true, false}) {
                MongoCollection<Document> inventory = client.getDatabase("periscope_bench")
                        .getCollection("api_inventory");
                inventory.drop();
                run(inventory, endpoints, batches, batchSize, fenced);
                inventory.drop();
            }
        }
    }

    private static void run(MongoCollection<Document> inventory, int endpoints, int batches, int batchSize,
            boolean fenced) {
        InventoryUpdateMapper mapper = new InventoryUpdateMapper();
        Zipf zipf = new Zipf(endpoints, 1.0, new Random(7));
        long offset = 0;
        long events = 0;
        long writes = 0;
        long nanos = 0;
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
            List<WriteModel<Document>> models = new ArrayList<>();
            for (InventoryDelta delta : batch.deltas()) {
                UpdateOneModel<Document> upsert = mapper.toWriteModel(delta);
                models.add(fenced ? upsert : new UpdateOneModel<>(new Document("_id", delta.id()),
                        upsert.getUpdate(), upsert.getOptions()));
                mapper.toTrimModel(delta).ifPresent(models::add);
            }
            inventory.bulkWrite(models, new BulkWriteOptions().ordered(false));
            long took = System.nanoTime() - start;
            if (b >= batches / 4) { // the first quarter warms up the JIT and fills the collection
                nanos += took;
                events += batchSize;
                writes += models.size();
            }
        }
        double seconds = nanos / 1e9;
        System.out.printf("%s filter: %d endpoints, batch %d: %.0f events/s, %.0f MongoDB writes/s "
                + "(upserts + trims), %.1f events per write, %d documents%n", fenced ? "fenced" : "_id-only",
                endpoints, batchSize, events / seconds, writes / seconds, (double) events / writes,
                inventory.countDocuments());
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
