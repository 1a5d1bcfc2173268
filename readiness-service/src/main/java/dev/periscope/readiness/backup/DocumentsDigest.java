package dev.periscope.readiness.backup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

import org.bson.BsonDocument;

/**
 * Count and SHA-256 of a set of documents, independent of their order: SHA-256 over the sorted SHA-256 digests of
 * each document's canonical extended JSON (one per line). The same documents read from a backup file and from a
 * restored collection give the same digest.
 */
public final class DocumentsDigest {
    private final List<String> digests = new ArrayList<>();

    public void add(BsonDocument document) {
        add(CanonicalJson.of(document));
    }

    public void add(String canonicalJson) {
        digests.add(Sha256.hex(canonicalJson));
    }

    public long count() {
        return digests.size();
    }

    public String sha256() {
        List<String> sorted = new ArrayList<>(digests);
        Collections.sort(sorted);
        MessageDigest digest = Sha256.digest();
        for (String d : sorted) {
            digest.update((d + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
