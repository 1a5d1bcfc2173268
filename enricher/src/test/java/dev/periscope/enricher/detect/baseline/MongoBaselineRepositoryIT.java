package dev.periscope.enricher.detect.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import dev.periscope.enricher.detect.SkipListener;

/**
 * Against the real MongoDB-API server at {@code MONGO_URI} (default {@code mongodb://127.0.0.1:27017}), in a
 * database of its own: an instance snapshots its baselines, a new instance (own client, own tables) restores the
 * same baselines; a second snapshot replaces documents instead of adding new ones.
 */
class MongoBaselineRepositoryIT {
    private static final String URI = System.getenv().getOrDefault("MONGO_URI", "mongodb://127.0.0.1:27017");

    private final String databaseName = "periscope_it_baselines_" + UUID.randomUUID().toString().substring(0, 8);
    private MongoClient first;
    private MongoClient second;

    @BeforeEach
    void connect() {
        first = MongoClients.create(URI);
        second = MongoClients.create(URI);
    }

    @AfterEach
    void dropDatabase() {
        first.getDatabase(databaseName).drop();
        first.close();
        second.close();
    }

    private MongoCollection<Document> collection(MongoClient client) {
        return client.getDatabase(databaseName).getCollection(MongoBaselineRepository.COLLECTION);
    }

    private static Baselines learned(int endpoints) {
        Baselines baselines = new Baselines(10_000, SkipListener.NONE);
        for (long endpoint = 0; endpoint < endpoints; endpoint++) {
            long key = endpoint * 0x9E3779B97F4A7C15L; // spread over the whole 64-bit range, negatives included
            for (int i = 0; i < 20; i++) {
                double sample = 1000 + endpoint * 10 + i;
                baselines.responseSizes().apply(key, RunningStats::new, s -> {
                    s.add(sample);
                    return null;
                });
                baselines.latencies().apply(key, RunningStats::new, s -> {
                    s.add(sample / 100);
                    return null;
                });
                boolean error = i % 4 == 0;
                baselines.errorRates(0.3, 0.02).apply(key, ErrorRate::new, r -> {
                    r.add(error, 0.3, 0.02);
                    return null;
                });
            }
        }
        return baselines;
    }

    @Test
    void snapshotThenANewInstanceRestoresTheSameBaselines() {
        Baselines before = learned(1500); // more than one bulk batch per detector
        BaselineSnapshots writer = new BaselineSnapshots(before,
                new MongoBaselineRepository(collection(first), Clock.systemUTC()), "enricher-it-1");
        assertThat(writer.snapshot()).isEqualTo(4500);
        assertThat(collection(first).countDocuments()).isEqualTo(4500);

        Baselines after = new Baselines(10_000, SkipListener.NONE);
        BaselineSnapshots reader = new BaselineSnapshots(after,
                new MongoBaselineRepository(collection(second), Clock.systemUTC()), "enricher-it-1");
        assertThat(reader.restore()).isEqualTo(4500);
        assertThat(after.export()).containsExactlyInAnyOrderElementsOf(before.export());

        Document stored = collection(second).find(new Document("detector", "latency")).first();
        assertThat(stored).isNotNull();
        assertThat(stored.getString("_id")).startsWith("enricher-it-1/latency/");
        assertThat(stored.getString("endpoint_key")).hasSize(16);
        assertThat(stored.get("updated_at")).isInstanceOf(java.util.Date.class);
        assertThat(collection(second).listIndexes().into(new java.util.ArrayList<>()))
                .anySatisfy(index -> assertThat(index.getString("name")).isEqualTo("detector_baselines_instance"));
    }

    @Test
    void aSecondSnapshotReplacesAndInstancesStaySeparate() {
        Baselines baselines = learned(10);
        MongoBaselineRepository repository = new MongoBaselineRepository(collection(first), Clock.systemUTC());
        BaselineSnapshots snapshots = new BaselineSnapshots(baselines, repository, "enricher-it-1");
        snapshots.snapshot();
        baselines.latencies().apply(0L, RunningStats::new, s -> {
            s.add(99_999);
            return null;
        });
        snapshots.snapshot();
        assertThat(collection(first).countDocuments()).isEqualTo(30);
        assertThat(repository.load("enricher-it-1")).containsExactlyInAnyOrderElementsOf(baselines.export());
        assertThat(repository.load("enricher-it-2")).isEmpty();
    }
}
