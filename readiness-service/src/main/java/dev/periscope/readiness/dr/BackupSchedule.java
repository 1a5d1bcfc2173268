package dev.periscope.readiness.dr;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When to take backups and how long to keep them. Scheduled backups serve tiers (the default, from the seed:
 * hourly kept 24 h, daily kept 14 d, weekly kept 90 d); a tier is due when its newest backup is at least
 * {@code every} old. A backup is kept while any of its tiers still wants it; manual and drill backups have their
 * own retention. The newest backup is never pruned.
 */
public final class BackupSchedule {
    public static final String DEFAULT_TIERS = "hourly:1h:24h,daily:1d:14d,weekly:7d:90d";

    private final List<BackupTier> tiers;
    private final Duration manualRetention;
    private final Duration drillRetention;

    public BackupSchedule(List<BackupTier> tiers, Duration manualRetention, Duration drillRetention) {
        Set<String> names = new HashSet<>();
        for (BackupTier tier : tiers) {
            if (!names.add(tier.name())) {
                throw new IllegalArgumentException("backup tier listed twice: " + tier.name());
            }
        }
        this.tiers = List.copyOf(tiers);
        this.manualRetention = manualRetention;
        this.drillRetention = drillRetention;
    }

    /** Parses {@code name:every:retention[,…]}, e.g. {@value #DEFAULT_TIERS}; blank = no scheduled backups. */
    public static List<BackupTier> parseTiers(String spec) {
        List<BackupTier> tiers = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return tiers;
        }
        for (String part : spec.split(",")) {
            String[] fields = part.trim().split(":");
            if (fields.length != 3) {
                throw new IllegalArgumentException("backup tier must be name:every:retention, got '" + part + "'");
            }
            tiers.add(new BackupTier(fields[0].trim(), DurationText.parse(fields[1]), DurationText.parse(fields[2])));
        }
        return tiers;
    }

    public List<BackupTier> tiers() {
        return tiers;
    }

    /** The tiers whose newest backup is missing or at least {@code every} old, in schedule order. */
    public List<String> dueTiers(List<BackupRecord> catalog, Instant now) {
        Set<String> due = new LinkedHashSet<>();
        for (BackupTier tier : tiers) {
            Optional<Instant> newest = catalog.stream().filter(b -> b.tiers().contains(tier.name()))
                    .map(BackupRecord::takenAt).max(Comparator.naturalOrder());
            if (newest.isEmpty() || !Duration.between(newest.get(), now).minus(tier.every()).isNegative()) {
                due.add(tier.name());
            }
        }
        return List.copyOf(due);
    }

    /** The backups to delete now: those no tier (or trigger retention) keeps any longer, never the newest. */
    public List<BackupRecord> expired(List<BackupRecord> catalog, Instant now) {
        Optional<BackupRecord> newest = catalog.stream().max(Comparator.comparing(BackupRecord::takenAt));
        return catalog.stream()
                .filter(b -> newest.isEmpty() || !b.id().equals(newest.get().id()))
                .filter(b -> !b.age(now).minus(retentionOf(b)).isNegative())
                .toList();
    }

    /** How long a backup is kept: the longest retention of its tiers, or its trigger's retention. */
    public Duration retentionOf(BackupRecord backup) {
        return switch (backup.trigger()) {
            case MANUAL -> manualRetention;
            case DRILL -> drillRetention;
            case SCHEDULED -> tiers.stream().filter(t -> backup.tiers().contains(t.name()))
                    .map(BackupTier::retention).max(Comparator.naturalOrder())
                    // a tier removed from the configuration no longer holds its backups
                    .orElse(Duration.ZERO);
        };
    }
}
