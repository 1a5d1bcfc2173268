package dev.periscope.eventwriter.batch;

import java.time.Duration;

/**
 * The seed's batching budgets. Rows, bytes and the in-flight queue are totals across shards, divided evenly, so more
 * shards make each insert smaller without using more memory.
 *
 * @param shards resolved shard count (BATCH_SHARDS, 0 = min(2 × cores, 8))
 */
public record BatchBudget(int maxRows, long maxBytes, Duration flushInterval, int queueSize, int shards,
        Duration shutdownDrainTimeout) {

    public BatchBudget {
        if (maxRows < 1 || maxBytes < 1 || queueSize < 1 || shards < 1) {
            throw new IllegalArgumentException("batch budgets must be positive: " + maxRows + " rows, " + maxBytes
                    + " bytes, queue " + queueSize + ", " + shards + " shards");
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("BATCH_FLUSH_INTERVAL must be > 0, got " + flushInterval);
        }
    }

    /** BATCH_SHARDS: a positive value as given, 0 (auto) = min(2 × cores, 8). */
    public static int resolveShards(int configured, int cores) {
        if (configured < 0) {
            throw new IllegalArgumentException("BATCH_SHARDS must be >= 0, got " + configured);
        }
        return configured > 0 ? configured : Math.max(1, Math.min(2 * cores, 8));
    }

    public int rowsPerShard() {
        return Math.max(1, maxRows / shards);
    }

    public long bytesPerShard() {
        return Math.max(1, maxBytes / shards);
    }

    public int queuePerShard() {
        return Math.max(1, queueSize / shards);
    }
}
