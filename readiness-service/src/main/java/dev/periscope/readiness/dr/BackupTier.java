package dev.periscope.readiness.dr;

import java.time.Duration;

/** One row of the backup schedule: take a backup every {@code every}, keep it for {@code retention}. */
public record BackupTier(String name, Duration every, Duration retention) {
    public BackupTier {
        if (!name.matches("[a-z][a-z0-9_-]*")) {
            throw new IllegalArgumentException("backup tier name must match [a-z][a-z0-9_-]*: '" + name + "'");
        }
        if (every.isNegative() || every.isZero() || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("backup tier " + name + ": every and retention must be positive");
        }
    }
}
