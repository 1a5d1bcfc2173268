package dev.periscope.inventory.repository;

import static dev.periscope.inventory.mapping.InventoryUpdateMapper.APPLIED;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.ENDPOINT_CATEGORIES;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.HOST;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.ID;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.KEY_FIELDS;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.LAST_SEEN;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.MAX_RISK_SCORE;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.NORMALIZED_PATH;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.PROJECT_ID;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.RISK_FLAGS;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.WriteModel;

import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;

/**
 * {@code api_inventory}: Panache for the entity reads; the driver collection (same client and database) for the
 * unordered bulk upserts, bounded queries and projections Panache cannot express.
 */
@ApplicationScoped
public class InventoryRepository implements PanacheMongoRepositoryBase<InventoryEntry, String> {
    public static final String COLLECTION = "api_inventory";
    public static final String UNIQUE_INDEX = "inventory_unique";
    public static final String PROJECT_LAST_SEEN_INDEX = "project_last_seen";
    public static final String PROJECT_RISK_LASTSEEN_INDEX = "project_risk_lastseen";
    public static final String PROJECT_ENDPOINT_CATEGORIES_INDEX = "project_endpoint_categories";
    public static final String PROJECT_HOST_PATH_INDEX = "project_host_path";
    public static final String PROJECT_RISKSCORE_LASTSEEN_INDEX = "project_riskscore_lastseen";

    /** Every index the writer and the read API rely on, by name (the seed's names). */
    public static final Map<String, Bson> INDEXES = indexes();

    private volatile boolean indexesEnsured;

    private static Map<String, Bson> indexes() {
        Map<String, Bson> indexes = new LinkedHashMap<>();
        indexes.put(UNIQUE_INDEX, Indexes.ascending(KEY_FIELDS));
        indexes.put(PROJECT_LAST_SEEN_INDEX,
                Indexes.compoundIndex(Indexes.ascending(PROJECT_ID), Indexes.descending(LAST_SEEN)));
        indexes.put(PROJECT_RISK_LASTSEEN_INDEX, Indexes.compoundIndex(Indexes.ascending(PROJECT_ID, RISK_FLAGS),
                Indexes.descending(LAST_SEEN)));
        indexes.put(PROJECT_ENDPOINT_CATEGORIES_INDEX, Indexes.ascending(PROJECT_ID, ENDPOINT_CATEGORIES));
        indexes.put(PROJECT_HOST_PATH_INDEX, Indexes.ascending(PROJECT_ID, HOST, NORMALIZED_PATH));
        indexes.put(PROJECT_RISKSCORE_LASTSEEN_INDEX, Indexes.compoundIndex(Indexes.ascending(PROJECT_ID),
                Indexes.descending(MAX_RISK_SCORE, LAST_SEEN)));
        return java.util.Collections.unmodifiableMap(indexes);
    }

