package dev.periscope.readiness.auth;

import java.util.Set;

/**
 * One entry of the token file: its id (what the audit records, never the token), the SHA-256 of the token, and its
 * scopes. {@code length} is the token's length when the file held it in plain text, -1 when only its hash is known.
 */
public record ApiToken(String id, byte[] sha256, Set<AuthScope> scopes, int length) {

    public ApiToken {
        sha256 = sha256.clone();
        scopes = Set.copyOf(scopes);
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /** Whether this token may act with the given scope ({@code admin} may do everything). */
    public boolean allows(AuthScope scope) {
        return scopes.contains(scope) || scopes.contains(AuthScope.ADMIN);
    }
}
