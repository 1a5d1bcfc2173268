package dev.periscope.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

final class Sha256 {
    private Sha256() {
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE ships SHA-256", e);
        }
    }
}
