package dev.periscope.inventory.mapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;

import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;

import dev.periscope.inventory.domain.InventoryDelta;
import dev.periscope.inventory.domain.LatencyBucket;
import dev.periscope.model.InventoryKey;

/**
 * Pure mapping of an {@link InventoryDelta} to the writes of {@code api_inventory}:
 * <ul>
 * <li>one upsert addressed by {@code _id} = {@link InventoryKey#id()} (the cheapest lookup, on MongoDB and on the
 * local stand-in alike); the eight key fields are written on insert, so the unique compound index holds too.
 * Fenced, the filter matches only a document that has not applied this delta's source offsets yet
 * ({@code applied.<partition>} below the delta's first offset); on a document that has, the upsert turns into an
 * insert of an existing {@code _id}, i.e. a duplicate-key error that means "already applied". Unfenced (offsets
 * no intent covers), it is the {@code _id} alone;</li>
 * <li>unless the document's lists are known ({@link CappedListMirror}), one trim that cuts the capped lists back to
 * their caps ({@link #toTrimModel}); {@code $addToSet} cannot bound a set by itself, and the trim is idempotent, so
 * it needs no fencing.</li>
 * </ul>
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
    public static final String CONFIRMED = "confirmed";
    public static final String SEEN_COUNT = "seen_count";
    public static final String FIRST_SEEN = "first_seen";
    public static final String LAST_SEEN = "last_seen";
    public static final String RISK_FLAGS = "risk_flags";
    public static final String FLAG_LAST_SEEN = "flag_last_seen";
    public static final String MAX_RISK_SCORE = "max_risk_score";
    public static final String MAX_POSTURE_SCORE = "max_posture_score";
    public static final String ENDPOINT_CATEGORIES = "endpoint_categories";
    public static final String PII_CATEGORIES = "pii_categories";
    public static final String AUTH_SCHEMES = "auth_schemes";
    public static final String AUTH_OBSERVED = "auth_observed";
    public static final String NOAUTH_OBSERVED = "noauth_observed";
    public static final String AUTH_LAST_SEEN = "auth_last_seen";
    public static final String NOAUTH_LAST_SEEN = "noauth_last_seen";
    /** Derived at read time from {@link #AUTH_OBSERVED} and {@link #NOAUTH_OBSERVED}; never stored. */
    public static final String AUTH_INCONSISTENT = "auth_inconsistent";
    public static final String CONSUMERS = "consumers";
    public static final String STATUS_DIST = "status_dist";
    public static final String LATENCY_BUCKETS = "latency_buckets";
    public static final String LATENCY_MAX_MS = "latency_max_ms";
    public static final String SAMPLE_EVENT_IDS = "sample_event_ids";
    public static final String ROUTES = "routes";
    public static final String CLUSTERS = "clusters";
    public static final String CONTENT_TYPES = "content_types";
    public static final String ORIGINS = "origins";
    public static final String QUERY_PARAMS = "query_params";
    /** Per source partition, the highest enriched-topic offset applied to this document. */
    public static final String APPLIED = "applied";

    /** The lists kept bounded per document (see {@link #cappedLists}). */
    public static final List<String> CAPPED_LIST_FIELDS = List.of(CONSUMERS, QUERY_PARAMS, ROUTES, CLUSTERS,
            CONTENT_TYPES, ORIGINS);

    /** The eight fields of the unique key, in index order. */
    public static final String[] KEY_FIELDS = {PROJECT_ID, LISTENER_NAME, PROTOCOL, HOST, METHOD, NORMALIZED_PATH,
        GRPC_SERVICE, GRPC_METHOD};

    /** The fenced upsert (see {@link #filter(InventoryDelta, boolean)}). */
    public UpdateOneModel<Document> toWriteModel(InventoryDelta delta) {
        return toWriteModel(delta, true);
    }

    public UpdateOneModel<Document> toWriteModel(InventoryDelta delta, boolean fenced) {
        return toWriteModel(delta, fenced, Optional.empty());
    }

    /**
     * With a {@link CappedListMirror.Plan}, the upsert bounds the capped lists itself and needs no trim; without
     * one, it adds to them with {@code $addToSet} and {@link #toTrimModel} cuts them back.
     */
    public UpdateOneModel<Document> toWriteModel(InventoryDelta delta, boolean fenced,
            Optional<CappedListMirror.Plan> plan) {
        return new UpdateOneModel<>(filter(delta, fenced), update(delta, plan), new UpdateOptions().upsert(true));
    }

    public Document filter(InventoryDelta delta) {
        return filter(delta, true);
    }

    /**
     * Fenced: {@code {_id, "applied.<p>": {$not: {$gte: firstOffset}}}}, matching a document that has not seen this
     * partition yet (field missing) or applied only offsets below the delta's first one. Unfenced: {@code {_id}}
     * alone, for offsets no intent covers (nothing can have applied them; the update still raises
     * {@code applied.<p>}, so a later recovery can fence). Without a known source position (tools, tests) the
     * filter is the id alone either way.
     */
    public Document filter(InventoryDelta delta, boolean fenced) {
        Document filter = new Document(ID, delta.id());
        if (fenced && delta.partition() >= 0 && delta.firstOffset() >= 0) {
            filter.append(appliedField(delta.partition()),
                    new Document("$not", new Document("$gte", delta.firstOffset())));
        }
        return filter;
    }

    public static String appliedField(int partition) {
        return APPLIED + "." + partition;
    }

    public Document update(InventoryDelta delta) {
        return update(delta, Optional.empty());
    }

    public Document update(InventoryDelta delta, Optional<CappedListMirror.Plan> plan) {
        InventoryKey key = delta.key();
        Document onInsert = new Document(PROJECT_ID, key.projectId())
                .append(LISTENER_NAME, key.listenerName())
                .append(PROTOCOL, key.protocol())
                .append(HOST, key.host())
                .append(METHOD, key.method())
                .append(NORMALIZED_PATH, key.normalizedPath())
                .append(GRPC_SERVICE, key.grpcService())
                .append(GRPC_METHOD, key.grpcMethod());
        Document update = new Document();
        if (delta.confirmed()) {
            update.append("$set", new Document(CONFIRMED, true)); // sticky: nothing ever sets it back
        } else {
            onInsert.append(CONFIRMED, false);
        }
        update.append("$setOnInsert", onInsert);

        // A counter or list with nothing to add only needs to exist once: $setOnInsert, which an update of an
        // existing document skips at once, instead of a no-op $inc 0 / $addToSet [] on every write.
        Document inc = new Document(SEEN_COUNT, delta.count());
        incOrInitialise(inc, onInsert, AUTH_OBSERVED, delta.authObserved());
        incOrInitialise(inc, onInsert, NOAUTH_OBSERVED, delta.noauthObserved());
        for (Map.Entry<String, Long> status : delta.statusCounts().entrySet()) {
            inc.append(STATUS_DIST + "." + status.getKey(), status.getValue());
        }
        for (LatencyBucket bucket : LatencyBucket.values()) {
            incOrInitialise(inc, onInsert, LATENCY_BUCKETS + "." + bucket.field(), delta.latencyCount(bucket));
        }
        update.append("$inc", inc);
        update.append("$min", new Document(FIRST_SEEN, new Date(delta.firstSeenMs())));

        Document max = new Document(LAST_SEEN, new Date(delta.lastSeenMs()))
                .append(MAX_RISK_SCORE, delta.maxRiskScore())
                .append(MAX_POSTURE_SCORE, delta.maxPostureScore());
        if (!Double.isNaN(delta.latencyMaxMs())) {
            max.append(LATENCY_BUCKETS + "." + LATENCY_MAX_MS, delta.latencyMaxMs());
        }
        delta.flagLastSeenMs().forEach((flag, ts) -> max.append(FLAG_LAST_SEEN + "." + flag, new Date(ts)));
        if (delta.authObserved() > 0) {
            max.append(AUTH_LAST_SEEN, new Date(delta.authLastSeenMs()));
        }
        if (delta.noauthObserved() > 0) {
            max.append(NOAUTH_LAST_SEEN, new Date(delta.noauthLastSeenMs()));
        }
        if (delta.partition() >= 0 && delta.lastOffset() >= 0) {
            max.append(appliedField(delta.partition()), delta.lastOffset());
        }
        update.append("$max", max);

        Document push = new Document();
        if (!delta.sampleEventIds().isEmpty()) {
            push.append(SAMPLE_EVENT_IDS,
                    new Document("$each", delta.sampleEventIds()).append("$slice", -InventoryDelta.SAMPLE_SIZE));
        }
        // Every list is named, so every document has the same shape for readers and the trim.
        Document addToSet = new Document();
        addOrInitialise(addToSet, onInsert, RISK_FLAGS, delta.flagLastSeenMs().keySet());
        addOrInitialise(addToSet, onInsert, ENDPOINT_CATEGORIES, delta.endpointCategories());
        addOrInitialise(addToSet, onInsert, PII_CATEGORIES, delta.piiCategories());
        addOrInitialise(addToSet, onInsert, AUTH_SCHEMES, delta.authSchemes());
        if (plan.isEmpty()) {
            cappedLists(delta).forEach((field, list) -> addOrInitialise(addToSet, onInsert, field, list.added()));
        } else {
            plan.get().changes().forEach((field, change) -> {
                if (change.slice()) {
                    push.append(field, new Document("$each", change.added()).append("$slice", -change.cap()));
                } else {
                    addOrInitialise(addToSet, onInsert, field, change.added());
                }
            });
        }
        if (!push.isEmpty()) {
            update.append("$push", push);
        }
        if (!addToSet.isEmpty()) {
            update.append("$addToSet", addToSet);
        }
        return update;
    }

    private static void incOrInitialise(Document inc, Document onInsert, String field, long n) {
        if (n != 0) {
            inc.append(field, n);
        } else {
            onInsert.append(field, 0L);
        }
    }

    private static void addOrInitialise(Document addToSet, Document onInsert, String field,
            Collection<String> values) {
        if (values.isEmpty()) {
            onInsert.append(field, List.of());
        } else {
            addEach(addToSet, field, values);
        }
    }

    /** A list the document keeps bounded: what this delta adds to it and its cap. */
    public record CappedList(Collection<String> added, int cap) {
    }

    /** The capped lists of a document, by field name, with what the delta adds to each (possibly nothing). */
    public static Map<String, CappedList> cappedLists(InventoryDelta delta) {
        Map<String, CappedList> lists = new java.util.LinkedHashMap<>();
        lists.put(CONSUMERS, new CappedList(delta.consumers(), delta.limits().consumersCap()));
        lists.put(QUERY_PARAMS, new CappedList(delta.queryParams(), delta.limits().queryParamsCap()));
        lists.put(ROUTES, new CappedList(delta.routes(), delta.limits().discoveredCap()));
        lists.put(CLUSTERS, new CappedList(delta.clusters(), delta.limits().discoveredCap()));
        lists.put(CONTENT_TYPES, new CappedList(delta.contentTypes(), delta.limits().discoveredCap()));
        lists.put(ORIGINS, new CappedList(delta.origins(), delta.limits().discoveredCap()));
        return lists;
    }

    /** Trims every capped list the delta adds to (see {@link #toTrimModel(InventoryDelta, Collection)}). */
    public java.util.Optional<UpdateOneModel<Document>> toTrimModel(InventoryDelta delta) {
        return toTrimModel(delta, cappedLists(delta).keySet());
    }

    /**
     * Cuts the named capped lists back to their caps, keeping the most recently added values ({@code $push} of
     * nothing with {@code $slice}); only lists the delta adds to are named, so a missing list is never created.
     * Empty when there is nothing to trim.
     */
    private java.util.Optional<UpdateOneModel<Document>> toTrimModel(InventoryDelta delta, Collection<String> fields) {
        Document push = new Document();
        cappedLists(delta).forEach((field, list) -> {
            if (fields.contains(field) && !list.added().isEmpty()) {
                push.append(field, new Document("$each", List.of()).append("$slice", -list.cap()));
            }
        });
        if (push.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new UpdateOneModel<>(new Document(ID, delta.id()),
                new Document("$push", push)));
    }

    private static void addEach(Document addToSet, String field, Collection<String> values) {
        addToSet.append(field, new Document("$each", new ArrayList<>(values)));
    }
}
