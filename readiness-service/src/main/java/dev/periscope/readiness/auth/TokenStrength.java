package dev.periscope.readiness.auth;

import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses weak tokens: shorter than {@value #MIN_LENGTH} characters, or a known default (the sample tokens of
 * the seeds and of common quick-starts). A hashed entry's length is unknown, so for it only the known defaults can
 * be checked (by their hash).
 */
public final class TokenStrength {
    public static final int MIN_LENGTH = 32;
    static final List<String> KNOWN_DEFAULTS = List.of("admin", "admin-token", "admin_token", "changeme",
            "change-me", "changeit", "default", "dev-token", "dev_token", "ops-token", "password", "periscope",
            "periscope-admin", "readiness", "secret", "test", "test-token", "token", "letmein",
            "00000000000000000000000000000000", "0123456789abcdef0123456789abcdef",
            "changeme-changeme-changeme-changeme", "periscope-readiness-admin-token-change-me");

    private TokenStrength() {
    }

    /** Why a token in plain text is weak, or empty when it is acceptable. */
    public static Optional<String> weakness(String token) {
        if (isKnownDefault(TokenDigest.sha256(token))) {
            return Optional.of("a known default token");
        }
        if (token.length() < MIN_LENGTH) {
            return Optional.of("shorter than " + MIN_LENGTH + " characters (" + token.length() + ")");
        }
        return Optional.empty();
    }

    /** Whether the hash is that of a known default token (case-insensitive defaults included). */
    public static boolean isKnownDefault(byte[] sha256) {
        for (String known : KNOWN_DEFAULTS) {
            if (MessageDigest.isEqual(sha256, TokenDigest.sha256(known))
                    || MessageDigest.isEqual(sha256, TokenDigest.sha256(known.toUpperCase(Locale.ROOT)))) {
                return true;
            }
        }
        return false;
    }
}
