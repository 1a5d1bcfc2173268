package dev.periscope.eventwriter.writer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;

import dev.periscope.eventwriter.mapping.AccessEventRowMapper;
import dev.periscope.eventwriter.mapping.StoragePolicy;

/**
 * Inserts a batch as one RowBinary insert carrying its insert_deduplication_token; the rollups' materialized views
 * are deduplicated with it too ({@code deduplicate_blocks_in_dependent_materialized_views}). Each attempt is bounded
 * by CLICKHOUSE_WRITE_TIMEOUT and classified retryable or permanent.
 */
public class ClickHouseEventsRawWriter implements AccessEventWriter {
    private final Client client;
    private final ClickHouseSchema schema;
    private final String table;
    private final Duration timeout;
    private final WriteStatus status;
    private final Supplier<StoragePolicy> policy;
    private final Clock clock;

    public ClickHouseEventsRawWriter(Client client, ClickHouseSchema schema, String database, Duration timeout,
            WriteStatus status, Supplier<StoragePolicy> policy, Clock clock) {
        this.client = client;
        this.schema = schema;
        this.table = ApiEventsRawTable.qualifiedName(database);
        this.timeout = timeout;
        this.status = status;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public void insert(List<RawRow> rows, String deduplicationToken) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            schema.ensureApplied();
        } catch (SinkException e) {
            status.failed(e.getMessage());
            throw e;
        }
        RowBinaryEncoder encoder = new RowBinaryEncoder(rows.size() * 512);
        StoragePolicy storage = policy.get();
        for (RawRow row : rows) {
            AccessEventRowMapper.write(row.event(), row.sampleWeight(), storage, encoder);
        }
        InsertSettings settings = new InsertSettings().setDeduplicationToken(deduplicationToken)
                .serverSetting("deduplicate_blocks_in_dependent_materialized_views", "1");
        try (InsertResponse ignored = client.insert(table, ApiEventsRawTable.COLUMNS, encoder.toInputStream(),
                ClickHouseFormat.RowBinary, settings).get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
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
