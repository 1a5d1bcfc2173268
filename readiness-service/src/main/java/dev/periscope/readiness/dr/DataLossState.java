package dev.periscope.readiness.dr;

/** How a consumer group's unread records in one topic stand against the topic's retention. */
public enum DataLossState {
    /** No lag: nothing unread, the full retention is left. */
    NO_DATA_AT_RISK,
    /** Unread records: retention minus the age of the oldest of them is left. */
    AT_RISK,
    /** Retention already deleted records the group had not read. */
    LOST,
    /** retention.ms = -1: records never expire by time. */
    UNBOUNDED,
    /** Lag, but the oldest unread record's timestamp could not be read. */
    UNKNOWN
}
