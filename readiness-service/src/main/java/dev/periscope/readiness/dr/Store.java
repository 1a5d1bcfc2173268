package dev.periscope.readiness.dr;

import java.util.List;

/** One store of the deployment and its place in disaster recovery. */
public record Store(String name, StoreRole role, List<String> holds, String backupPosture) {

    /** Periscope's stores (ARCHITECTURE "Stores"): MongoDB is the one irreplaceable store. */
    public static List<Store> periscope() {
        return List.of(
                new Store("mongodb", StoreRole.SYSTEM_OF_RECORD,
                        List.of("runtime_config", "api_inventory", "threat_intel_feeds", "detector_baselines",
                                "path_shapes", "normalize_gaps", "readiness_*"),
                        "Back this up: logical backups with a manifest and checksums, restore drills."),
                new Store("clickhouse", StoreRole.REBUILDABLE_TELEMETRY,
                        List.of("api_events_raw", "api_events_1m", "api_events_1h", "api_events_1d"),
                        "Not backed up: TTL'd telemetry (RETENTION_DAYS) that refills from live traffic; back up"
                                + " only for a compliance retention beyond the TTL."),
                new Store("kafka", StoreRole.BUFFER,
                        List.of("periscope.* topics"),
                        "Not backed up: records wait here while a consumer is down; the time until data loss"
                                + " (retention minus the age of the oldest unconsumed record) is the outage clock."));
    }
}
