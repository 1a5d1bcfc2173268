package dev.periscope.eventwriter.health;

import static dev.periscope.kit.health.HealthFactsContributor.fact;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.periscope.eventwriter.config.EventWriterConfig;
import dev.periscope.eventwriter.writer.ClickHouseEndpoint;
import dev.periscope.kit.health.HealthFactsContributor;
import dev.periscope.model.v1.FactValue;

/** Facts the readiness checklist reads about the event store. */
@ApplicationScoped
public class EventWriterFacts implements HealthFactsContributor {
    private final EventWriterConfig config;
    private final ClickHouseEndpoint endpoint;
    private final int batchMaxSize;

    public EventWriterFacts(EventWriterConfig config, ClickHouseEndpoint endpoint,
            @ConfigProperty(name = "mp.messaging.incoming.enriched-events.max.poll.records", defaultValue = "500")
            int batchMaxSize) {
        this.config = config;
        this.endpoint = endpoint;
        this.batchMaxSize = batchMaxSize;
    }

    @Override
    public void contribute(Map<String, FactValue> facts) {
        facts.put("store.clickhouse.loopback", fact(endpoint.loopback()));
        facts.put("store.clickhouse.database", fact(config.clickhouse().database()));
        facts.put("store.clickhouse.retention_days", fact(config.clickhouse().retentionDays()));
        facts.put("store.clickhouse.compress_server_response", fact(config.clickhouse().compressServerResponse()));
        facts.put("event_writer.batch.max_size", fact(batchMaxSize));
    }
}
