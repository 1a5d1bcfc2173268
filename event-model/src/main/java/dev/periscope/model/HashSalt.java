package dev.periscope.model;

import java.util.Locale;
import java.util.Set;

/**
 * The secret that keeps IP, user-agent and consumer hashes one-way. Startup must fail when it is
 * missing or weak; {@link #parse} says why in one line.
 */
public final class HashSalt {
    public static final String ENV_NAME = "HASH_SALT";
    public static final int MIN_LENGTH = 16;
    private static final int MIN_DISTINCT_CHARS = 8;
    private static final Set<String> KNOWN_PLACEHOLDERS = Set.of("changeme", "change-me", "change_me", "secret",
            "password", "salt", "hash_salt", "default", "example", "test", "periscope", "elchi", "dev", "local");

    private final String value;

    private HashSalt(String value) {
        this.value = value;
    }

    /** @throws WeakHashSaltException with a one-line reason when the salt is missing or weak */
    public static HashSalt parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new WeakHashSaltException(ENV_NAME + " is missing or empty; set it to a random secret of at least "
                    + MIN_LENGTH + " characters (e.g. `openssl rand -hex 32`)");
        }
        String trimmed = raw.strip();
        if (!trimmed.equals(raw)) {
            throw new WeakHashSaltException(ENV_NAME + " has leading or trailing whitespace; remove it");
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (KNOWN_PLACEHOLDERS.contains(lower) || KNOWN_PLACEHOLDERS.contains(lower.replaceAll("[^a-z]", ""))) {
            throw new WeakHashSaltException(ENV_NAME + " is a well-known placeholder value; use a random secret");
        }
        if (trimmed.length() < MIN_LENGTH) {
            throw new WeakHashSaltException(ENV_NAME + " is too short (" + trimmed.length() + " characters, need at least "
                    + MIN_LENGTH + ")");
        }
        if (trimmed.chars().distinct().count() < MIN_DISTINCT_CHARS) {
            throw new WeakHashSaltException(ENV_NAME + " is too repetitive (fewer than " + MIN_DISTINCT_CHARS
                    + " distinct characters); use a random secret");
        }
        return new HashSalt(trimmed);
    }

    public SaltedHasher hasher() {
        return new SaltedHasher(value);
    }

    @Override
    public String toString() {
        return "HashSalt[redacted]";
    }

    /** A missing or weak {@code HASH_SALT}; the message is a single line fit for a startup failure. */
    public static final class WeakHashSaltException extends IllegalArgumentException {
        public WeakHashSaltException(String message) {
            super(message);
        }
    }
}
