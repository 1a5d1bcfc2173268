package dev.periscope.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** SHA-256(salt + value) truncated to 16 hex characters: the one hashing function of IPs, UAs and consumers. */
public final class SaltedHasher {
    public static final int HEX_LENGTH = 16;
    private final byte[] salt;

    SaltedHasher(String salt) {
        this.salt = salt.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns "" for an empty value so that "absent" stays distinguishable from a hashed value. */
    public String hash(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        MessageDigest sha256 = Sha256.digest();
        sha256.update(salt);
        sha256.update(value.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha256.digest(), 0, HEX_LENGTH / 2);
    }
}
