package dev.periscope.readiness.backup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.bson.BsonDocument;

/** An in-memory database for backup tests. */
public final class FixtureSource implements BackupSource {
    private final Map<String, List<BsonDocument>> collections = new LinkedHashMap<>();

    public FixtureSource with(String collection, String... json) {
        collections.put(collection, java.util.Arrays.stream(json).map(BsonDocument::parse).toList());
        return this;
    }

    @Override
    public String name() {
        return "fixture";
    }

    @Override
    public Set<String> existingCollections() {
        return collections.keySet();
    }

    @Override
    public void read(String collection, Consumer<BsonDocument> documents) {
        collections.get(collection).forEach(documents);
    }
}
