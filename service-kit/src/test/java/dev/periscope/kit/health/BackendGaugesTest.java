package dev.periscope.kit.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.periscope.model.v1.BackendStatus;
import dev.periscope.model.v1.HealthStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class BackendGaugesTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BackendGauges gauges = new BackendGauges(registry);

    @Test
    void oneGaugePerBackendFollowsItsLastProbe() {
        gauges.record(List.of(backend("kafka", HealthStatus.HEALTH_STATUS_UP),
                backend("clickhouse", HealthStatus.HEALTH_STATUS_DOWN)));

        assertThat(value("kafka")).isEqualTo(1.0);
        assertThat(value("clickhouse")).isEqualTo(0.0);

        gauges.record(List.of(backend("kafka", HealthStatus.HEALTH_STATUS_DOWN),
                backend("clickhouse", HealthStatus.HEALTH_STATUS_UP)));

        assertThat(value("kafka")).isEqualTo(0.0);
        assertThat(value("clickhouse")).isEqualTo(1.0);
        assertThat(registry.find(BackendGauges.NAME).gauges()).hasSize(2);
    }

    private double value(String backend) {
        return registry.get(BackendGauges.NAME).tag("backend", backend).gauge().value();
    }

    private static BackendStatus backend(String name, HealthStatus status) {
        return BackendStatus.newBuilder().setName(name).setStatus(status).build();
    }
}
