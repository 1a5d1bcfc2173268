package dev.periscope.enricher.classify.path;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.periscope.model.testing.MutableClock;
import dev.periscope.model.config.PathNormalization;

/**
 * 10 KB hostile segments must cost time linear in their length. The bound is relative: the same number of
 * characters fed as ordinary short paths is the baseline, and hostile input may be at most
 * {@value #ALLOWED_FACTOR}× slower per character — generous for a JIT warming up or a busy machine, hopeless for
 * anything quadratic (a 10,000-character segment would be thousands of times slower).
 */
class AdversarialSegmentsTest {
    private static final int LENGTH = 10_000;
    private static final int ALLOWED_FACTOR = 50;
    private static final int ROUNDS = 20;

    static final List<String> HOSTILE = List.of(
            "a".repeat(LENGTH) + "!",
            "a1".repeat(LENGTH / 2),
            "0123456789abcdef".repeat(LENGTH / 16) + "g",
            "Zm9vYmFy".repeat(LENGTH / 8) + "==",
            "%2e".repeat(LENGTH / 3),
            "%25".repeat(LENGTH / 3) + "2e",
            "%252e%252e".repeat(LENGTH / 10),
            "..%2f".repeat(LENGTH / 5),
            "-".repeat(LENGTH),
            "1-".repeat(LENGTH / 2) + "1",
            "a@".repeat(LENGTH / 2) + "b.com",
            "x".repeat(LENGTH - 10) + "@example.com",
            "+1" + " 2".repeat(LENGTH / 2),
            "(" + "1".repeat(LENGTH),
            "eyJ" + "a".repeat(LENGTH) + ".eyJ.",
            "eyJ" + ".".repeat(LENGTH),
            "AKIA" + "A".repeat(LENGTH),
            "ghp_" + "a".repeat(LENGTH),
            "550e8400-".repeat(LENGTH / 9),
            "550e8400-e29b-41d4-a716-".repeat(LENGTH / 24),
            "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaa".repeat(LENGTH / 35) + "!",
            "DE89" + "0".repeat(LENGTH),
            "2024-11-05T10:15".repeat(LENGTH / 16),
            "v1" + "a".repeat(LENGTH),
            "\\".repeat(LENGTH),
            "é".repeat(LENGTH));

    @Test
    void tenKilobyteSegmentsFinishInLinearTime() {
        MutableClock clock = new MutableClock(Instant.EPOCH);
        LearnedPathShapes learned = new LearnedPathShapes(new InMemoryPathShapeStore(clock), clock, 10_000);
        PathTemplater templater = new PathTemplater(PathNormalization.defaults(), learned,
                new NormalizeGapDetector(clock));
        List<String> ordinary = List.of("/api/v1/users/42/orders", "/users/john@example.com",
                "/files/550e8400-e29b-41d4-a716-446655440000.json", "/session/Xk9mP2qR7vT4wZ8nB3cF",
                "/accounts/ab12/items/cd34", "/static/app.js");
        int ordinaryChars = ordinary.stream().mapToInt(String::length).sum();
        int hostileChars = HOSTILE.stream().mapToInt(s -> s.length() + 3).sum();
        int ordinaryRepeats = Math.max(1, hostileChars / ordinaryChars);

        // warm both paths up so the JIT does not count against either
        measure(() -> feed(templater, ordinary, ordinaryRepeats));
        measure(() -> feed(templater, prefixed(HOSTILE), 1));

        long baseline = Long.MAX_VALUE;
        long hostile = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            baseline = Math.min(baseline, measure(() -> feed(templater, ordinary, ordinaryRepeats)));
            hostile = Math.min(hostile, measure(() -> feed(templater, prefixed(HOSTILE), 1)));
        }
        assertThat(hostile).as("hostile %d ns vs baseline %d ns for the same number of characters", hostile,
                baseline).isLessThan(Math.max(baseline, 1_000_000L) * ALLOWED_FACTOR);
    }

    @Test
    void hostileSegmentsAreTemplatedNotCrashed() {
        PathTemplater templater = new PathTemplater(PathNormalization.defaults(), null, null);
        for (String segment : HOSTILE) {
            String normalized = templater.normalize("p", "e", "GET", "/x/" + segment).path();
            assertThat(normalized).startsWith("/x/");
        }
        assertThat(templater.normalize("p", "e", "GET", "/x/" + "%2e".repeat(3_000)).path())
                .isEqualTo("/x/{traversal}");
        assertThat(templater.normalize("p", "e", "GET", "/x/" + "%252e%252e".repeat(1_000)).path())
                .isEqualTo("/x/{traversal}");
        assertThat(templater.normalize("p", "e", "GET", "/x/" + "0123456789abcdef".repeat(625)).path())
                .isEqualTo("/x/{id}");
    }

    private static List<String> prefixed(List<String> segments) {
        return segments.stream().map(s -> "/x/" + s).toList();
    }

    private static int feed(PathTemplater templater, List<String> paths, int repeats) {
        int total = 0;
        for (int i = 0; i < repeats; i++) {
            for (String path : paths) {
                total += templater.normalize("p", "e", "GET", path).path().length();
            }
        }
        return total;
    }

    private static long measure(java.util.function.IntSupplier work) {
        long start = System.nanoTime();
        int sink = work.getAsInt();
        long elapsed = System.nanoTime() - start;
        return sink >= 0 ? elapsed : -elapsed;
    }
}
