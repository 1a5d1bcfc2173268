package dev.periscope.eventwriter.writer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** Applies the schema at start when ClickHouse is there; otherwise the first insert applies it. Never fails start. */
@ApplicationScoped
public class SchemaInitializer {
    private static final Logger LOG = Logger.getLogger(SchemaInitializer.class);

    void onStart(@Observes StartupEvent event, ClickHouseSchema schema) {
        try {
            schema.ensureApplied();
        } catch (SinkException e) {
            LOG.warnf("%s; it is applied before the first insert", e.getMessage());
        }
    }
}
