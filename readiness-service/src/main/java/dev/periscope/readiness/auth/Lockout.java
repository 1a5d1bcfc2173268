package dev.periscope.readiness.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locks a client address out after {@code maxFailures} failed authentications (a wrong token or stream ticket)
 * within {@code window}, for {@code coolDown}. A successful authentication clears the address's failures. The map
 * is pruned of expired entries when it grows, so a scan from many addresses cannot exhaust memory for longer than
 * a window.
 */
public final class Lockout {
    private static final int PRUNE_ABOVE = 10_000;

    private final int maxFailures;
    private final Duration window;
    private final Duration coolDown;
    private final Clock clock;
    private final ConcurrentHashMap<String, Failures> byAddress = new ConcurrentHashMap<>();

    public Lockout(int maxFailures, Duration window, Duration coolDown, Clock clock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("lockout max-failures must be at least 1, was " + maxFailures);
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    /** How long the address stays locked out, or empty when it may try. */
    public Optional<Duration> lockedFor(String address) {
        Failures failures = byAddress.get(address);
        if (failures == null || failures.lockedUntil == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), failures.lockedUntil);
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** Counts a failure; @return the lock-out it started, if this was the failure that reached the limit */
    public Optional<Duration> recordFailure(String address) {
        Instant now = clock.instant();
        if (byAddress.size() > PRUNE_ABOVE) {
            byAddress.values().removeIf(f -> f.expiredAt(now));
        }
        Failures failures = byAddress.compute(address, (a, f) -> f == null || f.expiredAt(now)
                ? new Failures(now, 0, null) : f);
        synchronized (failures) {
            failures.count++;
            if (failures.count >= maxFailures) {
                failures.lockedUntil = now.plus(coolDown);
                failures.count = 0;
                failures.windowStart = now;
                return Optional.of(coolDown);
            }
            return Optional.empty();
        }
    }

    public void recordSuccess(String address) {
        byAddress.computeIfPresent(address, (a, f) -> f.lockedUntil != null && f.lockedUntil.isAfter(clock.instant())
                ? f : null);
    }

    private final class Failures {
        Instant windowStart;
        int count;
        Instant lockedUntil;

        Failures(Instant windowStart, int count, Instant lockedUntil) {
            this.windowStart = windowStart;
            this.count = count;
            this.lockedUntil = lockedUntil;
        }

        boolean expiredAt(Instant now) {
            boolean windowOver = !now.isBefore(windowStart.plus(window));
            boolean lockOver = lockedUntil == null || !now.isBefore(lockedUntil);
            return windowOver && lockOver;
        }
    }
}
