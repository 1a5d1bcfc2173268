package dev.periscope.readiness.backup;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

import org.bson.BsonDocument;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;

/** Reads the collections of one MongoDB database, every document with all its BSON types. */
public final class MongoBackupSource implements BackupSource {
    private final MongoDatabase database;

    public MongoBackupSource(MongoDatabase database) {
        this.database = database;
    }

    @Override
    public String name() {
        return database.getName();
    }

    @Override
    public Set<String> existingCollections() {
        return database.listCollectionNames().into(new HashSet<>());
    }

    @Override
    public void read(String collection, Consumer<BsonDocument> documents) {
        try (MongoCursor<BsonDocument> cursor = database.getCollection(collection, BsonDocument.class).find()
                .iterator()) {
            cursor.forEachRemaining(documents);
        }
    }
}
