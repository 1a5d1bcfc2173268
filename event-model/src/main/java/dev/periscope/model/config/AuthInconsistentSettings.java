package dev.periscope.model.config;

/**
 * {@code detection.auth_inconsistent}: an endpoint that, within {@code window_seconds}, served an authenticated
 * call, refused an anonymous one (401/403) and accepted an anonymous one (2xx).
 */
public record AuthInconsistentSettings(boolean enabled, int windowSeconds) {
    static AuthInconsistentSettings from(DetectorSchema.Values v) {
        return new AuthInconsistentSettings(v.bool("enabled"), v.integer("window_seconds"));
    }
}
