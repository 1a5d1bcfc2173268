package dev.periscope.gateway.service;

import java.util.Locale;

/** What the gateway does when the publisher queue is full ({@code BATCH_BACKPRESSURE_POLICY}). */
public enum BackpressurePolicy {
    /** Refuse the new entry and count it ({@code backpressure}); Envoy is never held up. The default. */
    DROP_NEW,
    /** Evict the oldest queued entry ({@code drop_old}) and accept the new one; Envoy is never held up. */
    DROP_OLD,
    /**
     * Stop reading the stream (gRPC flow control) until the queue has room; nothing is dropped for back-pressure, and
     * Envoy's own ALS buffer fills and drops instead (its {@code buffer_size_bytes}).
     */
    BLOCK;

    /** Accepts {@code drop_new}, {@code drop-new}, {@code DROP_NEW}, … */
    public static BackpressurePolicy parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
