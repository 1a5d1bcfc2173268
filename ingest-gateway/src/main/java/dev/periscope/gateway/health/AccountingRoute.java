package dev.periscope.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.periscope.gateway.service.IngestAccountant;
import dev.periscope.gateway.service.IngestAccounting;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /accounting} on the management port: where every received entry is now (received = published + dropped
 * by reason + queued + in flight), for benchmarks and operators checking that nothing went unaccounted.
 */
@ApplicationScoped
public class AccountingRoute {
    private final IngestAccountant accounting;

    public AccountingRoute(IngestAccountant accounting) {
        this.accounting = accounting;
    }

    void register(@Observes ManagementInterface management) {
        management.router().get("/accounting").handler(this::accounting);
    }

    private void accounting(RoutingContext rc) {
        IngestAccounting snapshot = accounting.snapshot();
        JsonObject body = new JsonObject()
                .put("received", snapshot.received())
                .put("published", snapshot.published())
                .put("dropped", new JsonObject(new java.util.LinkedHashMap<>(snapshot.dropped())))
                .put("dropped_total", snapshot.droppedTotal())
                .put("queued", snapshot.queued())
                .put("in_flight", snapshot.inFlight())
                .put("unaccounted", snapshot.unaccounted());
        rc.response().putHeader("content-type", "application/json").end(body.encode());
    }
}
