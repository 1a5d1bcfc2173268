package dev.periscope.gateway.service;

import java.util.function.LongSupplier;

import dev.periscope.gateway.mapping.AccessLogEntryMapper;

/** Opens one {@link AccessLogStream} per ALS stream; the streams share the mapper, the sink and the counters. */
public class AccessLogIngestService {
    private final AccessLogEntryMapper mapper;
    private final RawEventSink sink;
    private final IngestMetrics metrics;
    private final LongSupplier clock;

    public AccessLogIngestService(AccessLogEntryMapper mapper, RawEventSink sink, IngestMetrics metrics,
            LongSupplier clock) {
        this.mapper = mapper;
        this.sink = sink;
        this.metrics = metrics;
        this.clock = clock;
    }

    public AccessLogStream openStream() {
        return new AccessLogStream(mapper, sink, metrics, clock);
    }
}
