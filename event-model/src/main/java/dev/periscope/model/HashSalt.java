package dev.periscope.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * The secret that keeps IP, user-agent and consumer hashes one-way. Startup must fail when it is
 * missing or weak; {@link #parse} says why in one line.
 */
public final class HashSalt {
    public static final String ENV_NAME = "HASH_SALT";
    public static final int MIN_LENGTH = 16;
    public static final String FINGERPRINT_PREFIX = "periscope-salt-fingerprint:";
    public static final int FINGERPRINT_HEX_LENGTH = 8;
    private static final int MIN_DISTINCT_CHARS = 8;
    private static final Set<String> KNOWN_PLACEHOLDERS = Set.of("changeme", "change-me", "change_me", "secret",
            "password", "salt", "hash_salt", "default", "example", "test", "periscope", "elchi", "dev", "local");

    private final String value;

    private HashSalt(String value) {
        this.value = value;
    }

    /** @throws WeakHashSaltException with a one-line reason when the salt is missing or weak */
    public static HashSalt parse(String raw) {
        return parse(raw, ENV_NAME);
    }

    /**
     * The same strength rules for a salt known under another name (the previous salt of a rotation).
     *
     * @param name the setting's name, the first word of every error message
     * @throws WeakHashSaltException with a one-line reason when the salt is missing or weak
     */
    public static HashSalt parse(String raw, String name) {
        if (raw == null || raw.isBlank()) {
            throw new WeakHashSaltException(name + " is missing or empty; set it to a random secret of at least "
                    + MIN_LENGTH + " characters (e.g. `openssl rand -hex 32`)");
        }
        String trimmed = raw.strip();
        if (!trimmed.equals(raw)) {
            throw new WeakHashSaltException(name + " has leading or trailing whitespace; remove it");
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (KNOWN_PLACEHOLDERS.contains(lower) || KNOWN_PLACEHOLDERS.contains(lower.replaceAll("[^a-z]", ""))) {
            throw new WeakHashSaltException(name + " is a well-known placeholder value; use a random secret");
        }
        if (trimmed.length() < MIN_LENGTH) {
            throw new WeakHashSaltException(name + " is too short (" + trimmed.length() + " characters, need at least "
                    + MIN_LENGTH + ")");
        }
        if (trimmed.chars().distinct().count() < MIN_DISTINCT_CHARS) {
            throw new WeakHashSaltException(name + " is too repetitive (fewer than " + MIN_DISTINCT_CHARS
                    + " distinct characters); use a random secret");
        }
        return new HashSalt(trimmed);
    }

    public SaltedHasher hasher() {
        return new SaltedHasher(value);
    }

    /**
     * A short public name of this salt: the first 8 hex of SHA-256({@value #FINGERPRINT_PREFIX} + salt). It tells
     * two salts apart (health facts, the default key id) without revealing either: the prefix keeps it unrelated
     * to any {@link SaltedHasher} output, and 32 bits cannot be used to test guesses of a random secret offline
     * any faster than the hashes themselves.
     */
    public String fingerprint() {
        MessageDigest sha256 = Sha256.digest();
        sha256.update((FINGERPRINT_PREFIX + value).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha256.digest(), 0, FINGERPRINT_HEX_LENGTH / 2);
    }

    /** Whether both salts are the same secret (a rotation to the same salt is a configuration mistake). */
    public boolean sameSecretAs(HashSalt other) {
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                other.value.getBytes(StandardCharsets.UTF_8));
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
