package dev.periscope.readiness.auth;

/** The token file is missing, unreadable, malformed or holds a weak token; the message says where and why. */
public class TokenFileException extends RuntimeException {
    public TokenFileException(String message) {
        super(message);
    }
}
