package dev.periscope.readiness.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One service instance as its latest HealthReport describes it, with how old that report is. */
public record InstanceView(
        String service,
        String instanceId,
        String version,
        String status,
        String reason,
        List<BackendView> backends,
        Map<String, Object> facts,
        Map<String, Double> counters,
        Instant startedAt,
        Instant lastReportAt,
        double ageSeconds) {

    /** One backend (kafka, mongodb, clickhouse, …) as the instance last probed it. */
    public record BackendView(String name, String status, String detail, Instant checkedAt) {
    }
}
