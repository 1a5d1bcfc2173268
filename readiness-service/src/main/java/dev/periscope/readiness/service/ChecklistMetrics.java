package dev.periscope.readiness.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.periscope.readiness.checklist.ChecklistItem;
import dev.periscope.readiness.checklist.ChecklistReport;
import dev.periscope.readiness.checklist.ItemStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * {@code periscope_readiness_verdict} (0 ready, 1 degraded, 2 blocked — doctor's exit code) and
 * {@code periscope_readiness_item_status{item,section}} (0 pass, 1 unknown, 2 warn, 3 fail).
 */
@ApplicationScoped
public class ChecklistMetrics {
    private final MeterRegistry registry;
    private final AtomicInteger verdict = new AtomicInteger(-1);
    private final Map<String, AtomicInteger> items = new ConcurrentHashMap<>();

    public ChecklistMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("periscope.readiness.verdict", verdict);
    }

    public void record(ChecklistReport report) {
        verdict.set(report.exitCode());
        for (ChecklistItem item : report.items()) {
            items.computeIfAbsent(item.id(), id -> registry.gauge("periscope.readiness.item.status",
                    Tags.of("item", id, "section", item.section().slug()), new AtomicInteger()))
                    .set(value(item.status()));
        }
    }

    static int value(ItemStatus status) {
        return switch (status) {
            case PASS -> 0;
            case UNKNOWN -> 1;
            case WARN -> 2;
            case FAIL -> 3;
        };
    }
}
