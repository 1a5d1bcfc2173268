package dev.periscope.enricher.classify.path;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.periscope.model.testing.MutableClock;
import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.enricher.classify.Flags;
import dev.periscope.model.config.PathNormalization;
import dev.periscope.model.config.PiiDetectors;
import dev.periscope.model.config.Policy;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;

class PathStageTest {

    private static EventDraft run(PathStage stage, String path) {
        EventDraft draft = new EventDraft(AccessEvents.rawHttp("proj", "GET", path, 200).build());
        stage.apply(draft);
        return draft;
    }

    private static PathStage stage(PiiDetectors detectors) {
        return new PathStage(PathNormalization.defaults(), detectors, null, null);
    }

    @Test
    void nameIsPath() {
        assertThat(stage(PiiDetectors.defaults()).name()).isEqualTo("path");
    }

    /** path | normalized | flags (space separated, "-" none) | pii categories ("-" none) */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            /users/42                         | /users/{id}                    | -              | -
            /users/john@example.com           | /users/{pii}                   | pii_observed   | email
            /img/logo@2x.png                  | /img/logo@2x.png               | -              | -
            /sa/x@p.iam.gserviceaccount.com   | /sa/{pii}                      | -              | -
            /phone/+14155550100               | /phone/{pii}                   | pii_observed   | phone
            /ssn/123-45-6789                  | /ssn/{pii}                     | pii_observed   | ssn
            /records/123-45-6789              | /records/{pii}                 | -              | -
            /cards/4111111111111111           | /cards/{pii}                   | pii_observed   | credit_card
            /iban/DE89370400440532013000      | /iban/{pii}                    | pii_observed   | iban
            /hooks/AKIAIOSFODNN7EXAMPLE       | /hooks/{secret}                | secret_in_path | secret_in_path
            /files/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_sig | /files/{token} | jwt_in_path  | jwt_in_path
            /reset/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_sig | /reset/{token} | -            | -
            /static/%2e%2e/etc/passwd         | /static/{traversal}/etc/passwd | -              | -
            """)
    void writesNormalizedPathFlagsAndCategories(String path, String normalized, String flags, String categories) {
        EventDraft draft = run(stage(PiiDetectors.defaults()), path);
        AccessEvent event = draft.build();
        assertThat(event.getNormalizedPath()).isEqualTo(normalized);
        assertThat(event.getRiskFlagsList()).containsExactlyInAnyOrderElementsOf(list(flags));
        assertThat(event.getPiiCategoriesList()).containsExactlyInAnyOrderElementsOf(list(categories));
    }

    @Test
    void aSwitchedOffDetectorStillMasksButDoesNotReport() {
        PathStage noEmail = stage(new PiiDetectors(false, true, true, true, true));
        EventDraft draft = run(noEmail, "/users/john@example.com");
        assertThat(draft.build().getNormalizedPath()).isEqualTo("/users/{pii}");
        assertThat(draft.piiCategories()).isEmpty();
        assertThat(draft.flags()).doesNotContain(Flags.PII_OBSERVED);

        PathStage noPhone = stage(new PiiDetectors(true, false, true, true, true));
        EventDraft both = run(noPhone, "/u/john@example.com/phone/+14155550100");
        assertThat(both.piiCategories()).containsExactly("email");
        assertThat(both.build().getNormalizedPath()).isEqualTo("/u/{pii}/phone/{pii}");
    }

    @Test
    void queryStringIsNeverPartOfTheNormalizedPath() {
        EventDraft draft = run(stage(PiiDetectors.defaults()), "/search/42?q=john@example.com&token=abc");
        assertThat(draft.build().getNormalizedPath()).isEqualTo("/search/{id}");
        assertThat(draft.piiCategories()).isEmpty();
    }

    @Test
    void learnedShapesSurviveARebuildOfTheStage() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        LearnedPathShapes learned = new LearnedPathShapes(new InMemoryPathShapeStore(clock), clock, 1_000);
        Policy policy = Policy.defaults();
        PathStage first = PathStage.of(policy, learned, null);
        for (String id : List.of("ab12", "cd34", "ef56", "gh78", "ij90")) {
            run(first, "/accounts/" + id);
        }
        PathStage rebuilt = PathStage.of(policy, learned, null); // a new runtime-config version
        assertThat(run(rebuilt, "/accounts/zz99").build().getNormalizedPath()).isEqualTo("/accounts/{id}");
    }

    private static Set<String> list(String spaced) {
        return spaced.equals("-") ? Set.of() : Set.of(spaced.trim().split(" +"));
    }
}
