package dev.periscope.enricher.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;

import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.enricher.enrich.geoip.GeoDatabaseHolder;
import dev.periscope.enricher.enrich.geoip.GeoDatabaseKind;
import dev.periscope.enricher.enrich.geoip.GeoDatabaseSync;
import dev.periscope.enricher.enrich.geoip.GeoIpStage;
import dev.periscope.enricher.enrich.geoip.GridFsGeoDatabaseSource;
import dev.periscope.enricher.enrich.threatintel.MongoThreatIntelFeedSource;
import dev.periscope.enricher.enrich.threatintel.ThreatIntelStage;
import dev.periscope.enricher.enrich.threatintel.ThreatIntelSync;

/**
 * Against the real MongoDB-API server at {@code MONGO_URI} (default {@code mongodb://127.0.0.1:27017}), in a
 * database of its own: databases uploaded to GridFS and feed documents reach the stages after a poll; a corrupt
 * upload is refused while the last-good database keeps answering; a feed edit and a feed split into parts are
 * picked up.
 */
class EnrichmentSyncIT {
    private static final String URI = System.getenv().getOrDefault("MONGO_URI", "mongodb://127.0.0.1:27017");
    private static final Duration POLL = Duration.ofMillis(200);

    @TempDir
    Path cacheDir;

    private final String databaseName = "periscope_it_enrich_" + UUID.randomUUID().toString().substring(0, 8);
    private MongoClient client;
    private MongoDatabase database;
    private GridFSBucket bucket;
    private MongoCollection<Document> feeds;
    private GeoDatabaseHolder holder;
    private GeoDatabaseSync geoSync;
    private ThreatIntelSync tiSync;
    private GeoIpStage geoStage;
    private ThreatIntelStage tiStage;

    @BeforeEach
    void connect() {
        client = MongoClients.create(URI);
        database = client.getDatabase(databaseName);
        bucket = GridFSBuckets.create(database, "geoip");
        feeds = database.getCollection(MongoThreatIntelFeedSource.DEFAULT_COLLECTION);
        EnrichmentCounters counters = new EnrichmentCounters();
        EnrichmentBudget budget = EnrichmentBudget.of(Duration.ofMillis(50));
        holder = new GeoDatabaseHolder(Clock.systemUTC(), Duration.ofSeconds(5));
        geoSync = new GeoDatabaseSync(new GridFsGeoDatabaseSource(bucket), cacheDir, holder);
        tiSync = new ThreatIntelSync(new MongoThreatIntelFeedSource(feeds));
        geoStage = new GeoIpStage(holder, budget, counters);
        tiStage = new ThreatIntelStage(tiSync, budget, counters);
    }

    @AfterEach
    void dropDatabase() {
        geoSync.close();
        tiSync.close();
        holder.close();
        database.drop();
        client.close();
    }

    @Test
    void uploadsAndFeedsReachTheStagesAfterAPoll() throws Exception {
        upload("city.mmdb", "GeoIP2-City-Test.mmdb");
        upload("asn.mmdb", "GeoLite2-ASN-Test.mmdb");
        feeds.insertOne(new Document("_id", "scanners").append("entries", "# known scanners\n89.160.20.112/28\nbogus")
                .append("updated_at", new Date()));
        geoSync.start(POLL);
        tiSync.start(POLL);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(tags("89.160.20.115"))
                .containsEntry("ti.source", "scanners").containsEntry("geo.city", "Linköping")
                .containsEntry("geo.asn", "29518"));
        EventDraft draft = run("89.160.20.115");
        assertThat(draft.build().getTagsMap()).isEqualTo(Map.of("geo.kind", "external", "geo.continent", "EU",
                "geo.country", "SE", "geo.country_name", "Sweden", "geo.city", "Linköping", "geo.asn", "29518",
                "geo.asn_org", "Bredband2 AB", "ti.hit", "true", "ti.source", "scanners"));
        assertThat(draft.flags()).containsExactly(ThreatIntelStage.FLAG);
        assertThat(tiSync.get().feed("scanners").invalid()).isEqualTo(1);

        // a corrupt upload is refused; the last-good database keeps answering
        upload("city.mmdb", "GeoIP2-City-Test-Broken-Double-Format.mmdb");
        await().atMost(Duration.ofSeconds(20)).until(() -> geoSync.rejections(GeoDatabaseKind.CITY) == 1);
        assertThat(tags("81.2.69.142")).containsEntry("geo.city", "London");

        // an edited feed (updated_at bumped) and a second feed stored in two parts
        feeds.replaceOne(new Document("_id", "scanners"), new Document("_id", "scanners")
                .append("entries", List.of("81.2.69.142")).append("updated_at", new Date()));
        feeds.insertMany(List.of(
                new Document("_id", "tor#0").append("feed", "tor").append("entries", "81.2.69.0/24")
                        .append("updated_at", new Date()),
                new Document("_id", "tor#1").append("feed", "tor").append("entries", "2001:db8::/32")
                        .append("updated_at", new Date())));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(tags("81.2.69.142"))
                .containsEntry("ti.source", "scanners,tor"));
        assertThat(tags("89.160.20.115")).doesNotContainKey("ti.hit");
        assertThat(tags("2001:db8::5")).containsEntry("ti.source", "tor");
        assertThat(tiSync.get().feed("tor").entries()).isEqualTo(2);
    }

    private Map<String, String> tags(String ip) {
        return run(ip).build().getTagsMap();
    }

    private EventDraft run(String ip) {
        return TestSupport.run(ip, geoStage, tiStage);
    }

    private void upload(String name, String testFile) throws Exception {
        try (InputStream in = Files.newInputStream(TestSupport.geoipFile(testFile))) {
            bucket.uploadFromStream(name, in);
        }
    }
}
