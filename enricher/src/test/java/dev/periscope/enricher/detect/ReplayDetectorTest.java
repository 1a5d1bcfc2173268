package dev.periscope.enricher.detect;

import static dev.periscope.enricher.detect.Harness.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.periscope.model.v1.AccessEvent;

class ReplayDetectorTest {
    private static final String FLAG = DetectorFlags.REPLAY_SUSPECT;

    private static AccessEvent.Builder signedUrl(int status, String requestId) {
        return call("GET", "/files/report", status).addQueryParamNames("X-Amz-Signature")
                .addQueryParamNames("X-Amz-Date").setRequestId(requestId);
    }

    private static Set<String> repeat(Harness h, AccessEvent.Builder raw, int times) {
        Set<String> last = Set.of();
        for (int i = 0; i < times; i++) {
            last = h.run(raw.clone(), raw.getPath());
        }
        return last;
    }

    @ParameterizedTest(name = "the same signed request accepted {0} times → flagged {1}")
    @CsvSource({"1, false", "2, false", "3, true", "4, true"})
    void duplicatesOfASignedRequest(int times, boolean flagged) {
        assertThat(repeat(new Harness(), signedUrl(200, "req-1"), times).contains(FLAG)).isEqualTo(flagged);
    }

    @Test
    void distinctRequestIdsAreDistinctRequests() {
        Harness h = new Harness();
        for (int i = 0; i < 10; i++) {
            assertThat(h.run(signedUrl(200, "req-" + i), "/files/report")).doesNotContain(FLAG);
        }
    }

    @Test
    void unsignedOrRefusedRequestsAreNotFingerprinted() {
        Harness h = new Harness();
        assertThat(repeat(h, call("GET", "/files/report", 200).setRequestId("same"), 5)).doesNotContain(FLAG);
        assertThat(repeat(h, signedUrl(403, "req-9"), 5)).doesNotContain(FLAG);
    }

    @Test
    void otherAuthSchemeOnWritesCountsAsSigned() {
        Harness h = new Harness();
        AccessEvent.Builder hmacWrite = call("POST", "/transfers", 201).addAuthHints("other").setAuthObserved(true)
                .setRequestId("n-1");
        assertThat(repeat(h, hmacWrite, 3)).contains(FLAG);
        AccessEvent.Builder hmacRead = call("GET", "/transfers", 200).addAuthHints("other").setAuthObserved(true)
                .setRequestId("n-2");
        assertThat(repeat(h, hmacRead, 3)).as("reads need a signature parameter").doesNotContain(FLAG);
    }

    @Test
    void withoutARequestIdThereIsNoNonce() {
        Harness h = new Harness();
        assertThat(repeat(h, signedUrl(200, ""), 5)).doesNotContain(FLAG);
        assertThat(h.skips.count(ReplayDetector.NAME, Skips.NO_NONCE)).isEqualTo(5);
    }

    @Test
    void duplicatesLeaveTheWindow() {
        Harness h = new Harness();
        repeat(h, signedUrl(200, "req-1"), 2);
        h.advance(Duration.ofSeconds(330));
        assertThat(repeat(h, signedUrl(200, "req-1"), 1)).doesNotContain(FLAG);
    }
}
