package dev.periscope.enricher.detect.baseline;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.model.BulkWriteOptions;

/**
 * Baselines in {@code detector_baselines}, one document per (instance, detector, endpoint):
 * {@code {_id: "<instance>/<detector>/<endpoint key hex>", instance, detector, endpoint_key, count, mean, variance,
 * fast_rate, slow_rate, updated_at}}, written in unordered bulk replaces of ≤ {@value #BATCH} documents, read back by
 * {@code instance} (index {@code detector_baselines_instance}).
 */
public final class MongoBaselineRepository implements BaselineRepository {
    public static final String COLLECTION = "detector_baselines";
    static final int BATCH = 1000;
    private static final HexFormat HEX = HexFormat.of();

    private final MongoCollection<Document> collection;
    private final Clock clock;
    private volatile boolean indexed;

    public MongoBaselineRepository(MongoCollection<Document> collection, Clock clock) {
        this.collection = collection;
        this.clock = clock;
    }

    @Override
    public void save(String instance, List<BaselineRecord> records) {
        ensureIndex();
        Date now = Date.from(clock.instant());
        List<WriteModel<Document>> batch = new ArrayList<>(Math.min(BATCH, records.size()));
        ReplaceOptions upsert = new ReplaceOptions().upsert(true);
        for (BaselineRecord r : records) {
            String key = HEX.toHexDigits(r.endpointKey());
            String id = instance + "/" + r.detector() + "/" + key;
            Document doc = new Document("_id", id).append("instance", instance).append("detector", r.detector())
                    .append("endpoint_key", key).append("count", r.count()).append("mean", r.mean())
                    .append("variance", r.variance()).append("fast_rate", r.fastRate())
                    .append("slow_rate", r.slowRate()).append("updated_at", now);
            batch.add(new ReplaceOneModel<>(Filters.eq("_id", id), doc, upsert));
            if (batch.size() == BATCH) {
                collection.bulkWrite(batch, new BulkWriteOptions().ordered(false));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            collection.bulkWrite(batch, new BulkWriteOptions().ordered(false));
        }
    }

    @Override
    public List<BaselineRecord> load(String instance) {
        List<BaselineRecord> out = new ArrayList<>();
        for (Document doc : collection.find(Filters.eq("instance", instance))) {
            try {
                out.add(new BaselineRecord(doc.getString("detector"),
                        HEX.fromHexDigitsToLong(doc.getString("endpoint_key")), number(doc, "count").longValue(),
                        number(doc, "mean").doubleValue(), number(doc, "variance").doubleValue(),
                        number(doc, "fast_rate").doubleValue(), number(doc, "slow_rate").doubleValue()));
            } catch (RuntimeException e) {
                // a hand-edited or foreign document: skip it, the baseline relearns
            }
        }
        return out;
    }

    private static Number number(Document doc, String field) {
        Object value = doc.get(field);
        if (value instanceof Number number) {
            return number;
        }
        throw new IllegalArgumentException(field + " is not a number");
    }

    private void ensureIndex() {
        if (!indexed) {
            collection.createIndex(Indexes.ascending("instance"), new IndexOptions().name("detector_baselines_instance"));
            indexed = true;
        }
    }
}
