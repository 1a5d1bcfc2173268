package dev.periscope.enricher.classify.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.periscope.model.testing.MutableClock;
import dev.periscope.model.config.PathNormalization;

class LearnedPathShapesTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemoryPathShapeStore store = new InMemoryPathShapeStore(clock);

    private LearnedPathShapes view() {
        return new LearnedPathShapes(store, clock, 10_000);
    }

    private static String normalize(PathTemplater templater, String path) {
        return templater.normalize("proj", "edge", "GET", path).path();
    }

    @Test
    void aPositionBecomesIdAfterMinDistinctValues() {
        PathTemplater templater = new PathTemplater(PathNormalization.defaults(), view(), null);
        assertThat(normalize(templater, "/accounts/ab12")).isEqualTo("/accounts/ab12");
        assertThat(normalize(templater, "/accounts/ab12")).isEqualTo("/accounts/ab12"); // not distinct
        assertThat(normalize(templater, "/accounts/cd34")).isEqualTo("/accounts/cd34");
        assertThat(normalize(templater, "/accounts/ef56")).isEqualTo("/accounts/ef56");
        assertThat(normalize(templater, "/accounts/gh78")).isEqualTo("/accounts/gh78");
        assertThat(normalize(templater, "/accounts/ij90")).isEqualTo("/accounts/{id}");
        assertThat(normalize(templater, "/accounts/kl11")).isEqualTo("/accounts/{id}");
        // non-candidates at the learned position stay literal; other positions are unaffected
        assertThat(normalize(templater, "/accounts/me")).isEqualTo("/accounts/me");
        assertThat(normalize(templater, "/accounts/ab12/x")).isEqualTo("/accounts/{id}/x");
        assertThat(normalize(templater, "/other/ab12")).isEqualTo("/other/ab12");
        PathTemplater post = new PathTemplater(PathNormalization.defaults(), view(), null);
        assertThat(post.normalize("proj", "edge", "POST", "/accounts/zz99").path()).isEqualTo("/accounts/zz99");
    }

    @Test
    void theParentPathIsTheNormalizedOne() {
        PathTemplater templater = new PathTemplater(PathNormalization.defaults(), view(), null);
        for (int i = 0; i < 5; i++) {
            normalize(templater, "/users/" + (1000 + i) + "/files/f" + i + "x9");
        }
        assertThat(normalize(templater, "/users/77/files/zz42")).isEqualTo("/users/{id}/files/{id}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"oauth2", "sha256", "utf-8", "route53", "office365", "x509", "iso8601", "http2",
            "base64", "md5", "ipv6", "mp4", "h264", "web3", "i18n", "k8s", "sha3", "rfc7231", "v2beta", "v10"})
    void literalFamiliesAndVersionsNeverLearn(String literal) {
        PathTemplater templater = new PathTemplater(PathNormalization.defaults(), view(), null);
        for (String id : List.of("ab12", "cd34", "ef56", "gh78", "ij90")) {
            normalize(templater, "/things/" + id);
        }
        assertThat(normalize(templater, "/things/" + literal)).isEqualTo("/things/" + literal);
    }

    @Test
    void neverTemplateSegmentsNeverLearn() {
        PathNormalization config = new PathNormalization(List.of(), 5, 64, Set.of("gpt4o", "ab12"));
        PathTemplater templater = new PathTemplater(config, view(), null);
        for (String id : List.of("cd34", "ef56", "gh78", "ij90", "kl11")) {
            normalize(templater, "/models/" + id);
        }
        assertThat(normalize(templater, "/models/GPT4o")).isEqualTo("/models/GPT4o");
        assertThat(normalize(templater, "/models/ab12")).isEqualTo("/models/ab12");
        assertThat(normalize(templater, "/models/zz99")).isEqualTo("/models/{id}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc1", "a-b-1c", "abcd", "1234", "ab1", "ab.12", "ab12!"})
    void onlyLettersAndDigitsMixedAreCandidates(String segment) {
        assertThat(LearningCandidates.isCandidate(segment, Set.of()))
                .isEqualTo(segment.equals("abc1"));
    }

    @Test
    void twoReplicasShareLearnedShapesThroughTheStore() {
        LearnedPathShapes replicaA = view();
        LearnedPathShapes replicaB = view();
        PathTemplater a = new PathTemplater(PathNormalization.defaults(), replicaA, null);
        PathTemplater b = new PathTemplater(PathNormalization.defaults(), replicaB, null);
        for (String id : List.of("ab12", "cd34", "ef56")) {
            normalize(a, "/accounts/" + id);
        }
        for (String id : List.of("gh78", "ij90")) {
            normalize(b, "/accounts/" + id);
        }
        assertThat(normalize(a, "/accounts/zz01")).isEqualTo("/accounts/zz01"); // A alone has seen 4
        assertThat(replicaA.flush()).isEqualTo(1);
        assertThat(replicaB.flush()).isEqualTo(1);
        assertThat(replicaB.reload()).isEqualTo(1);
        assertThat(normalize(b, "/accounts/yy02")).isEqualTo("/accounts/{id}");
        replicaA.reload();
        assertThat(normalize(a, "/accounts/xx03")).isEqualTo("/accounts/{id}");
        // a third replica starting later learns everything on its first reload
        LearnedPathShapes replicaC = view();
        replicaC.reload();
        assertThat(normalize(new PathTemplater(PathNormalization.defaults(), replicaC, null), "/accounts/ww04"))
                .isEqualTo("/accounts/{id}");
    }

    @Test
    void reloadReadsOnlyRecentChangesAfterTheFirstTime() {
        LearnedPathShapes writer = view();
        LearnedPathShapes reader = view();
        PathTemplater templater = new PathTemplater(PathNormalization.defaults(), writer, null);
        normalize(templater, "/a/ab12");
        writer.flush();
        assertThat(reader.reload()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(10));
        assertThat(reader.reload()).isEqualTo(1); // still inside the overlap with the previous read
        clock.advance(Duration.ofMinutes(10));
        assertThat(reader.reload()).isZero();
        normalize(templater, "/b/cd34");
        writer.flush();
        assertThat(reader.reload()).isEqualTo(1);
    }

    @Test
    void aFailedFlushKeepsTheObservationsForTheNextOne() {
        PathShapeStore failing = new PathShapeStore() {
            int calls;

            @Override
            public void save(List<PathShape> shapes) {
                if (calls++ == 0) {
                    throw new IllegalStateException("store down");
                }
                store.save(shapes);
            }

            @Override
            public List<PathShape> loadChangedSince(Instant since) {
                return store.loadChangedSince(since);
            }
        };
        LearnedPathShapes learned = new LearnedPathShapes(failing, clock, 100);
        PathTemplater templater = new PathTemplater(PathNormalization.defaults(), learned, null);
        normalize(templater, "/a/ab12");
        assertThatThrownBy(learned::flush).hasMessage("store down");
        assertThat(learned.pendingPositions()).isEqualTo(1);
        assertThat(learned.flush()).isEqualTo(1);
        assertThat(store.loadChangedSince(Instant.EPOCH)).singleElement()
                .satisfies(shape -> assertThat(shape.valueHashes()).hasSize(1));
        assertThat(learned.flush()).isZero();
    }

    @Test
    void storesOnlyShortHashesNeverValues() {
        LearnedPathShapes learned = view();
        normalize(new PathTemplater(PathNormalization.defaults(), learned, null), "/accounts/secretish42");
        learned.flush();
        PathShape shape = store.loadChangedSince(Instant.EPOCH).get(0);
        assertThat(shape.valueHashes()).singleElement().satisfies(hash -> {
            assertThat(hash).hasSize(12).matches("[0-9a-f]{12}").isNotEqualTo("secretish42");
        });
        assertThat(shape.position()).isEqualTo(new PathPosition("proj", "edge", "GET", "/accounts", 2));
    }

    @Test
    void hashesPerPositionAreCapped() {
        LearnedPathShapes learned = view();
        PathPosition position = new PathPosition("p", "l", "GET", "/x", 2);
        for (int i = 0; i < 100; i++) {
            learned.observe(position, position.id(), "v" + i + "x", 8);
        }
        learned.flush();
        assertThat(store.loadChangedSince(Instant.EPOCH).get(0).valueHashes()).hasSize(8);
        assertThat(learned.isLearned(position.id(), 8)).isTrue();
        assertThat(learned.isLearned(position.id(), 9)).isFalse();
    }

    @Test
    void positionsAreCappedAndEvictionsCounted() {
        LearnedPathShapes learned = new LearnedPathShapes(store, clock, 50);
        PathTemplater templater = new PathTemplater(PathNormalization.defaults(), learned, null);
        for (int i = 0; i < 200; i++) {
            templater.normalize("proj" + i, "edge", "GET", "/p/ab12");
        }
        assertThat(learned.positions()).isLessThanOrEqualTo(50);
        assertThat(learned.evictions()).isEqualTo(150);
    }
}
