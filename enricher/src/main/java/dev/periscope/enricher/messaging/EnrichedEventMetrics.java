package dev.periscope.enricher.messaging;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.periscope.enricher.classify.stages.UserAgentStage;
import dev.periscope.model.v1.AccessEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the user-agent class each enriched event came out with: {@code periscope_uaclass_classifications_total{kind}}
 * (the eight classes; anything else counts as {@code unknown}, so a bad tag cannot grow the meter set).
 */
final class EnrichedEventMetrics {
    static final Set<String> UA_KINDS = Set.of("scanner", "bot", "monitor", "sdk", "cli", "browser", "empty",
            "unknown");

    private final MeterRegistry registry;
    private final Map<String, Counter> uaKinds = new ConcurrentHashMap<>();

    EnrichedEventMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(AccessEvent event) {
        String kind = event.getTagsOrDefault(UserAgentStage.CLASS_TAG, "unknown");
        String counted = UA_KINDS.contains(kind) ? kind : "unknown";
        uaKinds.computeIfAbsent(counted, k -> registry.counter("periscope.uaclass.classifications", "kind", k))
                .increment();
    }
}
