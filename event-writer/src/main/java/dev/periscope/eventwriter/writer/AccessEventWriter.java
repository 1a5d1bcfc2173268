package dev.periscope.eventwriter.writer;

import java.util.List;

/**
 * Where a batch of enriched events is stored: api_events_raw, idempotently per deduplication token. This is the
 * {@code AccessEventWriter} seam: the ClickHouse implementation and decorators (metrics, timeout) implement it.
 */
public interface AccessEventWriter {
    /**
     * Stores the rows once: a second call with the same token stores nothing.
     *
     * @throws SinkException classified as retryable (sink unavailable) or permanent (the sink rejects the data)
     */
    void insert(List<RawRow> rows, String deduplicationToken);
}
