package dev.periscope.eventwriter.batch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When one shard flushes: on whichever comes first of its row budget, its byte budget, or the flush interval since
 * its oldest buffered record arrived. Pure: time comes from the injected clock.
 */
public final class BatchPolicy {
    private final int maxRows;
    private final long maxBytes;
    private final Duration interval;
    private final Clock clock;

    public BatchPolicy(int maxRows, long maxBytes, Duration interval, Clock clock) {
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.interval = interval;
        this.clock = clock;
    }

    public static BatchPolicy perShard(BatchBudget budget, Clock clock) {
        return new BatchPolicy(budget.rowsPerShard(), budget.bytesPerShard(), budget.flushInterval(), clock);
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * @param oldest when the oldest buffered record arrived; null when nothing is buffered
     * @return the trigger if the shard should flush now
     */
    public Optional<FlushTrigger> decide(int rows, long bytes, Instant oldest) {
        if (rows == 0 || oldest == null) {
            return Optional.empty();
        }
        if (rows >= maxRows) {
            return Optional.of(FlushTrigger.SIZE);
        }
        if (bytes >= maxBytes) {
            return Optional.of(FlushTrigger.BYTES);
        }
        if (!clock.instant().isBefore(oldest.plus(interval))) {
            return Optional.of(FlushTrigger.INTERVAL);
        }
        return Optional.empty();
    }

    /** How long the consumer may wait in poll before this shard's interval is due (for the poll timeout). */
    public Duration untilDue(Instant oldest) {
        if (oldest == null) {
            return interval;
        }
        Duration left = Duration.between(clock.instant(), oldest.plus(interval));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
