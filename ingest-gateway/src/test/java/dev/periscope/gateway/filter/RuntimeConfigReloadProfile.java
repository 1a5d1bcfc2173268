package dev.periscope.gateway.filter;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Polls the runtime config every 200 ms from a database of its own (unique per application start), so the reload
 * test neither waits two minutes nor sees another run's document.
 */
public class RuntimeConfigReloadProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "periscope.runtime-config.poll-interval", "200ms",
                "quarkus.mongodb.database", "periscope_rcit_${quarkus.uuid}");
    }
}
