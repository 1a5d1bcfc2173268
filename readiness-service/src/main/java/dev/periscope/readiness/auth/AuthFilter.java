package dev.periscope.readiness.auth;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The Vert.x filter in front of every route of the main HTTP port (the management port has its own router and is
 * not filtered): asks the {@link Authenticator}, answers refusals as {@code application/problem+json}, and audits
 * every request that needs {@code drills:run} or {@code admin} with the status it was answered. It runs after the
 * CORS filter (priority 300), so a preflight is answered by CORS alone.
 */
@ApplicationScoped
public class AuthFilter {
    /** Where an authenticated request's {@link ApiToken} is kept in the routing context. */
    public static final String TOKEN_KEY = "periscope.auth.token";
    static final int PRIORITY = 200;

    private final AuthConfig config;
    private final Authenticator authenticator;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    public AuthFilter(AuthConfig config, Authenticator authenticator, MongoAuditLog audit) {
        this.config = config;
        this.authenticator = authenticator;
        this.audit = audit;
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    private void filter(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String method = request.method().name();
        String path = rc.normalizedPath();
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().host();
        Optional<AuthScope> required = AccessPolicy.required(method, path);
        AccessDecision decision = config.enabled()
                ? authenticator.decide(method, path, request.getHeader("Authorization"), request.getParam("ticket"),
                        address)
                : new AccessDecision.Allowed(Optional.empty());
        if (required.isPresent() && AccessPolicy.audited(required.get())) {
            String who = decision.who();
            rc.addEndHandler(done -> audit.record(AuditRecord.of(who, method, path, clock.instant(),
                    rc.response().getStatusCode(), address)));
        }
        if (decision instanceof AccessDecision.Allowed allowed) {
            allowed.token().ifPresent(token -> rc.put(TOKEN_KEY, token));
            rc.next();
        } else if (decision instanceof AccessDecision.Refused refused) {
            refuse(rc, refused);
        }
    }

    private static void refuse(RoutingContext rc, AccessDecision.Refused refused) {
        var response = rc.response().setStatusCode(refused.status())
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("Cache-Control", "no-store");
        if (refused.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"periscope-readiness\"");
        }
        refused.retryAfter().ifPresent(after -> response.putHeader("Retry-After",
                Long.toString(AccessDecision.Refused.retryAfterSeconds(after))));
        response.end(new JsonObject().put("type", "about:blank").put("title", title(refused.status()))
                .put("status", refused.status()).put("detail", refused.detail()).encode());
    }

    private static String title(int status) {
        return switch (status) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 429 -> "Too Many Requests";
            default -> "Refused";
        };
    }
}
