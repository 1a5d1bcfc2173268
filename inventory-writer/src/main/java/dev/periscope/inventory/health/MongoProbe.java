package dev.periscope.inventory.health;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

import dev.periscope.kit.health.BackendProbe;

/** MongoDB is up when {@code {ping: 1}} answers within the probe budget; learns the server's identity once. */
@ApplicationScoped
public class MongoProbe implements BackendProbe {
    private final MongoClient client;
    private final String database;
    private volatile MongoServerInfo serverInfo;

    public MongoProbe(MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.client = client;
        this.database = database;
    }

    @Override
    public String name() {
        return "mongodb";
    }

    @Override
    public ProbeResult probe(Duration timeout) {
        try {
            MongoDatabase db = client.getDatabase(database).withTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
            db.runCommand(new Document("ping", 1));
            if (serverInfo == null) {
                serverInfo = MongoServerInfo.fromBuildInfo(db.runCommand(new Document("buildInfo", 1)));
            }
            MongoServerInfo info = serverInfo;
            return ProbeResult.up("ping ok, database " + database + ", server " + info.version()
                    + (info.embedded() ? " (embedded stand-in, not MongoDB)" : ""));
        } catch (RuntimeException e) {
            return ProbeResult.down("ping failed: " + e.getClass().getSimpleName());
        }
    }

    /** Empty until the first successful probe. */
    public Optional<MongoServerInfo> serverInfo() {
        return Optional.ofNullable(serverInfo);
    }

    public String database() {
        return database;
    }
}
