package dev.periscope.kit.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.periscope.model.v1.BackendStatus;
import dev.periscope.model.v1.HealthStatus;

class HealthAssessmentTest {
    private static BackendStatus backend(String name, HealthStatus status, String detail) {
        return BackendStatus.newBuilder().setName(name).setStatus(status).setDetail(detail).build();
    }

    @Test
    void notYetProbedIsDown() {
        assertThat(HealthAssessment.status(List.of())).isEqualTo(HealthStatus.HEALTH_STATUS_DOWN);
        assertThat(HealthAssessment.reason(List.of())).contains("not probed");
    }

    @Test
    void allUpIsUpWithNoReason() {
        List<BackendStatus> backends = List.of(backend("kafka", HealthStatus.HEALTH_STATUS_UP, "1 broker"),
                backend("mongodb", HealthStatus.HEALTH_STATUS_UP, "ok"));
        assertThat(HealthAssessment.status(backends)).isEqualTo(HealthStatus.HEALTH_STATUS_UP);
        assertThat(HealthAssessment.reason(backends)).isEmpty();
    }

    @Test
    void aDownBackendDegradesAndIsNamedInTheReason() {
        List<BackendStatus> backends = List.of(backend("kafka", HealthStatus.HEALTH_STATUS_UP, "1 broker"),
                backend("clickhouse", HealthStatus.HEALTH_STATUS_DOWN, "connection refused"));
        assertThat(HealthAssessment.status(backends)).isEqualTo(HealthStatus.HEALTH_STATUS_DEGRADED);
        assertThat(HealthAssessment.reason(backends)).isEqualTo("clickhouse: connection refused");
    }
}
