package dev.periscope.readiness.auth;

import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * The tokens in force. A presented token is hashed and compared with every entry by {@link MessageDigest#isEqual}
 * (constant time in the length of the hash), always with all of them, so neither the comparison nor the position of
 * the match tells an attacker how close a guess came.
 */
public final class TokenRegistry {
    private final List<ApiToken> tokens;

    public TokenRegistry(List<ApiToken> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    public Optional<ApiToken> authenticate(String presented) {
        byte[] hash = TokenDigest.sha256(presented);
        ApiToken match = null;
        for (ApiToken token : tokens) {
            if (MessageDigest.isEqual(hash, token.sha256()) && match == null) {
                match = token;
            }
        }
        return Optional.ofNullable(match);
    }

    public Optional<ApiToken> byId(String id) {
        return tokens.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public List<ApiToken> tokens() {
        return tokens;
    }
}
