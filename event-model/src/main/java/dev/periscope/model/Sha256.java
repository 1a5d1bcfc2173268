package dev.periscope.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

final class Sha256 {
    // MessageDigest.getInstance walks the security providers on every call: measurable at 100k hashes per second.
    private static final ThreadLocal<MessageDigest> PER_THREAD = ThreadLocal.withInitial(Sha256::newInstance);

    private Sha256() {
    }

    /** This thread's SHA-256, reset; finish with it ({@code digest()}) before asking again on the same thread. */
    static MessageDigest digest() {
        MessageDigest digest = PER_THREAD.get();
        digest.reset();
        return digest;
    }

    private static MessageDigest newInstance() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE ships SHA-256", e);
        }
    }
}
