package dev.periscope.enricher.detect;

import static dev.periscope.enricher.detect.Harness.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AuthInconsistentDetectorTest {
    private static final String FLAG = DetectorFlags.AUTH_INCONSISTENT;

    private static Set<String> authenticated(Harness h) {
        return h.run(call("GET", "/accounts/{id}", 200).setAuthObserved(true).addAuthHints("bearer")
                .setConsumerHash("c0ffee0000000001"), "/accounts/{id}");
    }

    private static Set<String> anonymous(Harness h, int status) {
        return h.run(call("GET", "/accounts/{id}", status), "/accounts/{id}");
    }

    @Test
    void acceptedAnonymousCallNextToAuthenticatedAndRefusedOnesIsFlagged() {
        Harness h = new Harness();
        assertThat(anonymous(h, 200)).doesNotContain(FLAG);
        assertThat(authenticated(h)).doesNotContain(FLAG);
        assertThat(anonymous(h, 200)).as("no refusal seen yet").doesNotContain(FLAG);
        assertThat(anonymous(h, 401)).doesNotContain(FLAG);
        assertThat(anonymous(h, 200)).contains(FLAG);
        assertThat(authenticated(h)).as("only the accepted anonymous calls carry it").doesNotContain(FLAG);
    }

    @Test
    void evidenceLeavesTheWindow() {
        Harness h = new Harness();
        authenticated(h);
        anonymous(h, 403);
        h.advance(Duration.ofDays(1).plusSeconds(1));
        assertThat(anonymous(h, 200)).doesNotContain(FLAG);
    }

    @Test
    void consistentlyProtectedOrPublicEndpointsAreNotFlagged() {
        Harness h = new Harness();
        for (int i = 0; i < 10; i++) {
            authenticated(h);
            assertThat(anonymous(h, 401)).doesNotContain(FLAG);
        }
        Harness open = new Harness();
        for (int i = 0; i < 10; i++) {
            authenticated(open);
            assertThat(anonymous(open, 200)).doesNotContain(FLAG);
        }
    }
}
