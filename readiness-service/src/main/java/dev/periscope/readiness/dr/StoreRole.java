package dev.periscope.readiness.dr;

/** What losing a store costs, which decides whether it is backed up and when it is restored. */
public enum StoreRole {
    /** The canonical source of truth: back it up, restore it first. */
    SYSTEM_OF_RECORD,
    /** Derived telemetry with a TTL: provision empty, it refills from live traffic. */
    REBUILDABLE_TELEMETRY,
    /** The buffer between services: its retention is the clock that runs during an outage. */
    BUFFER
}
