package dev.periscope.gateway.service;

import java.util.function.LongSupplier;

import dev.periscope.gateway.mapping.AccessLogEntryMapper;

/**
 * Opens one {@link AccessLogStream} per ALS stream; the streams share the mapper, the filter, the sink and the
 * counters. After {@link #stopAccepting()} (shutdown) no new stream is opened.
 */
public class AccessLogIngestService {
    private final AccessLogEntryMapper mapper;
    private final RawEventSink sink;
    private final EventFilter filter;
    private final IngestMetrics metrics;
    private final LongSupplier clock;
    private volatile boolean accepting = true;

    public AccessLogIngestService(AccessLogEntryMapper mapper, RawEventSink sink, EventFilter filter,
            IngestMetrics metrics, LongSupplier clock) {
        this.mapper = mapper;
        this.sink = sink;
        this.filter = filter;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** @param requestNext asks the transport for the stream's next message (thread-safe) */
    public AccessLogStream openStream(Runnable requestNext) {
        return new AccessLogStream(mapper, sink, filter, metrics, clock, requestNext);
    }

    public boolean accepting() {
        return accepting;
    }

    public void stopAccepting() {
        accepting = false;
    }
}
