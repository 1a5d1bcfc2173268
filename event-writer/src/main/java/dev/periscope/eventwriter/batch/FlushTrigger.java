package dev.periscope.eventwriter.batch;

import java.util.Locale;

/** Why a shard's batch was flushed (label {@code trigger} of flush_count_total). */
public enum FlushTrigger {
    SIZE, BYTES, INTERVAL, SHUTDOWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
