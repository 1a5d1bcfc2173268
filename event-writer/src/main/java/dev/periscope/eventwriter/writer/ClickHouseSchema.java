package dev.periscope.eventwriter.writer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import com.clickhouse.client.api.Client;

import io.micrometer.core.instrument.MeterRegistry;

/** Applies the versioned DDL (idempotent statements) once per process, and again after the table went missing. */
public class ClickHouseSchema {
    private static final Logger LOG = Logger.getLogger(ClickHouseSchema.class);

    private final Client client;
    private final List<String> statements;
    private final Duration timeout;
    private final MeterRegistry registry;
    private volatile boolean applied;

    public ClickHouseSchema(Client client, String database, int retentionDays, Duration timeout,
            MeterRegistry registry) {
        this.client = client;
        this.timeout = timeout;
        this.registry = registry;
        this.statements = SchemaScripts.load(ClickHouseSchema.class.getClassLoader(),
                Map.of("database", database, "retention_days", Integer.toString(retentionDays)));
    }

    public boolean applied() {
        return applied;
    }

    /** The next write re-applies the schema first (someone dropped the table or database). */
    public void markStale() {
        applied = false;
    }

    /** @throws SinkException (retryable) when ClickHouse did not accept every statement */
    public synchronized void ensureApplied() {
        if (applied) {
            return;
        }
        for (String statement : statements) {
            try {
                client.execute(statement).get(timeout.toMillis(), TimeUnit.MILLISECONDS).close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw SinkException.retryable("schema", "interrupted while applying the schema", e);
            } catch (Exception e) {
                registry.counter("periscope.clickhouse.errors", "op", "schema").increment();
                throw SinkException.retryable("schema", "schema not applied: " + ClickHouseErrors.describe(e), e);
            }
        }
        applied = true;
        LOG.infof("ClickHouse schema applied (%d statements)", statements.size());
    }
}
