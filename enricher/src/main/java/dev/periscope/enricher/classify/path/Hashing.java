package dev.periscope.enricher.classify.path;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The two hashes of path learning: a fast 64-bit key hash and a one-way short hash of a learned value. */
final class Hashing {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    /** Bytes of SHA-256 kept per learned value: enough to count distinct values, too few to be a lookup key. */
    static final int VALUE_HASH_BYTES = 6;
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE ships SHA-256", e);
        }
    });

    private Hashing() {
    }

    /** FNV-1a over the parts with a separator that cannot occur in them; stable across JVMs and replicas. */
    static long fnv64(String... parts) {
        long hash = FNV_OFFSET;
        for (String part : parts) {
            for (int i = 0; i < part.length(); i++) {
                hash ^= part.charAt(i);
                hash *= FNV_PRIME;
            }
            hash ^= 0xFFFF;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    /** 12 hex characters of SHA-256(value). */
    static String valueHash(String value) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        byte[] full = digest.digest(value.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(full, 0, VALUE_HASH_BYTES);
    }
}
