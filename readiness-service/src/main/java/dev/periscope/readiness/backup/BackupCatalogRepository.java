package dev.periscope.readiness.backup;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;

import dev.periscope.readiness.dr.BackupRecord;
import dev.periscope.readiness.dr.BackupTrigger;

/** The backup catalog, collection {@value #COLLECTION}: one document per backup on disk, keyed by backup id. */
public class BackupCatalogRepository {
    public static final String COLLECTION = "readiness_backups";

    private final MongoCollection<Document> collection;

    public BackupCatalogRepository(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    public void save(BackupRecord backup) {
        collection.replaceOne(Filters.eq("_id", backup.id()), toDocument(backup), new ReplaceOptions().upsert(true));
    }

    /** Newest first. */
    public List<BackupRecord> list() {
        List<BackupRecord> backups = new ArrayList<>();
        for (Document document : collection.find().sort(Sorts.descending("taken_at"))) {
            backups.add(fromDocument(document));
        }
        return backups;
    }

    public Optional<BackupRecord> find(String id) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", id)).first())
                .map(BackupCatalogRepository::fromDocument);
    }

    public void delete(String id) {
        collection.deleteOne(Filters.eq("_id", id));
    }

    static Document toDocument(BackupRecord b) {
        return new Document("_id", b.id())
                .append("taken_at", Date.from(b.takenAt()))
                .append("trigger", b.trigger().name())
                .append("tiers", b.tiers())
                .append("database", b.database())
                .append("path", b.path())
                .append("collections", b.collections())
                .append("documents", b.documents())
                .append("bytes", b.bytes())
                .append("manifest_sha256", b.manifestSha256());
    }

    static BackupRecord fromDocument(Document d) {
        return new BackupRecord(d.getString("_id"), d.getDate("taken_at").toInstant(),
                BackupTrigger.valueOf(d.getString("trigger")), d.getList("tiers", String.class, List.of()),
                d.getString("database"), d.getString("path"), d.getInteger("collections", 0),
                ((Number) d.get("documents")).longValue(), ((Number) d.get("bytes")).longValue(),
                d.getString("manifest_sha256"));
    }
}
