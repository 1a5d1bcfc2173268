package dev.periscope.eventwriter.writer;

import java.util.List;

import dev.periscope.model.v1.AccessEvent;

/** Where a batch of enriched events is stored: api_events_raw, idempotently per deduplication token. */
public interface EventsRawSink {
    /**
     * Stores the events once: a second call with the same token stores nothing.
     *
     * @throws SinkException classified as retryable (sink unavailable) or permanent (the sink rejects the data)
     */
    void insert(List<AccessEvent> events, String deduplicationToken);
}
