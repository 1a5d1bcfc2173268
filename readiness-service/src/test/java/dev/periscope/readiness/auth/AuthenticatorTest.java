package dev.periscope.readiness.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.periscope.model.testing.MutableClock;

class AuthenticatorTest {
    private static final String READER = "reader-Jf8sK2mQ9xLp4RtV7wYz1bNc3dGh5eAa";
    private static final String DRILLER = "driller-Zq1Wx2Ec3Rv4Tb5Yn6Um7Ik8Ol9Pa0Sd";
    private static final String ADMIN = "admin-Mn4Bv5Cx6Zl7Kj8Hg9Fd0Sa1Qw2Er3Ty";
    private static final String A = "10.0.0.1";
    private static final String B = "10.0.0.2";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final TokenRegistry tokens = new TokenRegistry(List.of(
            token("reader", READER, AuthScope.READ),
            token("driller", DRILLER, AuthScope.DRILLS),
            token("root", ADMIN, AuthScope.ADMIN)));
    private final StreamTickets tickets = new StreamTickets(new byte[32], Duration.ofSeconds(60), clock);
    private final Authenticator auth = new Authenticator(tokens,
            new Lockout(3, Duration.ofMinutes(15), Duration.ofMinutes(15), clock), tickets);

    @Test
    void publicPathsNeedNoToken() {
        assertThat(auth.decide("GET", "/", null, null, A)).isEqualTo(new AccessDecision.Allowed(Optional.empty()));
        assertThat(auth.decide("GET", "/static/dashboard.js", null, null, A).who()).isEqualTo("anonymous");
    }

    @Test
    void noTokenIs401WithoutCountingAFailure() {
        for (int i = 0; i < 5; i++) {
            assertRefused(auth.decide("GET", "/api/checklist", null, null, A), 401, "missing bearer token");
        }
        assertRefused(auth.decide("GET", "/api/checklist", "Basic dXNlcjpwYXNz", null, A), 401,
                "unsupported authorization scheme");
        assertThat(auth.decide("GET", "/api/checklist", "Bearer " + READER, null, A))
                .isInstanceOf(AccessDecision.Allowed.class);
    }

    @Test
    void aValidTokenWithTheScopeIsAllowedAsItsId() {
        AccessDecision read = auth.decide("GET", "/api/checklist", "Bearer " + READER, null, A);
        assertThat(read).isInstanceOf(AccessDecision.Allowed.class);
        assertThat(read.who()).isEqualTo("reader");
        assertThat(auth.decide("POST", "/api/drills/mongo-backup-restore", "bearer " + DRILLER, null, A).who())
                .isEqualTo("driller");
        assertThat(auth.decide("POST", "/api/checklist/rules/reload", "Bearer  " + ADMIN + " ", null, A))
                .isInstanceOf(AccessDecision.Allowed.class);
    }

    @Test
    void aMissingScopeIs403NamingTheTokenAndScope() {
        assertRefused(auth.decide("POST", "/api/drills/mongo-backup-restore", "Bearer " + READER, null, A), 403,
                "token 'reader' lacks the scope drills:run");
        assertRefused(auth.decide("GET", "/api/checklist", "Bearer " + DRILLER, null, A), 403,
                "lacks the scope readiness:read");
        AccessDecision reload = auth.decide("POST", "/api/checklist/rules/reload", "Bearer " + DRILLER, null, A);
        assertRefused(reload, 403, "lacks the scope admin");
        assertThat(reload.who()).isEqualTo("driller");
    }

    @Test
    void badTokensLockTheAddressOutWith429AndRetryAfterWhileOthersGoOn() {
        assertRefused(auth.decide("GET", "/api/checklist", "Bearer wrong-1", null, A), 401, "invalid bearer token");
        assertRefused(auth.decide("GET", "/api/checklist", "Bearer wrong-2", null, A), 401, "invalid bearer token");
        assertRefused(auth.decide("GET", "/api/checklist", "Bearer wrong-3", null, A), 401, "invalid bearer token");

        AccessDecision locked = auth.decide("GET", "/api/checklist", "Bearer " + READER, null, A);
        assertRefused(locked, 429, "too many failed authentications");
        assertThat(((AccessDecision.Refused) locked).retryAfter()).contains(Duration.ofMinutes(15));
        // the public login page stays reachable, another address is not affected
        assertThat(auth.decide("GET", "/", null, null, A)).isInstanceOf(AccessDecision.Allowed.class);
        assertThat(auth.decide("GET", "/api/checklist", "Bearer " + READER, null, B))
                .isInstanceOf(AccessDecision.Allowed.class);

        clock.advance(Duration.ofMinutes(14).plusSeconds(30));
        AccessDecision stillLocked = auth.decide("GET", "/api/checklist", "Bearer " + READER, null, A);
        assertThat(((AccessDecision.Refused) stillLocked).retryAfter()).contains(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        assertThat(auth.decide("GET", "/api/checklist", "Bearer " + READER, null, A))
                .isInstanceOf(AccessDecision.Allowed.class);
    }

    @Test
    void aStreamTicketOpensOnlyTheStream() {
        String ticket = tickets.issue("reader").value();
        AccessDecision stream = auth.decide("GET", "/api/checklist/stream", null, ticket, A);
        assertThat(stream).isInstanceOf(AccessDecision.Allowed.class);
        assertThat(stream.who()).isEqualTo("reader");
        assertRefused(auth.decide("GET", "/api/checklist", null, ticket, A), 401, "missing bearer token");
        assertRefused(auth.decide("POST", "/api/checklist/stream", null, ticket, A), 401, "missing bearer token");
        // a ticket of a token that is gone, or without read scope, does not open it
        assertRefused(auth.decide("GET", "/api/checklist/stream", null, tickets.issue("deleted").value(), A), 401,
                "invalid or expired stream ticket");
        assertRefused(auth.decide("GET", "/api/checklist/stream", null, tickets.issue("driller").value(), A), 401,
                "invalid or expired stream ticket");
        clock.advance(Duration.ofSeconds(61));
        assertRefused(auth.decide("GET", "/api/checklist/stream", null, ticket, A), 401,
                "invalid or expired stream ticket");
        // three bad tickets: locked out like bad tokens
        assertRefused(auth.decide("GET", "/api/checklist/stream", null, ticket, A), 429, "too many");
    }

    @Test
    void retryAfterRoundsUpToWholeSeconds() {
        assertThat(AccessDecision.Refused.retryAfterSeconds(Duration.ofSeconds(30))).isEqualTo(30);
        assertThat(AccessDecision.Refused.retryAfterSeconds(Duration.ofMillis(29_001))).isEqualTo(30);
        assertThat(AccessDecision.Refused.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
    }

    private static void assertRefused(AccessDecision decision, int status, String detail) {
        assertThat(decision).isInstanceOf(AccessDecision.Refused.class);
        AccessDecision.Refused refused = (AccessDecision.Refused) decision;
        assertThat(refused.status()).isEqualTo(status);
        assertThat(refused.detail()).contains(detail);
    }

    private static ApiToken token(String id, String token, AuthScope scope) {
        return new ApiToken(id, TokenDigest.sha256(token), Set.of(scope), token.length());
    }
}
