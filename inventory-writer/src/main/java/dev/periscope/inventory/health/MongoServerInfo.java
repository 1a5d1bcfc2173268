package dev.periscope.inventory.health;

import org.bson.Document;

/**
 * What the MongoDB-API server says it is, from {@code buildInfo}. Embedded detection: every real {@code mongod}
 * and {@code mongos} answers {@code buildInfo} with a {@code gitVersion} (the commit it was built from); the local
 * stand-in, mongo-java-server, answers only {@code version}/{@code versionArray}/{@code maxBsonObjectSize}. The
 * absence of {@code gitVersion} is therefore the signal, independent of the version number it pretends to be.
 */
public record MongoServerInfo(String version, boolean embedded) {

    public static MongoServerInfo fromBuildInfo(Document buildInfo) {
        Object version = buildInfo.get("version");
        Object gitVersion = buildInfo.get("gitVersion");
        boolean real = gitVersion instanceof String git && !git.isBlank();
        return new MongoServerInfo(version == null ? "unknown" : version.toString(), !real);
    }
}
