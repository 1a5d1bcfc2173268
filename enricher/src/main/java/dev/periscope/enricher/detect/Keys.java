package dev.periscope.enricher.detect;

import java.security.SecureRandom;

/**
 * 64-bit keys for detector windows. {@link #volatileKey} mixes in a random per-process seed: keys of source
 * addresses and fingerprints live in memory only and cannot be reversed from a heap dump by hashing guesses
 * without the seed. {@link #stableKey} is seedless FNV-1a, for keys that are persisted (endpoint baselines) and must
 * mean the same after a restart — these never contain a source address.
 */
public final class Keys {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long SEED = new SecureRandom().nextLong();

    private Keys() {
    }

    /** Seeded key of the given parts (each length-prefixed, so ("ab","c") ≠ ("a","bc")). */
    public static long volatileKey(String... parts) {
        return mix(hash(SEED ^ FNV_OFFSET, parts));
    }

    /** Seedless, stable key of the given parts. */
    public static long stableKey(String... parts) {
        return hash(FNV_OFFSET, parts);
    }

    private static long hash(long start, String... parts) {
        long h = start;
        for (String part : parts) {
            String value = part == null ? "" : part;
            h = step(h, value.length());
            for (int i = 0; i < value.length(); i++) {
                h = step(h, value.charAt(i));
            }
        }
        return h;
    }

    private static long step(long h, int value) {
        h ^= value & 0xff;
        h *= FNV_PRIME;
        h ^= (value >>> 8) & 0xff;
        h *= FNV_PRIME;
        return h;
    }

    /** A finalizer (murmur3 fmix64) so seeded keys spread well over the state stripes. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
