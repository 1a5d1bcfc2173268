package dev.periscope.inventory.mapping;

import java.util.ArrayList;
import java.util.Date;
import java.util.Map;
import java.util.Set;

import org.bson.Document;

import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;

import dev.periscope.inventory.domain.InventoryDelta;
import dev.periscope.model.InventoryKey;

/**
 * Pure mapping of an {@link InventoryDelta} to one idempotent-shaped upsert of {@code api_inventory}: the document
 * is addressed by {@code _id} = {@link InventoryKey#id()} (the cheapest lookup, on MongoDB and on the local
 * stand-in alike) and the eight key fields are written on insert, so the unique compound index holds too.
 */
public final class InventoryUpdateMapper {
    public static final String ID = "_id";
    public static final String PROJECT_ID = "project_id";
    public static final String LISTENER_NAME = "listener_name";
    public static final String PROTOCOL = "protocol";
    public static final String HOST = "host";
    public static final String METHOD = "method";
    public static final String NORMALIZED_PATH = "normalized_path";
    public static final String GRPC_SERVICE = "grpc_service";
    public static final String GRPC_METHOD = "grpc_method";
    public static final String SEEN_COUNT = "seen_count";
    public static final String FIRST_SEEN = "first_seen";
    public static final String LAST_SEEN = "last_seen";
    public static final String STATUS_DIST = "status_dist";
    public static final String SAMPLE_EVENT_IDS = "sample_event_ids";
    public static final String ROUTES = "routes";
    public static final String CLUSTERS = "clusters";
    public static final String CONTENT_TYPES = "content_types";
    /** Per source partition, the highest enriched-topic offset applied to this document. */
    public static final String APPLIED = "applied";

    /** The eight fields of the unique key, in index order. */
    public static final String[] KEY_FIELDS = {PROJECT_ID, LISTENER_NAME, PROTOCOL, HOST, METHOD, NORMALIZED_PATH,
        GRPC_SERVICE, GRPC_METHOD};

    public UpdateOneModel<Document> toWriteModel(InventoryDelta delta) {
        return new UpdateOneModel<>(filter(delta), update(delta), new UpdateOptions().upsert(true));
    }

    /**
     * Today the document id only. Seam for exactly-once: the fencing issue adds
     * {@code applied.<partition>: {$not: {$gte: firstOffset}}} here, turning a replayed batch into a duplicate-key
     * error ("already applied") instead of a second increment.
     */
    public Document filter(InventoryDelta delta) {
        return new Document(ID, delta.id());
    }

    public Document update(InventoryDelta delta) {
        InventoryKey key = delta.key();
        Document onInsert = new Document(PROJECT_ID, key.projectId())
                .append(LISTENER_NAME, key.listenerName())
                .append(PROTOCOL, key.protocol())
                .append(HOST, key.host())
                .append(METHOD, key.method())
                .append(NORMALIZED_PATH, key.normalizedPath())
                .append(GRPC_SERVICE, key.grpcService())
                .append(GRPC_METHOD, key.grpcMethod());

        Document inc = new Document(SEEN_COUNT, delta.count());
        for (Map.Entry<String, Long> status : delta.statusCounts().entrySet()) {
            inc.append(STATUS_DIST + "." + status.getKey(), status.getValue());
        }

        Document max = new Document(LAST_SEEN, new Date(delta.lastSeenMs()));
        if (delta.partition() >= 0 && delta.lastOffset() >= 0) {
            max.append(APPLIED + "." + delta.partition(), delta.lastOffset());
        }

        Document update = new Document("$setOnInsert", onInsert)
                .append("$inc", inc)
                .append("$min", new Document(FIRST_SEEN, new Date(delta.firstSeenMs())))
                .append("$max", max);
        if (!delta.sampleEventIds().isEmpty()) {
            update.append("$push", new Document(SAMPLE_EVENT_IDS,
                    new Document("$each", delta.sampleEventIds()).append("$slice", -InventoryDelta.SAMPLE_SIZE)));
        }
        Document addToSet = new Document();
        addEach(addToSet, ROUTES, delta.routes());
        addEach(addToSet, CLUSTERS, delta.clusters());
        addEach(addToSet, CONTENT_TYPES, delta.contentTypes());
        if (!addToSet.isEmpty()) {
            update.append("$addToSet", addToSet);
        }
        return update;
    }

    private static void addEach(Document addToSet, String field, Set<String> values) {
        if (!values.isEmpty()) {
            addToSet.append(field, new Document("$each", new ArrayList<>(values)));
        }
    }
}
