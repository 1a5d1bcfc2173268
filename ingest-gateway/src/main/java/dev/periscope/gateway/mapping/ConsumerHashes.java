package dev.periscope.gateway.mapping;

import java.util.Objects;

import dev.periscope.gateway.privacy.AuthInspector;
import dev.periscope.model.SaltedHasher;

/**
 * {@link SaltedHasher#hash} of consumer identities, remembered for the schemes whose identity is a label rather than
 * a secret: a JWT {@code sub} and an mTLS subject repeat across a client's requests, and a SHA-256 per entry is a
 * measurable share of the mapping. API keys and Basic user names are hashed every time and never kept, so no
 * credential outlives its entry here.
 * <p>
 * Direct-mapped, {@value #SLOTS} slots of immutable entries (identities over {@value #MAX_CACHED_CHARS} chars are not
 * kept): bounded memory, lock-free; a lost update only costs a hash.
 */
final class ConsumerHashes {
    static final int SLOTS = 2048;
    static final int MAX_CACHED_CHARS = 256;

    private final SaltedHasher hasher;
    private final Entry[] slots = new Entry[SLOTS];

    private record Entry(String identity, String hash) {
    }

    ConsumerHashes(SaltedHasher hasher) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    /** {@code hasher.hash(consumer.value())}. */
    String hash(AuthInspector.Consumer consumer) {
        String identity = consumer.value();
        if (!isLabel(consumer.scheme()) || identity.length() > MAX_CACHED_CHARS) {
            return hasher.hash(identity);
        }
        int h = identity.hashCode();
        int slot = (h ^ h >>> 16) & (SLOTS - 1);
        Entry cached = slots[slot];
        if (cached != null && cached.identity.equals(identity)) {
            return cached.hash;
        }
        String hash = hasher.hash(identity);
        slots[slot] = new Entry(identity, hash);
        return hash;
    }

    /** Whether an identity is kept: for tests of what the cache may hold. */
    boolean holds(String identity) {
        Entry cached = slots[(identity.hashCode() ^ identity.hashCode() >>> 16) & (SLOTS - 1)];
        return cached != null && cached.identity.equals(identity);
    }

    private static boolean isLabel(String scheme) {
        return AuthInspector.SCHEME_JWT.equals(scheme) || AuthInspector.SCHEME_MTLS.equals(scheme);
    }
}
