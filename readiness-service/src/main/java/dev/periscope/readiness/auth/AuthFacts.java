package dev.periscope.readiness.auth;

import static dev.periscope.kit.health.HealthFactsContributor.fact;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.periscope.kit.health.HealthFactsContributor;
import dev.periscope.model.v1.FactValue;

/**
 * Facts for the checklist's security.admin-token and security.cors rules. {@code security.admin_token.strong} is
 * true when auth is on and at least one admin token is in force — every token passed the strength check at start-up
 * (a hashed entry's length cannot be checked, only that it is no known default).
 */
@ApplicationScoped
public class AuthFacts implements HealthFactsContributor {
    private final AuthConfig config;
    private final TokenRegistry tokens;
    private final CorsSettings cors;

    public AuthFacts(AuthConfig config, TokenRegistry tokens, CorsSettings cors) {
        this.config = config;
        this.tokens = tokens;
        this.cors = cors;
    }

    @Override
    public void contribute(Map<String, FactValue> facts) {
        long adminTokens = tokens.tokens().stream().filter(t -> t.scopes().contains(AuthScope.ADMIN)).count();
        facts.put("security.auth.enabled", fact(config.enabled()));
        facts.put("security.auth.tokens", fact(tokens.tokens().size()));
        facts.put("security.admin_token.count", fact(adminTokens));
        facts.put("security.admin_token.strong", fact(config.enabled() && adminTokens > 0));
        facts.put("http.cors.wildcard", fact(cors.wildcard()));
        facts.put("http.cors.origins", fact(String.join(",", cors.origins())));
    }
}
