package dev.periscope.readiness.dr;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One backup in the catalog.
 *
 * @param tiers the schedule tiers it serves (empty unless scheduled)
 * @param path the backup's directory
 * @param manifestSha256 SHA-256 of its manifest file
 */
public record BackupRecord(String id, Instant takenAt, BackupTrigger trigger, List<String> tiers, String database,
        String path, int collections, long documents, long bytes, String manifestSha256) {

    public Duration age(Instant now) {
        Duration age = Duration.between(takenAt, now);
        return age.isNegative() ? Duration.ZERO : age;
    }
}
