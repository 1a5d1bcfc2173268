package dev.periscope.eventwriter.writer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;

import dev.periscope.eventwriter.mapping.AccessEventRowMapper;
import dev.periscope.model.v1.AccessEvent;
import io.micrometer.core.instrument.MeterRegistry;

/** Inserts a batch as one RowBinary insert carrying its insert_deduplication_token. */
public class ClickHouseEventsRawWriter implements EventsRawSink {
    private final Client client;
    private final ClickHouseSchema schema;
    private final String table;
    private final Duration timeout;
    private final WriteStatus status;
    private final MeterRegistry registry;
    private final Clock clock;

    public ClickHouseEventsRawWriter(Client client, ClickHouseSchema schema, String database, Duration timeout,
            WriteStatus status, MeterRegistry registry, Clock clock) {
        this.client = client;
        this.schema = schema;
        this.table = ApiEventsRawTable.qualifiedName(database);
        this.timeout = timeout;
        this.status = status;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public void insert(List<AccessEvent> events, String deduplicationToken) {
        if (events.isEmpty()) {
            return;
        }
        try {
            schema.ensureApplied();
        } catch (SinkException e) {
            status.failed(e.getMessage());
            throw e;
        }
        RowBinaryEncoder rows = new RowBinaryEncoder(events.size() * 512);
        for (AccessEvent event : events) {
            AccessEventRowMapper.write(event, rows);
        }
        InsertSettings settings = new InsertSettings().setDeduplicationToken(deduplicationToken);
        try (InsertResponse ignored = client.insert(table, ApiEventsRawTable.COLUMNS, rows.toInputStream(),
                ClickHouseFormat.RowBinary, settings).get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            registry.counter("periscope.clickhouse.rows.inserted").increment(events.size());
            status.succeeded(clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SinkException.retryable("insert", "interrupted while inserting", e);
        } catch (Exception e) {
            throw classify(e);
        }
    }

    private SinkException classify(Exception e) {
        String op = ClickHouseErrors.isTimeout(e) ? "timeout" : "insert";
        registry.counter("periscope.clickhouse.errors", "op", op).increment();
        String reason = "insert into " + table + " failed: " + ClickHouseErrors.describe(e);
        if (ClickHouseErrors.isMissingSchema(e)) {
            schema.markStale();
        }
        if (ClickHouseErrors.isRetryable(e)) {
            status.failed(reason);
            return SinkException.retryable(op, reason, e);
        }
        return SinkException.permanent(op, reason, e);
    }
}
