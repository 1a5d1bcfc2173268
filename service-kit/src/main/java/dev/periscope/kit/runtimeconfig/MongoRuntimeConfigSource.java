package dev.periscope.kit.runtimeconfig;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;


import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;

/** Reads {@code {_id: "default"}} from the configured database and collection with the shared MongoDB client. */
public final class MongoRuntimeConfigSource implements RuntimeConfigSource {
    public static final String DOCUMENT_ID = "default";

    private final Supplier<MongoClient> client;
    private final String database;
    private final String collection;
    private final Duration maxTime;

    /** @param client resolved lazily, on the poller thread, so a service starts even if the client cannot be built */
    public MongoRuntimeConfigSource(Supplier<MongoClient> client, String database, String collection,
            Duration maxTime) {
        this.client = client;
        this.database = database;
        this.collection = collection;
        this.maxTime = maxTime;
    }

    @Override
    public Map<String, ?> fetch() {
        return client.get().getDatabase(database).getCollection(collection)
                .find(Filters.eq("_id", DOCUMENT_ID))
                .maxTime(maxTime.toMillis(), TimeUnit.MILLISECONDS)
                .first();
    }

    @Override
    public String describe() {
        return "mongodb " + database + "." + collection + " {_id: \"" + DOCUMENT_ID + "\"}";
    }

}
