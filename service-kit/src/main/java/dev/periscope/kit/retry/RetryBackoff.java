package dev.periscope.kit.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential back-off with "equal jitter": attempt n waits between half and all of min(max, initial * 2^n). */
public final class RetryBackoff {
    private final long initialMillis;
    private final long maxMillis;
    private final DoubleSupplier random;

    public RetryBackoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < initial <= max, got " + initial + " / " + max);
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** @param attempt 0 for the first retry */
    public Duration delay(int attempt) {
        long ceiling = attempt >= 30 ? maxMillis : Math.min(maxMillis, initialMillis << attempt);
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half)));
    }
}
