package dev.periscope.kit.health;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.periscope.model.v1.BackendStatus;
import dev.periscope.model.v1.HealthStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * {@code periscope_backend_up{backend}}: 1 when the backend (sink, broker, store) answered its last probe, 0 when it
 * did not — the metric Prometheus alerts on for "sink down" (the HealthReport carries the same state).
 */
public final class BackendGauges {
    public static final String NAME = "periscope.backend.up";

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> up = new ConcurrentHashMap<>();

    public BackendGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(List<BackendStatus> backends) {
        for (BackendStatus backend : backends) {
            up.computeIfAbsent(backend.getName(),
                    name -> registry.gauge(NAME, Tags.of("backend", name), new AtomicInteger()))
                    .set(backend.getStatus() == HealthStatus.HEALTH_STATUS_UP ? 1 : 0);
        }
    }
}
