package dev.periscope.readiness.ui;

import java.util.List;
import java.util.Locale;

import dev.periscope.readiness.domain.InstanceView;

/** One line of the dashboard's instances table. */
public record InstanceRow(String service, String instanceId, String version, String status, String reason,
        List<BackendCell> backends, long ageSeconds) {

    public record BackendCell(String name, String status, String detail) {
    }

    public static InstanceRow of(InstanceView view) {
        List<BackendCell> backends = view.backends().stream()
                .map(b -> new BackendCell(b.name(), lower(b.status()), b.detail() == null ? "" : b.detail()))
                .toList();
        return new InstanceRow(view.service(), view.instanceId(), view.version(), lower(view.status()),
                view.reason() == null ? "" : view.reason(), backends, Math.round(view.ageSeconds()));
    }

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }
}
