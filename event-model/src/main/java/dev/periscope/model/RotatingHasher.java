package dev.periscope.model;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The salted hashing of one deployment, rotation-aware: every value is hashed with the current salt (its key id
 * goes on the event as {@code hash_key_id}), and while a rotation's overlap window is open ({@code now <
 * overlapUntil}) also with the previous salt, so a join on hashes written before the rotation still finds the
 * same identity. After the window only the current hash is written. Immutable and thread-safe; the clock is
 * injected so tests can cross the deadline without sleeping.
 */
public final class RotatingHasher {
    private final SaltedHasher current;
    private final String keyId;
    private final SaltedHasher previous;
    private final String previousKeyId;
    private final Instant overlapUntil;
    private final Clock clock;

    private RotatingHasher(SaltedHasher current, String keyId, SaltedHasher previous, String previousKeyId,
            Instant overlapUntil, Clock clock) {
        this.current = Objects.requireNonNull(current, "current");
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.previous = previous;
        this.previousKeyId = previousKeyId;
        this.overlapUntil = overlapUntil;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One salt, no rotation in progress. */
    public static RotatingHasher of(HashSalt salt, String keyId) {
        return new RotatingHasher(salt.hasher(), keyId, null, null, null, Clock.systemUTC());
    }

    /** A rotation: {@code previous} hashes are written too while {@code clock.instant() < overlapUntil}. */
    public static RotatingHasher rotating(HashSalt salt, String keyId, HashSalt previous, String previousKeyId,
            Instant overlapUntil, Clock clock) {
        return new RotatingHasher(salt.hasher(), keyId, Objects.requireNonNull(previous, "previous").hasher(),
                Objects.requireNonNull(previousKeyId, "previousKeyId"),
                Objects.requireNonNull(overlapUntil, "overlapUntil"), clock);
    }

    /** The key id of the current salt: the value of {@code hash_key_id}. */
    public String keyId() {
        return keyId;
    }

    /** The current salt's hasher ({@link SaltedHasher#hash}: SHA-256(salt + value), 16 hex, "" stays ""). */
    public SaltedHasher current() {
        return current;
    }

    /** {@code current().hash(value)}. */
    public String hash(String value) {
        return current.hash(value);
    }

    /**
     * The previous salt's hasher while the overlap window is open, else empty. Read it once per event so that all
     * of an event's {@code *_previous} fields agree even when the deadline passes mid-event.
     */
    public Optional<SaltedHasher> activePrevious() {
        return overlapActive() ? Optional.of(previous) : Optional.empty();
    }

    /** The value hashed with the previous salt while the overlap window is open; "" otherwise (or for ""). */
    public String previousHash(String value) {
        return overlapActive() ? previous.hash(value) : "";
    }

    /** Whether a previous salt is configured and {@code now < overlapUntil}. */
    public boolean overlapActive() {
        return previous != null && clock.instant().isBefore(overlapUntil);
    }

    public Optional<String> previousKeyId() {
        return Optional.ofNullable(previousKeyId);
    }

    public Optional<Instant> overlapUntil() {
        return Optional.ofNullable(overlapUntil);
    }

    @Override
    public String toString() {
        return "RotatingHasher[keyId=" + keyId + (previous == null ? ""
                : ", previousKeyId=" + previousKeyId + ", overlapUntil=" + overlapUntil) + "]";
    }
}
