package dev.periscope.enricher.classify.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.periscope.enricher.classify.EventDraft;
import dev.periscope.enricher.classify.Flags;
import dev.periscope.model.config.Detection;
import dev.periscope.model.config.PiiDetectors;
import dev.periscope.model.v1.AccessEvent;

class QueryPiiStageTest {
    private static final Detection ON = Detection.defaults();
    private static final Detection OFF = new Detection(false, true, false, 3);

    @ParameterizedTest(name = "[{0}] -> categories [{1}] flags [{2}]")
    @CsvSource(delimiter = '|', value = {
        "email                | email                      | pii_observed",
        "phone                | phone                      | pii_observed",
        "ssn                  | ssn                        | pii_observed",
        "credit_card          | credit_card                | pii_observed",
        "iban                 | iban                       | pii_observed",
        "jwt                  | jwt_in_path                | jwt_in_path",
        "secret               | secret_in_path             | secret_in_path",
        "email jwt            | email jwt_in_path          | pii_observed jwt_in_path",
        "future_kind          | ''                         | ''",
        "''                   | ''                         | ''",
    })
    void gatewayCategoriesBecomePiiCategoriesAndFlags(String query, String categories, String flags) {
        EventDraft draft = Events.draft(Events.bare().addAllQueryPiiCategories(words(query)),
                new QueryPiiStage(ON, PiiDetectors.defaults()));

        assertThat(draft.piiCategories()).containsExactlyInAnyOrderElementsOf(words(categories));
        assertThat(draft.flags()).containsExactlyInAnyOrderElementsOf(words(flags));
    }

    @ParameterizedTest(name = "{0} switched off is not reported")
    @CsvSource({"email", "phone", "ssn", "credit_card", "iban"})
    void aSwitchedOffDetectorReportsNothing(String category) {
        PiiDetectors switches = new PiiDetectors(!category.equals("email"), !category.equals("phone"),
                !category.equals("ssn"), !category.equals("credit_card"), !category.equals("iban"));

        EventDraft draft = Events.draft(Events.bare().addQueryPiiCategories(category).addQueryPiiCategories("iban")
                .addQueryPiiCategories("email"), new QueryPiiStage(ON, switches));

        assertThat(draft.piiCategories()).doesNotContain(category).isNotEmpty();
        assertThat(draft.flags()).contains(Flags.PII_OBSERVED);
    }

    @Test
    void allSwitchesOffMeansNoPiiObserved() {
        EventDraft draft = Events.draft(Events.bare().addQueryPiiCategories("email"),
                new QueryPiiStage(ON, new PiiDetectors(false, false, false, false, false)));

        assertThat(draft.piiCategories()).isEmpty();
        assertThat(draft.flags()).doesNotContain(Flags.PII_OBSERVED);
    }

    @Test
    void detectPiiOffReportsNoCategoryButKeepsTheCredentialAndTruncationFlags() {
        EventDraft draft = Events.draft(Events.bare().addQueryPiiCategories("email").addQueryPiiCategories("jwt")
                .setCredentialInQuery(true).setPathTruncated(true), new QueryPiiStage(OFF, PiiDetectors.defaults()));

        assertThat(draft.piiCategories()).isEmpty();
        assertThat(draft.flags()).containsExactlyInAnyOrder(Flags.CREDENTIAL_IN_QUERY, Flags.PATH_TRUNCATED);
    }

    @Test
    void gatewayBoolsBecomeFlags() {
        AccessEvent.Builder none = Events.bare();
        AccessEvent.Builder both = Events.bare().setCredentialInQuery(true).setPathTruncated(true);

        assertThat(Events.draft(none, new QueryPiiStage(ON, PiiDetectors.defaults())).flags()).isEmpty();
        assertThat(Events.draft(both, new QueryPiiStage(ON, PiiDetectors.defaults())).flags())
                .containsExactlyInAnyOrder(Flags.CREDENTIAL_IN_QUERY, Flags.PATH_TRUNCATED);
    }

    private static List<String> words(String spaced) {
        return spaced.isBlank() ? List.of() : Arrays.asList(spaced.strip().split("\\s+"));
    }
}
