package dev.periscope.readiness.auth;

import java.time.Duration;
import java.util.Optional;

/**
 * What the authenticator decided for one request: let it through (as a token, or anonymously on a public path),
 * or refuse it with 401 (no or a bad credential), 403 (a scope is missing) or 429 (the address is locked out).
 */
public sealed interface AccessDecision {

    /** The token id for the audit, {@code anonymous} when none was accepted. */
    String who();

    record Allowed(Optional<ApiToken> token) implements AccessDecision {
        @Override
        public String who() {
            return token.map(ApiToken::id).orElse(Authenticator.ANONYMOUS);
        }
    }

    record Refused(int status, String detail, String who, Optional<Duration> retryAfter) implements AccessDecision {
        static Refused unauthorized(String detail) {
            return new Refused(401, detail, Authenticator.ANONYMOUS, Optional.empty());
        }

        static Refused forbidden(ApiToken token, AuthScope scope) {
            return new Refused(403, "token '" + token.id() + "' lacks the scope " + scope.scopeName(), token.id(),
                    Optional.empty());
        }

        static Refused lockedOut(Duration retryAfter) {
            return new Refused(429, "too many failed authentications from this address; retry after "
                    + retryAfterSeconds(retryAfter) + " s", Authenticator.ANONYMOUS, Optional.of(retryAfter));
        }

        /** Retry-After in whole seconds, rounded up so a client never retries while still locked. */
        public static long retryAfterSeconds(Duration retryAfter) {
            long seconds = retryAfter.toSeconds();
            return retryAfter.toNanosPart() > 0 || seconds == 0 ? seconds + 1 : seconds;
        }
    }
}
