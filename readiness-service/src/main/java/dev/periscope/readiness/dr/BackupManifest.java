package dev.periscope.readiness.dr;

import java.time.Instant;
import java.util.List;

/**
 * What a backup holds: one file per collection with its document count, the SHA-256 of the file and the SHA-256 of
 * its documents in canonical form (independent of file encoding and document order), so a restore can be verified
 * against the source, not only against the file.
 */
public record BackupManifest(int format, String backupId, String database, Instant takenAt, BackupTrigger trigger,
        List<String> tiers, List<CollectionEntry> collections) {
    public static final int FORMAT = 1;

    /**
     * @param existed false for a system-of-record collection that did not exist yet (backed up as empty)
     * @param documentsSha256 SHA-256 over the sorted SHA-256 digests of each document's canonical extended JSON
     */
    public record CollectionEntry(String collection, String file, boolean existed, long documents, long bytes,
            String fileSha256, String documentsSha256) {
    }

    public long documents() {
        return collections.stream().mapToLong(CollectionEntry::documents).sum();
    }

    public long bytes() {
        return collections.stream().mapToLong(CollectionEntry::bytes).sum();
    }
}
