package dev.periscope.readiness.backup;

import java.util.Set;
import java.util.function.Consumer;

import org.bson.BsonDocument;

/** Where a backup reads documents from (MongoDB in production, fixtures in unit tests). */
public interface BackupSource {
    /** The database name recorded in the manifest. */
    String name();

    /** The collections that exist now. */
    Set<String> existingCollections();

    /** Feeds every document of an existing collection. */
    void read(String collection, Consumer<BsonDocument> documents);
}
