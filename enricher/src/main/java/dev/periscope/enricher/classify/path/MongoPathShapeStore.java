package dev.periscope.enricher.classify.path;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

/**
 * {@code path_shapes}: one document per position, {@code _id} = {@link PathPosition#id()}, the position's fields,
 * {@code value_hashes} (a set, grown with {@code $addToSet}) and {@code updated_at} (indexed; replicas reload
 * what changed since their last read).
 */
public final class MongoPathShapeStore implements PathShapeStore {
    public static final String COLLECTION = "path_shapes";
    public static final String UPDATED_AT_INDEX = "path_shapes_updated_at";
    static final String PROJECT_ID = "project_id";
    static final String LISTENER = "listener";
    static final String METHOD = "method";
    static final String PARENT_PATH = "parent_path";
    static final String INDEX = "index";
    static final String VALUE_HASHES = "value_hashes";
    static final String UPDATED_AT = "updated_at";
    /** Server-side budget of one reload query. */
    private static final long MAX_TIME_MS = 10_000;

    private final MongoCollection<Document> collection;
    private final Clock clock;
    private volatile boolean indexesEnsured;

    public MongoPathShapeStore(MongoCollection<Document> collection, Clock clock) {
        this.collection = collection;
        this.clock = clock;
    }

    /** Creates the {@code updated_at} index; idempotent, retried by the next save or load until it succeeds. */
    public void ensureIndexes() {
        collection.createIndex(Indexes.ascending(UPDATED_AT), new IndexOptions().name(UPDATED_AT_INDEX));
        indexesEnsured = true;
    }

    @Override
    public void save(List<PathShape> shapes) {
        if (shapes.isEmpty()) {
            return;
        }
        ensureIndexesOnce();
        Date now = Date.from(clock.instant());
        List<WriteModel<Document>> writes = new ArrayList<>(shapes.size());
        for (PathShape shape : shapes) {
            PathPosition position = shape.position();
            Bson update = Updates.combine(
                    Updates.setOnInsert(PROJECT_ID, position.projectId()),
                    Updates.setOnInsert(LISTENER, position.listener()),
                    Updates.setOnInsert(METHOD, position.method()),
                    Updates.setOnInsert(PARENT_PATH, position.parentPath()),
                    Updates.setOnInsert(INDEX, position.index()),
                    Updates.addEachToSet(VALUE_HASHES, new ArrayList<>(shape.valueHashes())),
                    Updates.set(UPDATED_AT, now));
            writes.add(new UpdateOneModel<>(Filters.eq("_id", shape.positionId()), update,
                    new UpdateOptions().upsert(true)));
        }
        collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    @Override
    public List<PathShape> loadChangedSince(Instant since) {
        ensureIndexesOnce();
        List<PathShape> shapes = new ArrayList<>();
        for (Document doc : collection.find(Filters.gte(UPDATED_AT, Date.from(since)))
                .maxTime(MAX_TIME_MS, TimeUnit.MILLISECONDS)) {
            PathPosition position = new PathPosition(text(doc, PROJECT_ID), text(doc, LISTENER), text(doc, METHOD),
                    text(doc, PARENT_PATH), doc.get(INDEX) instanceof Number n ? n.intValue() : 0);
            Set<String> hashes = new HashSet<>();
            List<?> stored = doc.get(VALUE_HASHES, List.class);
            if (stored != null) {
                for (Object hash : stored) {
                    if (hash instanceof String s) {
                        hashes.add(s);
                    }
                }
            }
            shapes.add(new PathShape(String.valueOf(doc.get("_id")), position, hashes));
        }
        return shapes;
    }

    private void ensureIndexesOnce() {
        if (!indexesEnsured) {
            ensureIndexes();
        }
    }

    private static String text(Document doc, String field) {
        Object value = doc.get(field);
        return value == null ? "" : value.toString();
    }
}
