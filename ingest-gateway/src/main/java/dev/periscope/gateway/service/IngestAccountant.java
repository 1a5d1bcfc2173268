package dev.periscope.gateway.service;

/** Takes {@link IngestAccounting} snapshots from the counters and the sink's queue. */
public class IngestAccountant {
    private final IngestMetrics metrics;
    private final RawEventSink sink;

    public IngestAccountant(IngestMetrics metrics, RawEventSink sink) {
        this.metrics = metrics;
        this.sink = sink;
    }

    /** In-flight first, then queued, then the totals: an entry moving forward meanwhile is never missed. */
    public IngestAccounting snapshot() {
        long inFlight = sink.inFlight();
        long queued = sink.queued() + metrics.heldByStreams();
        return new IngestAccounting(metrics.receivedTotal(), metrics.publishedTotal(), metrics.droppedTotals(),
                queued, inFlight);
    }
}
