package dev.periscope.readiness.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.BsonDocument;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;

import dev.periscope.readiness.dr.BackupManifest;

/** Loads a verified backup into a database, and reads a restored collection back for comparison. */
public final class MongoRestorer {
    private static final int BATCH = 1000;

    /** Inserts every collection of the backup into the target database (which should be empty). */
    public void restore(Path dir, BackupManifest manifest, MongoDatabase target) throws IOException {
        for (BackupManifest.CollectionEntry entry : manifest.collections()) {
            MongoCollection<BsonDocument> collection = target.getCollection(entry.collection(), BsonDocument.class);
            List<BsonDocument> batch = new ArrayList<>(BATCH);
            BackupFiles.read(dir.resolve(entry.file()), document -> {
                batch.add(document);
                if (batch.size() == BATCH) {
                    collection.insertMany(batch);
                    batch.clear();
                }
            });
            if (!batch.isEmpty()) {
                collection.insertMany(batch);
            }
        }
    }

    /** Count and digest of a collection as stored now. */
    public DocumentsDigest digest(MongoDatabase database, String collection) {
        DocumentsDigest digest = new DocumentsDigest();
        try (MongoCursor<BsonDocument> cursor = database.getCollection(collection, BsonDocument.class).find()
                .iterator()) {
            while (cursor.hasNext()) {
                digest.add(cursor.next());
            }
        }
        return digest;
    }
}
