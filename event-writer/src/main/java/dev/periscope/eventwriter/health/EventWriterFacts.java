package dev.periscope.eventwriter.health;

import static dev.periscope.kit.health.HealthFactsContributor.fact;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.periscope.eventwriter.batch.BatchBudget;

import dev.periscope.eventwriter.config.EventWriterConfig;
import dev.periscope.eventwriter.writer.ClickHouseEndpoint;
import dev.periscope.kit.health.HealthFactsContributor;
import dev.periscope.model.v1.FactValue;

/** Facts the readiness checklist reads about the event store. */
@ApplicationScoped
public class EventWriterFacts implements HealthFactsContributor {
    private final EventWriterConfig config;
    private final ClickHouseEndpoint endpoint;
    private final BatchBudget budget;

    public EventWriterFacts(EventWriterConfig config, ClickHouseEndpoint endpoint, BatchBudget budget) {
        this.config = config;
        this.endpoint = endpoint;
        this.budget = budget;
    }

    @Override
    public void contribute(Map<String, FactValue> facts) {
        facts.put("store.clickhouse.loopback", fact(endpoint.loopback()));
        facts.put("store.clickhouse.database", fact(config.clickhouse().database()));
        facts.put("store.clickhouse.retention_days", fact(config.clickhouse().retentionDays()));
        facts.put("store.clickhouse.compress_server_response", fact(config.clickhouse().compressServerResponse()));
        facts.put("store.clickhouse.compress_client_request", fact(config.clickhouse().compressClientRequest()));
        facts.put("event_writer.batch.max_size", fact(budget.maxRows()));
        facts.put("event_writer.batch.max_bytes", fact(budget.maxBytes()));
        facts.put("event_writer.batch.shards", fact(budget.shards()));
    }
}
