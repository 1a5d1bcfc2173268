package dev.periscope.gateway.service;

import java.util.Map;

/**
 * Where every entry the gateway received is now: {@code received = published + dropped (by reason) + queued +
 * inFlight}. Read without a global lock, so the equation holds exactly only when no entry is moving (tests read it
 * after traffic stopped and the queue drained); {@link #unaccounted()} is the difference.
 *
 * @param queued entries waiting in the bounded queue, waiting for a retry, or held by a blocked stream
 * @param inFlight entries handed to the Kafka producer and not acknowledged yet
 */
public record IngestAccounting(long received, long published, Map<String, Long> dropped, long queued,
        long inFlight) {

    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Zero when every received entry is published, dropped with a reason, queued or in flight. */
    public long unaccounted() {
        return received - published - droppedTotal() - queued - inFlight;
    }
}
