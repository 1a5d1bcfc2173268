package dev.periscope.kit.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.periscope.kit.health.ServiceHealth;
import dev.periscope.kit.runtimeconfig.RuntimeConfigHolder;
import dev.periscope.kit.runtimeconfig.RuntimeConfigView;
import dev.periscope.model.v1.BackendStatus;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * /healthz (the process runs), /readyz (every backend answered the last probe), /configz (redacted bootstrap
 * config, plus the {@code runtime_config} object: active version and policy, source, last error, failures).
 */
@ApplicationScoped
public class ManagementRoutes {
    /** Key of the runtime-config object in /configz, beside the flat property names. */
    public static final String RUNTIME_CONFIG_KEY = "runtime_config";
    private final ServiceHealth health;
    private final EffectiveConfig effectiveConfig;
    private final RuntimeConfigHolder runtimeConfig;

    public ManagementRoutes(ServiceHealth health, EffectiveConfig effectiveConfig, RuntimeConfigHolder runtimeConfig) {
        this.health = health;
        this.effectiveConfig = effectiveConfig;
        this.runtimeConfig = runtimeConfig;
    }

    void register(@Observes ManagementInterface management) {
        management.router().get("/healthz").handler(this::liveness);
        management.router().get("/readyz").handler(this::readiness);
        management.router().get("/configz").handler(this::configz);
    }

    private void liveness(RoutingContext rc) {
        json(rc, 200, new JsonObject().put("status", "UP"));
    }

    private void readiness(RoutingContext rc) {
        JsonArray backends = new JsonArray();
        for (BackendStatus backend : health.backends()) {
            backends.add(new JsonObject().put("name", backend.getName())
                    .put("status", backend.getStatus().name().replace("HEALTH_STATUS_", ""))
                    .put("detail", backend.getDetail()));
        }
        boolean ready = health.ready();
        json(rc, ready ? 200 : 503, new JsonObject().put("ready", ready)
                .put("status", health.status().name().replace("HEALTH_STATUS_", "")).put("backends", backends));
    }

    private void configz(RoutingContext rc) {
        JsonObject body = new JsonObject(effectiveConfig.redacted());
        body.put(RUNTIME_CONFIG_KEY, new JsonObject(RuntimeConfigView.of(runtimeConfig.status())));
        json(rc, 200, body);
    }

    private static void json(RoutingContext rc, int status, JsonObject body) {
        rc.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }
}
