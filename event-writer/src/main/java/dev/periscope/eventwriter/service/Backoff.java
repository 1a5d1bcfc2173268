package dev.periscope.eventwriter.service;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential back-off with up to 20 % jitter, capped at a maximum delay. */
public final class Backoff {
    private static final double JITTER = 0.2;

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 0 <= initial <= max, got " + initial + " / " + max);
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** Delay before retry number {@code attempt} (1-based). */
    public Duration delay(int attempt) {
        int exponent = Math.max(0, Math.min(attempt - 1, 30));
        double base = Math.min((double) max.toMillis(), initial.toMillis() * Math.pow(2, exponent));
        double jittered = base * (1 - JITTER * random.getAsDouble());
        return Duration.ofMillis(Math.round(jittered));
    }
}
