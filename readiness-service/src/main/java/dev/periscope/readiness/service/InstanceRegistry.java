package dev.periscope.readiness.service;

import java.time.Clock;
import java.time.Duration;
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
 * of the compacted topic, several partitions): an older report never replaces a newer one. An instance that stops
 * gracefully leaves a tombstone; one that crashed (or was scaled away by kill) only goes silent: it shows as stale
 * (its rules turn unknown) and is forgotten once its last report is older than {@code forgetAfter}.
 */
public class InstanceRegistry {
    public static final Duration DEFAULT_FORGET_AFTER = Duration.ofMinutes(15);
    private static final Comparator<InstanceView> ORDER = Comparator.comparing(InstanceView::service)
            .thenComparing(InstanceView::instanceId);

    private final Clock clock;
    private final Duration forgetAfter;
    private final ConcurrentMap<String, HealthReport> latest = new ConcurrentHashMap<>();

    public InstanceRegistry(Clock clock) {
        this(clock, DEFAULT_FORGET_AFTER);
    }

    public InstanceRegistry(Clock clock, Duration forgetAfter) {
        this.clock = clock;
        this.forgetAfter = forgetAfter;
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
        Instant now = forgetSilent();
        return latest.values().stream().map(r -> HealthReportViews.view(r, now)).sorted(ORDER).toList();
    }

    public List<InstanceView> instances(String service) {
        Instant now = forgetSilent();
        return latest.values().stream()
                .filter(r -> r.getService().equals(service))
                .map(r -> HealthReportViews.view(r, now))
                .sorted(ORDER)
                .toList();
    }

    public int size() {
        forgetSilent();
        return latest.size();
    }

    private Instant forgetSilent() {
        Instant now = clock.instant();
        long oldestKeptMs = now.minus(forgetAfter).toEpochMilli();
        latest.values().removeIf(report -> report.getTsMs() < oldestKeptMs);
        return now;
    }
}
