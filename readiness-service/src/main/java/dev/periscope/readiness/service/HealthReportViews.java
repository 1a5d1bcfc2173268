package dev.periscope.readiness.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.periscope.model.v1.BackendStatus;
import dev.periscope.model.v1.FactValue;
import dev.periscope.model.v1.HealthReport;
import dev.periscope.model.v1.HealthStatus;
import dev.periscope.readiness.domain.InstanceView;

/** Turns a protobuf HealthReport into the view the API shows: plain JSON values, statuses without prefixes. */
final class HealthReportViews {
    private HealthReportViews() {
    }

    static InstanceView view(HealthReport report, Instant now) {
        Instant reportedAt = Instant.ofEpochMilli(report.getTsMs());
        double ageSeconds = Math.max(0, now.toEpochMilli() - report.getTsMs()) / 1000.0;
        List<InstanceView.BackendView> backends = report.getBackendsList().stream()
                .map(HealthReportViews::backend)
                .toList();
        Map<String, Object> facts = new TreeMap<>();
        report.getFactsMap().forEach((name, value) -> facts.put(name, plain(value)));
        return new InstanceView(report.getService(), report.getInstanceId(), report.getVersion(),
                status(report.getStatus()), report.getReason(), backends, facts, new TreeMap<>(report.getCountersMap()),
                report.getStartedAtMs() > 0 ? Instant.ofEpochMilli(report.getStartedAtMs()) : null, reportedAt,
                ageSeconds);
    }

    static String status(HealthStatus status) {
        return switch (status) {
            case HEALTH_STATUS_UP -> "UP";
            case HEALTH_STATUS_DEGRADED -> "DEGRADED";
            case HEALTH_STATUS_DOWN -> "DOWN";
            default -> "UNKNOWN";
        };
    }

    private static InstanceView.BackendView backend(BackendStatus backend) {
        return new InstanceView.BackendView(backend.getName(), status(backend.getStatus()), backend.getDetail(),
                backend.getCheckedAtMs() > 0 ? Instant.ofEpochMilli(backend.getCheckedAtMs()) : null);
    }

    private static Object plain(FactValue value) {
        return switch (value.getValueCase()) {
            case BOOL_VALUE -> value.getBoolValue();
            case INT_VALUE -> value.getIntValue();
            case DOUBLE_VALUE -> value.getDoubleValue();
            case STRING_VALUE -> value.getStringValue();
            case VALUE_NOT_SET -> null;
        };
    }
}
