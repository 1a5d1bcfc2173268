package dev.periscope.kit.health;

import java.util.Map;

import org.bson.Document;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;

/**
 * What the MongoDB server says it is, from the {@code hello} (or legacy {@code isMaster}) reply: a replica-set
 * member names its set in {@code setName}; a {@code mongos} router answers {@code msg: "isdbgrid"}; anything else is
 * a standalone server.
 */
public record MongoTopology(String kind, String setName) {
    public static final String REPLICA_SET = "replica_set";
    public static final String SHARDED = "sharded";
    public static final String STANDALONE = "standalone";

    /** MongoDB's CommandNotFound: servers older than 4.4 (and some stand-ins) only know {@code isMaster}. */
    private static final int COMMAND_NOT_FOUND = 59;

    /** Asks the server ({@code hello}, falling back to {@code isMaster}); throws what the driver throws. */
    public static MongoTopology ask(MongoDatabase admin) {
        Document reply;
        try {
            reply = admin.runCommand(new Document("hello", 1));
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != COMMAND_NOT_FOUND) {
                throw e;
            }
            reply = admin.runCommand(new Document("isMaster", 1));
        }
        return fromHello(reply);
    }

    public static MongoTopology fromHello(Map<String, ?> reply) {
        Object setName = reply.get("setName");
        if (setName instanceof String name && !name.isBlank()) {
            return new MongoTopology(REPLICA_SET, name);
        }
        if ("isdbgrid".equals(reply.get("msg"))) {
            return new MongoTopology(SHARDED, "");
        }
        return new MongoTopology(STANDALONE, "");
    }

    public boolean replicaSet() {
        return REPLICA_SET.equals(kind);
    }
}
