package dev.periscope.readiness.auth;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The CORS allow-list in force ({@code quarkus.http.cors.origins}) and whether it is a wildcard. */
@ApplicationScoped
public class CorsSettings {
    private final List<String> origins;

    public CorsSettings(@ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins) {
        this.origins = origins.orElse(List.of());
    }

    public List<String> origins() {
        return origins;
    }

    public boolean wildcard() {
        return CorsOrigins.isWildcard(origins);
    }
}
