package dev.periscope.readiness.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.periscope.model.RecordKeys;
import dev.periscope.model.v1.HealthReport;
import dev.periscope.readiness.domain.InstanceView;

/**
 * The latest HealthReport of every {@code service/instance_id}, in memory. Reports may arrive out of order (replay
 * of the compacted topic, several partitions): an older report never replaces a newer one. Checklist rules will
 * read from here.
 */
public class InstanceRegistry {
    private static final Comparator<InstanceView> ORDER = Comparator.comparing(InstanceView::service)
            .thenComparing(InstanceView::instanceId);

    private final Clock clock;
    private final ConcurrentMap<String, HealthReport> latest = new ConcurrentHashMap<>();

    public InstanceRegistry(Clock clock) {
        this.clock = clock;
    }

    /** @return true when the report is now the instance's latest, false when a newer one was already known */
    public boolean record(HealthReport report) {
        String key = RecordKeys.healthKey(report);
        HealthReport kept = latest.merge(key, report,
                (current, incoming) -> incoming.getTsMs() >= current.getTsMs() ? incoming : current);
        return kept == report;
    }

    /** A tombstone on the compacted topic: the instance is gone. */
    public void remove(String key) {
        latest.remove(key);
    }

    public List<InstanceView> instances() {
        Instant now = clock.instant();
        return latest.values().stream().map(r -> HealthReportViews.view(r, now)).sorted(ORDER).toList();
    }

    public List<InstanceView> instances(String service) {
        Instant now = clock.instant();
        return latest.values().stream()
                .filter(r -> r.getService().equals(service))
                .map(r -> HealthReportViews.view(r, now))
                .sorted(ORDER)
                .toList();
    }

    public int size() {
        return latest.size();
    }
}
