package dev.periscope.readiness.auth;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides one request: the scope its method and path need ({@link AccessPolicy}), the lock-out of its client
 * address ({@link Lockout}), and its credential — an {@code Authorization: Bearer} token, or on the event stream a
 * {@code ticket} query parameter ({@link StreamTickets}). A wrong token or ticket counts as a failure of the address;
 * a request without any credential is refused without counting (it guesses nothing).
 */
public final class Authenticator {
    public static final String ANONYMOUS = "anonymous";
    /** The paths a browser opens with EventSource, which cannot send headers: they accept a stream ticket. */
    public static final Set<String> STREAM_PATHS = Set.of("/api/checklist/stream");

    private final TokenRegistry tokens;
    private final Lockout lockout;
    private final StreamTickets tickets;

    public Authenticator(TokenRegistry tokens, Lockout lockout, StreamTickets tickets) {
        this.tokens = tokens;
        this.lockout = lockout;
        this.tickets = tickets;
    }

    /**
     * @param authorization the Authorization header, or null
     * @param ticket the {@code ticket} query parameter, or null
     */
    public AccessDecision decide(String method, String path, String authorization, String ticket, String address) {
        Optional<AuthScope> required = AccessPolicy.required(method, path);
        if (required.isEmpty()) {
            return new AccessDecision.Allowed(Optional.empty());
        }
        Optional<Duration> locked = lockout.lockedFor(address);
        if (locked.isPresent()) {
            return AccessDecision.Refused.lockedOut(locked.get());
        }
        Optional<String> bearer = bearer(authorization);
        Optional<ApiToken> token;
        if (bearer.isPresent()) {
            token = tokens.authenticate(bearer.get());
        } else if (ticket != null && method.equalsIgnoreCase("GET") && STREAM_PATHS.contains(path)) {
            token = tickets.verify(ticket).flatMap(tokens::byId).filter(t -> t.allows(AuthScope.READ));
        } else {
            return AccessDecision.Refused.unauthorized(authorization == null
                    ? "missing bearer token (Authorization: Bearer <token>)"
                    : "unsupported authorization scheme (Authorization: Bearer <token>)");
        }
        if (token.isEmpty()) {
            lockout.recordFailure(address);
            return AccessDecision.Refused.unauthorized(bearer.isPresent() ? "invalid bearer token"
                    : "invalid or expired stream ticket");
        }
        lockout.recordSuccess(address);
        if (!token.get().allows(required.get())) {
            return AccessDecision.Refused.forbidden(token.get(), required.get());
        }
        return new AccessDecision.Allowed(token);
    }

    private static Optional<String> bearer(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.strip();
        if (value.length() > 7 && value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            String token = value.substring(7).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        }
        return Optional.empty();
    }
}