    /** One unordered bulk write; returns only once MongoDB acknowledged it (per the client's write concern). */
    public BulkWriteResult upsert(List<? extends WriteModel<Document>> writes) {
        return documents().bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    /** For the given ids, the applied offset of {@code partition} ({@code -1} when the field is missing). */
    public Map<String, Long> appliedOffsets(Collection<String> ids, int partition) {
        Map<String, Long> offsets = new HashMap<>();
        for (Document doc : documents().find(new Document(ID, new Document("$in", List.copyOf(ids))))
                .projection(Projections.include(APPLIED))) {
            Document applied = doc.get(APPLIED, Document.class);
            Object offset = applied == null ? null : applied.get(Integer.toString(partition));
            offsets.put(doc.getString(ID), offset instanceof Number n ? n.longValue() : -1L);
        }
        return offsets;
    }

    /**
     * The highest {@code applied.<partition>} of any document ({@code -1}: none), for a partition whose committed
     * offset carries no intent. One aggregation over the collection, once per such assignment.
     */
    public long highestAppliedOffset(int partition) {
        String field = "$" + APPLIED + "." + partition;
        Document max = documents().aggregate(List.of(
                new Document("$match", new Document(APPLIED + "." + partition, new Document("$exists", true))),
                new Document("$group", new Document(ID, null).append("max", new Document("$max", field)))))
                .first();
        return max != null && max.get("max") instanceof Number n ? n.longValue() : -1L;
    }

    /**
     * For the given ids that have a document: the stored values of the given list fields (a missing or non-list
     * field reads as an empty list). One {@code _id $in} query with a projection.
     */
    public Map<String, Map<String, List<String>>> lists(Collection<String> ids, Collection<String> fields) {
        Map<String, Map<String, List<String>>> lists = new HashMap<>();
        for (Document doc : documents().find(new Document(ID, new Document("$in", List.copyOf(ids))))
                .projection(Projections.include(List.copyOf(fields)))) {
            Map<String, List<String>> ofDocument = new LinkedHashMap<>();
            for (String field : fields) {
                List<String> values = new ArrayList<>();
                if (doc.get(field) instanceof List<?> stored) {
                    stored.forEach(value -> values.add(String.valueOf(value)));
                }
                ofDocument.put(field, values);
            }
            lists.put(doc.getString(ID), ofDocument);
        }
        return lists;
    }

    /** Which of the ids have a document. */
    public List<String> existingIds(Collection<String> ids) {
        return documents().find(new Document(ID, new Document("$in", List.copyOf(ids))))
                .projection(Projections.include(ID)).map(d -> d.getString(ID)).into(new ArrayList<>());
    }

    /** Document count per project (the cardinality budget's starting point). */
    public Map<String, Long> documentsPerProject() {
        Map<String, Long> counts = new HashMap<>();
        for (Document group : documents().aggregate(List.of(
                new Document("$group", new Document(ID, "$" + PROJECT_ID).append("n", new Document("$sum", 1)))))) {
            Object project = group.get(ID);
            counts.put(project == null ? "" : project.toString(), ((Number) group.get("n")).longValue());
        }
        return counts;
    }

    /** A bounded page of documents: at most {@code limit}, server-side time budget {@code maxTime}. */
    public List<Document> findPage(Bson filter, Bson sort, int offset, int limit, Duration maxTime) {
        return documents().find(filter).sort(sort).skip(offset).limit(limit)
                .maxTime(maxTime.toMillis(), TimeUnit.MILLISECONDS).into(new ArrayList<>());
    }

    /** All documents matching, with only the given fields, at most {@code limit}. */
    public List<Document> findProjected(Bson filter, Bson projection, int limit, Duration maxTime) {
        return documents().find(filter).projection(projection).limit(limit)
                .maxTime(maxTime.toMillis(), TimeUnit.MILLISECONDS).into(new ArrayList<>());
    }

    public long count(Bson filter, Duration maxTime) {
        return documents().countDocuments(filter,
                new CountOptions().maxTime(maxTime.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The project's documents, busiest first. */
    public List<InventoryEntry> findByProject(String projectId) {
        return find(new Document(PROJECT_ID, projectId), new Document("seen_count", -1).append(ID, 1)).list();
    }

    /** Creates the indexes the writer and the read API rely on; a no-op when they exist with the same spec. */
    public void ensureIndexes() {
        MongoCollection<Document> collection = documents();
        INDEXES.forEach((name, keys) -> collection.createIndex(keys,
                new IndexOptions().name(name).unique(UNIQUE_INDEX.equals(name))));
        indexesEnsured = true;
    }

    public boolean indexesEnsured() {
        return indexesEnsured;
    }

    /** After a connection failure: the server that comes back may be a different or restored one. */
    public void forgetIndexes() {
        indexesEnsured = false;
    }

    /** Names of the collection's indexes (for tests and the doctor). */
    public List<String> indexNames() {
        return documents().listIndexes().map(index -> index.getString("name")).into(new ArrayList<>());
    }

    public MongoCollection<Document> documents() {
        return mongoCollection().withDocumentClass(Document.class);
    }
}
