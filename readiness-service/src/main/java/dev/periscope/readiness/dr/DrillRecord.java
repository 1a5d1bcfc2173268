package dev.periscope.readiness.dr;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One run of a drill: what it checked and whether it passed.
 *
 * @param backupId the backup it restored (taken by the drill or given to it)
 * @param scratchDatabase the database it restored into and dropped afterwards
 * @param error the first failure in one line, null when passed
 */
public record DrillRecord(String id, String drill, Instant startedAt, Instant finishedAt, boolean passed,
        String backupId, String scratchDatabase, List<DrillCheck> checks, String error) {

    /** One verification step of a drill run. */
    public record DrillCheck(String name, boolean ok, String detail) {
    }

    public Duration age(Instant now) {
        Duration age = Duration.between(finishedAt, now);
        return age.isNegative() ? Duration.ZERO : age;
    }
}
