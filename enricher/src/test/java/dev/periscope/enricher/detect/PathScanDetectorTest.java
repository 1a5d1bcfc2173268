package dev.periscope.enricher.detect;

import static dev.periscope.enricher.detect.Harness.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathScanDetectorTest {
    private static final String FLAG = DetectorFlags.PATH_SCAN_SUSPECT;

    private static Set<String> probe(Harness h, String path, int status, String ip, String ua) {
        return h.run(call("GET", path, status).setSourceIp(ip).setUserAgent(ua), path);
    }

    private static Set<String> walk(Harness h, int paths, int status, String ip, String ua) {
        return walk(h, 0, paths, status, ip, ua);
    }

    private static Set<String> walk(Harness h, int from, int paths, int status, String ip, String ua) {
        Set<String> last = Set.of();
        for (int i = from; i < from + paths; i++) {
            last = probe(h, "/probe-" + i, status, ip, ua);
        }
        return last;
    }

    @ParameterizedTest(name = "{0} distinct paths answered {1} → flagged {2}")
    @CsvSource({"39, 404, false", "40, 404, true", "60, 404, true", "40, 405, true", "60, 403, false",
        "60, 200, false"})
    void distinctNotFoundPaths(int paths, int status, boolean flagged) {
        assertThat(walk(new Harness(), paths, status, "198.51.100.7", "sqlmap/1.7").contains(FLAG))
                .isEqualTo(flagged);
    }

    @Test
    void theSamePathRepeatedIsNotAScan() {
        Harness h = new Harness();
        Set<String> last = Set.of();
        for (int i = 0; i < 100; i++) {
            last = probe(h, "/missing", 404, "198.51.100.7", "curl/8");
        }
        assertThat(last).doesNotContain(FLAG);
    }

    @Test
    void anonymousCallersAreKeyedByAddressAndUserAgent() {
        Harness h = new Harness();
        walk(h, 30, 404, "198.51.100.7", "curl/8");
        assertThat(walk(h, 30, 404, "198.51.100.7", "python-requests/2")).as("another client on the address")
                .doesNotContain(FLAG);
        assertThat(walk(h, 30, 9, 404, "198.51.100.7", "curl/8")).doesNotContain(FLAG);
        assertThat(walk(h, 39, 1, 404, "198.51.100.7", "curl/8")).as("the 40th distinct path").contains(FLAG);
    }

    @Test
    void pathsLeaveTheWindow() {
        Harness h = new Harness();
        walk(h, 39, 404, "198.51.100.7", "curl/8");
        h.advance(Duration.ofSeconds(61));
        assertThat(probe(h, "/new", 404, "198.51.100.7", "curl/8")).doesNotContain(FLAG);
    }

    @Test
    void trustedProxyIsSkippedUnlessTheCallerIsAConsumer() {
        Harness h = new Harness().configure(Map.of(), Map.of("trusted_proxy_cidrs", List.of("198.51.100.0/24")));
        assertThat(walk(h, 60, 404, "198.51.100.7", "curl/8")).doesNotContain(FLAG);
        assertThat(h.skips.count(PathScanDetector.NAME, Skips.TRUSTED_PROXY)).isEqualTo(60);
        Set<String> last = Set.of();
        for (int i = 0; i < 40; i++) {
            last = h.run(call("GET", "/p" + i, 404).setSourceIp("198.51.100.7").setConsumerHash("c0ffee0000000002"),
                    "/p" + i);
        }
        assertThat(last).contains(FLAG);
    }
}
