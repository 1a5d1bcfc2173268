package dev.periscope.gateway.privacy;

import java.util.Optional;

/**
 * {@link Jwt#subject}, remembered per payload segment: a client sends the same token (same claims) with many
 * requests, and decoding its payload (base64 + JSON) costs several times more than recognising it again. The answer
 * depends on the payload segment alone once the token {@link Jwt#looksLikeJwt looks like a JWT}, so the key is that
 * segment; the signature is never kept, so nothing cached is a usable credential.
 * <p>
 * Direct-mapped, {@value #SLOTS} slots of immutable entries: memory stays bounded whatever the traffic, a colliding
 * payload only replaces the slot. Thread-safe without locks: a slot holds a whole entry or none, and a lost update
 * only costs a decode.
 */
public final class JwtSubjects {
    static final int SLOTS = 2048;
    /** Longer payload segments are decoded every time rather than cached. */
    static final int MAX_CACHED_PAYLOAD_CHARS = 1024;

    private final Entry[] slots = new Entry[SLOTS];

    private record Entry(String payload, int hash, Optional<String> subject) {
    }

    /** Same answer as {@link Jwt#subject}. */
    public Optional<String> subject(String token) {
        if (!Jwt.looksLikeJwt(token)) {
            return Optional.empty();
        }
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        int length = second - first - 1;
        if (length > MAX_CACHED_PAYLOAD_CHARS) {
            return Jwt.payloadSubject(token, first, second);
        }
        String payload = token.substring(first + 1, second);
        int hash = payload.hashCode();
        int slot = (hash ^ hash >>> 16) & (SLOTS - 1);
        Entry cached = slots[slot];
        if (cached != null && cached.hash == hash && cached.payload.equals(payload)) {
            return cached.subject;
        }
        Optional<String> subject = Jwt.payloadSubject(token, first, second);
        slots[slot] = new Entry(payload, hash, subject);
        return subject;
    }
}
