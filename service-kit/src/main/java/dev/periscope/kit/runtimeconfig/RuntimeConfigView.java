package dev.periscope.kit.runtimeconfig;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.periscope.model.config.RuntimeConfig;
import dev.periscope.model.config.RuntimeConfigDocument;

/** The {@code runtime_config} object of {@code /configz}: state of the reads and the active policy. */
public final class RuntimeConfigView {
    private RuntimeConfigView() {
    }

    public static Map<String, Object> of(RuntimeConfigStatus status) {
        RuntimeConfig config = status.config();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("version", config.version());
        view.put("source", status.source());
        view.put("updated_at", config.updatedAt().map(Instant::toString).orElse(null));
        view.put("updated_by", config.updatedBy());
        view.put("applied_at", text(status.appliedAt()));
        view.put("last_check_at", text(status.lastCheckAt()));
        view.put("consecutive_failures", status.consecutiveFailures());
        view.put("last_error", status.lastError());
        view.put("last_error_at", text(status.lastErrorAt()));
        view.put("warnings", status.warnings());
        view.put("policy", RuntimeConfigDocument.policy(config.policy()));
        view.put("detection", RuntimeConfigDocument.detection(config.detection()));
        return view;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
