package dev.periscope.enricher.classify.path;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;

/**
 * {@code normalize_gaps}: one document per {@code (project, prefix)} ({@code _id} = 16-hex hash of both), replaced
 * on each detection; a TTL index on {@code detected_at} removes it 7 days after the last detection.
 */
public final class MongoNormalizeGapStore implements NormalizeGapStore {
    public static final String COLLECTION = "normalize_gaps";
    public static final String TTL_INDEX = "normalize_gaps_ttl";
    public static final Duration TTL = Duration.ofDays(7);
    static final String DETECTED_AT = "detected_at";

    private final MongoCollection<Document> collection;
    private volatile boolean indexesEnsured;

    public MongoNormalizeGapStore(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    /** Creates the TTL index; a no-op when it exists with the same options. */
    public void ensureIndexes() {
        collection.createIndex(Indexes.ascending(DETECTED_AT),
                new IndexOptions().name(TTL_INDEX).expireAfter(TTL.toSeconds(), TimeUnit.SECONDS));
        indexesEnsured = true;
    }

    @Override
    public void save(List<NormalizeGap> gaps) {
        if (gaps.isEmpty()) {
            return;
        }
        if (!indexesEnsured) {
            ensureIndexes();
        }
        List<WriteModel<Document>> writes = new ArrayList<>(gaps.size());
        for (NormalizeGap gap : gaps) {
            String id = id(gap.projectId(), gap.prefix());
            Document doc = new Document("_id", id)
                    .append("project_id", gap.projectId())
                    .append("prefix", gap.prefix())
                    .append("distinct_literals", gap.distinctLiterals())
                    .append("window_start", Date.from(gap.windowStart()))
                    .append("samples", gap.samples())
                    .append(DETECTED_AT, Date.from(gap.detectedAt()));
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", id), doc, new ReplaceOptions().upsert(true)));
        }
        collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    public static String id(String projectId, String prefix) {
        return HexFormat.of().toHexDigits(Hashing.fnv64(projectId, prefix));
    }
}
