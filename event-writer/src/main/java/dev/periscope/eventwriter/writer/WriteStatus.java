package dev.periscope.eventwriter.writer;

import java.time.Instant;
import java.util.Optional;

/** The outcome of the most recent write, which the ClickHouse probe reports next to its ping. */
public final class WriteStatus {
    private volatile String failure;
    private volatile Instant lastSuccessAt;

    public void succeeded(Instant at) {
        lastSuccessAt = at;
        failure = null;
    }

    public void failed(String reason) {
        failure = reason;
    }

    /** Present while writes fail with a retryable error and none succeeded since. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    public Optional<Instant> lastSuccessAt() {
        return Optional.ofNullable(lastSuccessAt);
    }
}
