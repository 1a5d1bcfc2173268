package dev.periscope.gateway.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.periscope.gateway.messaging.RawEventPublisher;
import dev.periscope.gateway.service.AccessLogIngestService;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Shuts the gateway down upstream-first within SHUTDOWN_TIMEOUT: refuse new ALS streams (UNAVAILABLE, Envoy retries
 * another replica), then drain the queue into the producer (bounded by BATCH_SHUTDOWN_DRAIN_TIMEOUT), flush and close
 * it. Entries that could not be drained are counted {@code shutdown}.
 */
@ApplicationScoped
public class GatewayShutdown {
    private static final Logger LOG = Logger.getLogger(GatewayShutdown.class);

    private final AccessLogIngestService ingest;
    private final RawEventPublisher publisher;

    public GatewayShutdown(AccessLogIngestService ingest, RawEventPublisher publisher) {
        this.ingest = ingest;
        this.publisher = publisher;
    }

    void onStop(@Observes ShutdownEvent event) {
        LOG.info("shutting down: refusing new ALS streams, draining the publisher queue");
        ingest.stopAccepting();
        publisher.close();
    }
}
