package dev.periscope.enricher.classify.path;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.periscope.model.testing.MutableClock;
import dev.periscope.model.config.PathNormalization;

/**
 * Properties over generated paths (hand-rolled generators, seeded; set {@code -Dpath.seed=N} to replay one).
 */
class PathNormalizationPropertiesTest {
    private static final long SEED = Long.getLong("path.seed", 20261201L);
    private static final int PATHS = 5_000;

    private static final PathTemplater STATELESS = new PathTemplater(PathNormalization.defaults(), null, null);

    private static String normalize(PathTemplater templater, String path) {
        return templater.normalize("proj", "edge", "GET", path).path();
    }

    /** A path of 1–6 segments, each ordinary or (one time in three) sensitive; returns the raw values it hid. */
    private static String path(Random r, List<String> sensitiveValues) {
        StringBuilder path = new StringBuilder();
        int segments = 1 + r.nextInt(6);
        for (int i = 0; i < segments; i++) {
            if (r.nextInt(3) == 0) {
                List<PathGenerators.Sensitive> kinds = PathGenerators.SENSITIVE;
                PathGenerators.Sensitive kind = kinds.get(r.nextInt(kinds.size()));
                String value = kind.make().apply(r);
                if (kind.context() != null) {
                    path.append('/').append(kind.context());
                }
                path.append('/').append(value);
                sensitiveValues.add(value);
            } else {
                path.append('/').append(PathGenerators.ordinarySegment(r));
            }
        }
        return path.toString();
    }

    @Test
    void normalizationIsIdempotent() {
        Random r = new Random(SEED);
        for (int i = 0; i < PATHS; i++) {
            String path = path(r, new ArrayList<>());
            String once = normalize(STATELESS, path);
            assertThat(normalize(STATELESS, once)).as("seed %d, path %s", SEED, path).isEqualTo(once);
        }
    }

    @Test
    void normalizationIsIdempotentWithLearning() {
        MutableClock clock = new MutableClock(Instant.EPOCH);
        LearnedPathShapes learned = new LearnedPathShapes(new InMemoryPathShapeStore(clock), clock, 100_000);
        PathTemplater learning = new PathTemplater(PathNormalization.defaults(), learned, null);
        Random r = new Random(SEED + 1);
        for (int i = 0; i < PATHS; i++) {
            String path = path(r, new ArrayList<>());
            String once = normalize(learning, path);
            assertThat(normalize(learning, once)).as("seed %d, path %s", SEED + 1, path).isEqualTo(once);
        }
    }

    @Test
    void neverOutputsARawPiiOrSecretValue() {
        Random r = new Random(SEED + 2);
        for (int i = 0; i < PATHS; i++) {
            List<String> hidden = new ArrayList<>();
            String path = path(r, hidden);
            String normalized = normalize(STATELESS, path);
            for (String value : hidden) {
                assertThat(normalized).as("seed %d, path %s", SEED + 2, path).doesNotContain(value);
            }
        }
    }

    @Test
    void everySensitiveKindIsMasked() {
        Random r = new Random(SEED + 3);
        for (PathGenerators.Sensitive kind : PathGenerators.SENSITIVE) {
            for (int i = 0; i < 500; i++) {
                String value = kind.make().apply(r);
                String prefix = kind.context() == null ? "/x" : "/" + kind.context();
                String normalized = normalize(STATELESS, prefix + "/" + value);
                assertThat(normalized).as("%s %s", kind.name(), value)
                        .isIn(prefix + "/{pii}", prefix + "/{secret}", prefix + "/{token}");
            }
        }
    }

    /** kind | template */
    @ParameterizedTest(name = "10,000 random {0} ids -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            numeric   | /api/v1/things/{id}/detail
            composite | /api/v1/things/{id}/detail
            date      | /api/v1/things/{id}/detail
            uuid      | /api/v1/things/{uuid}/detail
            objectid  | /api/v1/things/{objectid}/detail
            ulid      | /api/v1/things/{ulid}/detail
            hex       | /api/v1/things/{id}/detail
            token     | /api/v1/things/{dynamic}/detail
            learned   | /api/v1/things/{id}/detail
            """)
    void tenThousandRandomIdsUnderOnePrefixMapToOneTemplate(String kind, String template) {
        Random r = new Random(SEED + kind.hashCode());
        Function<Random, String> ids = switch (kind) {
            case "numeric" -> rr -> Long.toString(rr.nextLong() & Long.MAX_VALUE);
            case "composite" -> rr -> (1 + rr.nextInt(9)) + "-" + PathGenerators.string(rr, PathGenerators.DIGITS, 15);
            case "date" -> rr -> String.format("%04d-%02d-%02d", 1990 + rr.nextInt(60), 1 + rr.nextInt(12),
                    1 + rr.nextInt(28));
            case "uuid" -> rr -> new UUID(rr.nextLong(), rr.nextLong()).toString();
            case "objectid" -> rr -> "6" + PathGenerators.string(rr, PathGenerators.HEX, 23);
            case "ulid" -> rr -> "0" + PathGenerators.string(rr, PathGenerators.CROCKFORD, 25);
            case "hex" -> rr -> PathGenerators.string(rr, PathGenerators.HEX, 32 + rr.nextInt(33));
            case "token" -> rr -> PathGenerators.string(rr, PathGenerators.ALNUM, 32 + rr.nextInt(33));
            case "learned" -> rr -> PathGenerators.string(rr, PathGenerators.LOWER, 2)
                    + PathGenerators.string(rr, PathGenerators.DIGITS, 3 + rr.nextInt(4));
            default -> throw new IllegalArgumentException(kind);
        };
        MutableClock clock = new MutableClock(Instant.EPOCH);
        LearnedPathShapes learned = new LearnedPathShapes(new InMemoryPathShapeStore(clock), clock, 1_000);
        PathTemplater templater = new PathTemplater(PathNormalization.defaults(), learned, null);
        Set<String> seen = new HashSet<>();
        Set<String> outputs = new LinkedHashSet<>();
        int warmUp = kind.equals("learned") ? PathNormalization.DEFAULT_LEARN_MIN_DISTINCT - 1 : 0;
        while (seen.size() < 10_000) {
            String id = ids.apply(r);
            if (!seen.add(id)) {
                continue;
            }
            String normalized = normalize(templater, "/api/v1/things/" + id + "/detail");
            if (seen.size() > warmUp) {
                outputs.add(normalized);
            }
        }
        assertThat(outputs).as("seed %d", SEED + kind.hashCode()).containsExactly(template);
    }
}
