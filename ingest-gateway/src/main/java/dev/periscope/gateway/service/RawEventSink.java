package dev.periscope.gateway.service;

import dev.periscope.model.v1.AccessEvent;

/** Where mapped raw events go. Never blocks the caller: gRPC handlers run on the event loop. */
public interface RawEventSink {

    /**
     * @param receivedNanos {@link System#nanoTime()} when the entry's ALS message arrived
     * @return what happened; the sink counts every drop it decides itself
     */
    Offer offer(AccessEvent event, long receivedNanos);

    /**
     * Runs {@code resume} once (on a sink thread, never the caller's) as soon as the sink may accept again after
     * {@link Offer#FULL}. Used by the {@link BackpressurePolicy#BLOCK} policy.
     */
    void whenSpaceAvailable(Runnable resume);

    /** Entries accepted and not yet handed to the transport (queued, being handed over, retried). */
    long queued();

    /** Entries handed to the transport and not yet acknowledged or failed. */
    long inFlight();

    enum Offer {
        /** Queued for publishing (possibly after evicting the oldest entry, counted by the sink). */
        ACCEPTED,
        /** Refused and counted as a drop by the sink (full under drop_new, or shutting down). */
        DROPPED,
        /** Refused without counting: the caller holds the entry and waits ({@code block} policy only). */
        FULL
    }
}
