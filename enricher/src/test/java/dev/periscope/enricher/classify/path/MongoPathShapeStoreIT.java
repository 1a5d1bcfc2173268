package dev.periscope.enricher.classify.path;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import dev.periscope.model.config.PathNormalization;

/**
 * Against the real MongoDB-API server at {@code MONGO_URI} (default {@code mongodb://127.0.0.1:27017}), in a
 * database of its own: two replicas — separate clients, stores and views — share what they learned, and gap
 * reports land in {@code normalize_gaps} with the 7-day TTL index.
 */
class MongoPathShapeStoreIT {
    private static final String URI = System.getenv().getOrDefault("MONGO_URI", "mongodb://127.0.0.1:27017");

    private final String databaseName = "periscope_it_path_" + UUID.randomUUID().toString().substring(0, 8);
    private MongoClient replicaAClient;
    private MongoClient replicaBClient;

    @BeforeEach
    void connect() {
        replicaAClient = MongoClients.create(URI);
        replicaBClient = MongoClients.create(URI);
    }

    @AfterEach
    void dropDatabase() {
        replicaAClient.getDatabase(databaseName).drop();
        replicaAClient.close();
        replicaBClient.close();
    }

    private LearnedPathShapes replica(MongoClient client) {
        MongoPathShapeStore store = new MongoPathShapeStore(
                client.getDatabase(databaseName).getCollection(MongoPathShapeStore.COLLECTION), Clock.systemUTC());
        return new LearnedPathShapes(store, Clock.systemUTC(), 10_000);
    }

    private static String normalize(LearnedPathShapes shapes, String path) {
        return new PathTemplater(PathNormalization.defaults(), shapes, null).normalize("proj", "edge", "GET", path)
                .path();
    }

    @Test
    void twoReplicasShareLearnedShapes() {
        LearnedPathShapes a = replica(replicaAClient);
        LearnedPathShapes b = replica(replicaBClient);
        for (String id : List.of("ab12", "cd34", "ef56")) {
            assertThat(normalize(a, "/accounts/" + id + "/orders")).isEqualTo("/accounts/" + id + "/orders");
        }
        for (String id : List.of("gh78", "ij90")) {
            assertThat(normalize(b, "/accounts/" + id + "/orders")).isEqualTo("/accounts/" + id + "/orders");
        }
        assertThat(a.flush()).isEqualTo(1);
        assertThat(b.flush()).isEqualTo(1);
        assertThat(a.reload()).isEqualTo(1);
        assertThat(b.reload()).isEqualTo(1);

        assertThat(normalize(a, "/accounts/zz01/orders")).isEqualTo("/accounts/{id}/orders");
        assertThat(normalize(b, "/accounts/zz02/orders")).isEqualTo("/accounts/{id}/orders");

        MongoDatabase database = replicaAClient.getDatabase(databaseName);
        Document stored = database.getCollection(MongoPathShapeStore.COLLECTION).find().first();
        assertThat(stored).isNotNull();
        assertThat(stored.getString("_id")).isEqualTo(new PathPosition("proj", "edge", "GET", "/accounts", 2).id());
        assertThat(stored.getString("parent_path")).isEqualTo("/accounts");
        assertThat(stored.getList("value_hashes", String.class)).hasSize(5)
                .allSatisfy(hash -> assertThat(hash).matches("[0-9a-f]{12}"))
                .doesNotContain("ab12", "gh78");
        assertThat(database.getCollection(MongoPathShapeStore.COLLECTION).listIndexes()
                .map(index -> index.getString("name")).into(new java.util.ArrayList<>()))
                .contains(MongoPathShapeStore.UPDATED_AT_INDEX);

        // a replica started afterwards knows the template from its first reload
        LearnedPathShapes c = replica(replicaBClient);
        c.reload();
        assertThat(normalize(c, "/accounts/yy03/orders")).isEqualTo("/accounts/{id}/orders");
    }

    @Test
    void gapDocumentIsWrittenWithItsTtlIndex() {
        MongoNormalizeGapStore store = new MongoNormalizeGapStore(
                replicaAClient.getDatabase(databaseName).getCollection(MongoNormalizeGapStore.COLLECTION));
        Instant windowStart = Instant.parse("2026-12-01T08:00:00Z");
        Instant detectedAt = Instant.parse("2026-12-01T08:20:00Z");
        store.save(List.of(new NormalizeGap("proj", "/catalog/items", 65, windowStart, detectedAt,
                List.of("SKU.0", "SKU.1", "SKU.2"))));
        store.ensureIndexes(); // idempotent
        store.save(List.of(new NormalizeGap("proj", "/catalog/items", 70, windowStart, detectedAt.plusSeconds(60),
                List.of("SKU.0"))));

        MongoDatabase database = replicaBClient.getDatabase(databaseName);
        List<Document> gaps = database.getCollection(MongoNormalizeGapStore.COLLECTION).find()
                .into(new java.util.ArrayList<>());
        assertThat(gaps).singleElement().satisfies(gap -> {
            assertThat(gap.getString("_id")).isEqualTo(MongoNormalizeGapStore.id("proj", "/catalog/items"));
            assertThat(gap.getString("project_id")).isEqualTo("proj");
            assertThat(gap.getString("prefix")).isEqualTo("/catalog/items");
            assertThat(gap.getInteger("distinct_literals")).isEqualTo(70);
            assertThat(gap.getDate("detected_at")).isEqualTo(Date.from(detectedAt.plusSeconds(60)));
            assertThat(gap.getDate("window_start")).isEqualTo(Date.from(windowStart));
            assertThat(gap.getList("samples", String.class)).containsExactly("SKU.0");
        });
        Document ttl = database.getCollection(MongoNormalizeGapStore.COLLECTION).listIndexes()
                .into(new java.util.ArrayList<>()).stream()
                .filter(index -> MongoNormalizeGapStore.TTL_INDEX.equals(index.getString("name")))
                .findFirst().orElseThrow();
        assertThat(((Number) ttl.get("expireAfterSeconds")).longValue()).isEqualTo(7L * 24 * 3600);
        assertThat(ttl.get("key", Document.class)).containsEntry("detected_at", 1);
    }

    @Test
    void jobsFlushTheDetectorsReportsToMongo() {
        MongoClient client = replicaAClient;
        LearnedPathShapes shapes = replica(client);
        NormalizeGapDetector detector = new NormalizeGapDetector(Clock.systemUTC());
        PathLearningJobs jobs = new PathLearningJobs(shapes, detector, new MongoNormalizeGapStore(
                client.getDatabase(databaseName).getCollection(MongoNormalizeGapStore.COLLECTION)));
        PathTemplater templater = new PathTemplater(PathNormalization.defaults(), shapes, detector);
        for (int i = 0; i < 65; i++) {
            templater.normalize("proj", "edge", "GET", "/catalog/items/SKU." + i);
        }
        templater.normalize("proj", "edge", "GET", "/accounts/ab12");
        jobs.close(); // never started: close still flushes once
        assertThat(jobs.gapsWritten()).isEqualTo(1);
        assertThat(jobs.flushFailures()).isZero();
        MongoDatabase database = client.getDatabase(databaseName);
        assertThat(database.getCollection(MongoNormalizeGapStore.COLLECTION).countDocuments()).isEqualTo(1);
        assertThat(database.getCollection(MongoPathShapeStore.COLLECTION).countDocuments()).isEqualTo(1);
    }
}
