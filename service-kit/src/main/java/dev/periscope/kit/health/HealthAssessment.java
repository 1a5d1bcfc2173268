package dev.periscope.kit.health;

import java.util.List;
import java.util.stream.Collectors;

import dev.periscope.model.v1.BackendStatus;
import dev.periscope.model.v1.HealthStatus;

/**
 * Pure rule from backend states to a service status: every backend UP is UP; any backend down is DEGRADED
 * (the service runs, pauses its sink and loses nothing within retention); never probed yet is DOWN.
 */
public final class HealthAssessment {
    private HealthAssessment() {
    }

    public static HealthStatus status(List<BackendStatus> backends) {
        if (backends.isEmpty()) {
            return HealthStatus.HEALTH_STATUS_DOWN;
        }
        boolean allUp = backends.stream().allMatch(b -> b.getStatus() == HealthStatus.HEALTH_STATUS_UP);
        return allUp ? HealthStatus.HEALTH_STATUS_UP : HealthStatus.HEALTH_STATUS_DEGRADED;
    }

    public static String reason(List<BackendStatus> backends) {
        if (backends.isEmpty()) {
            return "backends not probed yet";
        }
        return backends.stream()
                .filter(b -> b.getStatus() != HealthStatus.HEALTH_STATUS_UP)
                .map(b -> b.getName() + ": " + b.getDetail())
                .collect(Collectors.joining("; "));
    }
}
