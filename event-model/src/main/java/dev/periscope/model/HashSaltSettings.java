package dev.periscope.model;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The validated {@code HASH_SALT} settings of a service, rotation included: the salt and its key id, and during a
 * rotation the previous salt, its key id and the end of the overlap window. {@link #parse} applies every rule and
 * fails with a one-line reason (a {@link IllegalArgumentException}, {@link HashSalt.WeakHashSaltException} for a
 * weak salt), fit for a refused start-up.
 * <p>
 * Rules: both salts pass {@link HashSalt#parse}; a previous salt needs an overlap deadline and a deadline needs a
 * previous salt (as does a previous key id); the two salts and the two key ids differ; a key id is 1–32 letters,
 * digits, {@code .}, {@code _} or {@code -} and defaults to the salt's {@link HashSalt#fingerprint()}. A deadline in
 * the past is accepted: the rotation is then simply over and only current hashes are written.
 */
public final class HashSaltSettings {
    public static final String KEY_ID_ENV = "HASH_SALT_KEY_ID";
    public static final String PREVIOUS_ENV = "HASH_SALT_PREVIOUS";
    public static final String PREVIOUS_KEY_ID_ENV = "HASH_SALT_PREVIOUS_KEY_ID";
    public static final String OVERLAP_UNTIL_ENV = "HASH_SALT_OVERLAP_UNTIL";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    private static final int MAX_ECHOED_CHARS = 64;

    private final HashSalt salt;
    private final String keyId;
    private final HashSalt previous;
    private final String previousKeyId;
    private final Instant overlapUntil;

    private HashSaltSettings(HashSalt salt, String keyId, HashSalt previous, String previousKeyId,
            Instant overlapUntil) {
        this.salt = salt;
        this.keyId = keyId;
        this.previous = previous;
        this.previousKeyId = previousKeyId;
        this.overlapUntil = overlapUntil;
    }

    /** Only {@code HASH_SALT}: no rotation, the key id derived from the fingerprint. */
    public static HashSaltSettings parse(String salt) {
        return parse(salt, null, null, null, null);
    }

    /**
     * Every argument is the raw setting; null or blank means "not set" (except the salt, which is required).
     *
     * @throws IllegalArgumentException with a one-line reason naming the setting
     */
    public static HashSaltSettings parse(String salt, String keyId, String previousSalt, String previousKeyId,
            String overlapUntil) {
        HashSalt current = HashSalt.parse(salt);
        String currentKeyId = keyId(keyId, KEY_ID_ENV, current);
        boolean hasPrevious = isSet(previousSalt);
        if (!hasPrevious) {
            if (isSet(overlapUntil)) {
                throw new IllegalArgumentException(OVERLAP_UNTIL_ENV + " is set without " + PREVIOUS_ENV
                        + "; set the previous salt too, or remove the deadline");
            }
            if (isSet(previousKeyId)) {
                throw new IllegalArgumentException(PREVIOUS_KEY_ID_ENV + " is set without " + PREVIOUS_ENV
                        + "; set the previous salt too, or remove its key id");
            }
            return new HashSaltSettings(current, currentKeyId, null, null, null);
        }
        HashSalt previous = HashSalt.parse(previousSalt, PREVIOUS_ENV);
        if (previous.sameSecretAs(current)) {
            throw new IllegalArgumentException(PREVIOUS_ENV + " equals " + HashSalt.ENV_NAME
                    + "; the previous salt must be the one being replaced");
        }
        if (!isSet(overlapUntil)) {
            throw new IllegalArgumentException(PREVIOUS_ENV + " is set without " + OVERLAP_UNTIL_ENV
                    + "; set the ISO-8601 instant until which both hashes are written (e.g. 2026-12-31T00:00:00Z)");
        }
        Instant deadline = instant(overlapUntil.strip());
        String oldKeyId = keyId(previousKeyId, PREVIOUS_KEY_ID_ENV, previous);
        if (oldKeyId.equals(currentKeyId)) {
            throw new IllegalArgumentException(PREVIOUS_KEY_ID_ENV + " equals " + KEY_ID_ENV
                    + " ('" + currentKeyId + "'); each salt needs its own key id");
        }
        return new HashSaltSettings(current, currentKeyId, previous, oldKeyId, deadline);
    }

    /** The hasher these settings describe; the clock decides when the overlap window closes. */
    public RotatingHasher hasher(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return previous == null ? RotatingHasher.of(salt, keyId)
                : RotatingHasher.rotating(salt, keyId, previous, previousKeyId, overlapUntil, clock);
    }

    public HashSalt salt() {
        return salt;
    }

    public String keyId() {
        return keyId;
    }

    /** {@link HashSalt#fingerprint()} of the current salt. */
    public String fingerprint() {
        return salt.fingerprint();
    }

    public Optional<HashSalt> previous() {
        return Optional.ofNullable(previous);
    }

    public Optional<String> previousKeyId() {
        return Optional.ofNullable(previousKeyId);
    }

    public Optional<Instant> overlapUntil() {
        return Optional.ofNullable(overlapUntil);
    }

    /** Whether a rotation is configured and its window is open at {@code now}. */
    public boolean overlapActiveAt(Instant now) {
        return overlapUntil != null && now.isBefore(overlapUntil);
    }

    private static String keyId(String raw, String name, HashSalt salt) {
        if (!isSet(raw)) {
            return salt.fingerprint();
        }
        String id = raw.strip();
        if (!KEY_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(name + " must be 1-32 letters, digits, '.', '_' or '-' starting with"
                    + " a letter or digit, got '" + echo(id) + "'");
        }
        return id;
    }

    private static Instant instant(String raw) {
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(OVERLAP_UNTIL_ENV + " is not an ISO-8601 instant (e.g."
                    + " 2026-12-31T00:00:00Z): '" + echo(raw) + "'");
        }
    }

    private static boolean isSet(String raw) {
        return raw != null && !raw.isBlank();
    }

    private static String echo(String raw) {
        String oneLine = raw.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() > MAX_ECHOED_CHARS ? oneLine.substring(0, MAX_ECHOED_CHARS) + "…" : oneLine;
    }

    @Override
    public String toString() {
        return "HashSaltSettings[keyId=" + keyId + ", fingerprint=" + fingerprint()
                + (previous == null ? "" : ", previousKeyId=" + previousKeyId + ", overlapUntil=" + overlapUntil)
                + "]";
    }
}
