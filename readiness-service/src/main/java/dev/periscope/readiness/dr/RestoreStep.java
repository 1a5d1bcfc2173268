package dev.periscope.readiness.dr;

import java.util.List;

/** One step of the restore order: dependency order, the system of record first, telemetry last (or never). */
public record RestoreStep(int order, String store, String action, String why) {

    public static List<RestoreStep> periscope() {
        return List.of(
                new RestoreStep(1, "mongodb", "Restore MongoDB from the latest verified backup"
                        + " (GET /api/backups; restore the newest whose drill passed).",
                        "The system of record: nothing else is meaningful until the source of truth is back."),
                new RestoreStep(2, "services", "Start inventory-writer, enricher and readiness-service against the"
                        + " restored MongoDB; wait until each reports UP in GET /api/instances.",
                        "They read runtime config, inventory, threat intel, baselines and learned shapes from it."),
                new RestoreStep(3, "clickhouse", "Provision an empty ClickHouse and start event-writer: it applies"
                        + " its schema at start-up and refills from Kafka and live traffic.",
                        "Rebuildable telemetry (TTL'd); restore a ClickHouse backup only for a compliance mandate."),
                new RestoreStep(4, "kafka", "Nothing to restore: consumers resume from their committed offsets;"
                        + " watch the time until data loss per consumer group.",
                        "The buffer held the records while consumers were down, within its retention."),
                new RestoreStep(5, "edges", "No action: Envoy keeps sending access logs to ingest-gateway;"
                        + " the gateway's bounded queue drops (and counts) rather than blocking Envoy.",
                        "The data plane never depended on the control plane."));
    }
}
