package dev.periscope.inventory.repository;

import static dev.periscope.inventory.mapping.InventoryUpdateMapper.KEY_FIELDS;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.LAST_SEEN;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.PROJECT_ID;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.SEEN_COUNT;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.WriteModel;

import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;

/**
 * {@code api_inventory}: Panache for reads; the driver collection (same client and database) for the unordered
 * bulk upserts Panache cannot express.
 */
@ApplicationScoped
public class InventoryRepository implements PanacheMongoRepositoryBase<InventoryEntry, String> {
    public static final String COLLECTION = "api_inventory";
    public static final String UNIQUE_INDEX = "inventory_unique";
    public static final String PROJECT_LAST_SEEN_INDEX = "project_last_seen";

    private volatile boolean indexesEnsured;

    /** One unordered bulk write; returns only once MongoDB acknowledged it (per the client's write concern). */
    public BulkWriteResult upsert(List<? extends WriteModel<Document>> writes) {
        return documents().bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    /** The project's documents, busiest first. */
    public List<InventoryEntry> findByProject(String projectId) {
        return find(new Document(PROJECT_ID, projectId), new Document(SEEN_COUNT, -1).append("_id", 1)).list();
    }

    /** Creates the indexes the writer and the read API rely on; a no-op when they exist with the same spec. */
    public void ensureIndexes() {
        MongoCollection<Document> collection = documents();
        collection.createIndex(Indexes.ascending(KEY_FIELDS), new IndexOptions().name(UNIQUE_INDEX).unique(true));
        collection.createIndex(Indexes.compoundIndex(Indexes.ascending(PROJECT_ID), Indexes.descending(LAST_SEEN)),
                new IndexOptions().name(PROJECT_LAST_SEEN_INDEX));
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
        return documents().listIndexes().map(index -> index.getString("name")).into(new java.util.ArrayList<>());
    }

    private MongoCollection<Document> documents() {
        return mongoCollection().withDocumentClass(Document.class);
    }
}
