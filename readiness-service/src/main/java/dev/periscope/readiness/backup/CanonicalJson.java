package dev.periscope.readiness.backup;

import org.bson.BsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * The one textual form of a document in a backup: MongoDB extended JSON (canonical mode), which keeps every BSON
 * type (int32 vs int64, dates, ObjectIds, binary) so a restore gives back the same documents.
 */
public final class CanonicalJson {
    private static final JsonWriterSettings EXTENDED = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED)
            .build();

    private CanonicalJson() {
    }

    public static String of(BsonDocument document) {
        return document.toJson(EXTENDED);
    }

    public static BsonDocument parse(String line) {
        return BsonDocument.parse(line);
    }
}
