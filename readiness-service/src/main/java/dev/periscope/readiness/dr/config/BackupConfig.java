package dev.periscope.readiness.dr.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Logical MongoDB backups: where, what, how often, how long. */
@ConfigMapping(prefix = "periscope.readiness.backup")
public interface BackupConfig {

    /** The backup directory (one sub-directory per backup); a persistent path, never /tmp in production. */
    String dir();

    /** The system-of-record database to back up; also holds the catalog and drill results. */
    String database();

    /** The collections to back up; a collection that does not exist yet is backed up as empty. */
    List<String> collections();

    /** gzip the collection files. */
    @WithDefault("true")
    boolean gzip();

    /** The schedule, {@code name:every:retention,…}; empty = no scheduled backups. */
    @WithDefault("hourly:1h:24h,daily:1d:14d,weekly:7d:90d")
    String tiers();

    /** How long a backup taken on request (POST /api/backups) is kept. */
    @WithDefault("30d")
    Duration manualRetention();

    /** How long a backup taken by a drill is kept. */
    @WithDefault("1d")
    Duration drillRetention();

    /** How often the schedule is checked for a due tier (and expired backups pruned); {@code off} disables. */
    @WithDefault("1m")
    String checkEvery();
}
