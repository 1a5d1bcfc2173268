package dev.periscope.enricher.classify.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.periscope.model.v1.AccessEvent;

class AuthSchemeStageTest {

    @ParameterizedTest(name = "observed={0} hints=[{1}] consumer={2} peer={3} -> [{4}]")
    @CsvSource(delimiter = '|', value = {
        "false | ''                  | ''     | ''          | none",
        "true  | bearer              | jwt    | ''          | jwt",
        "true  | bearer              | ''     | ''          | jwt",
        "true  | basic               | basic  | ''          | basic",
        "true  | apikey              | apikey | ''          | apikey",
        "true  | cookie              | ''     | ''          | cookie",
        "true  | mtls                | mtls   | CN=svc-a    | mtls",
        "false | ''                  | ''     | CN=svc-a    | mtls",
        "true  | cookie bearer mtls  | jwt    | CN=svc-a    | jwt mtls cookie",
        "true  | apikey basic        | apikey | ''          | apikey basic",
        "true  | digest              | ''     | ''          | ''",
        "true  | negotiate other     | ''     | ''          | ''",
        "true  | other               | apikey | ''          | apikey",
        "false | ''                  | jwt    | ''          | jwt",
        "true  | BEARER              | ''     | ''          | ''",
    })
    void schemesComeFromPresenceBitsConsumerSchemeAndPeerSubject(boolean observed, String hints, String consumer,
            String peer, String expected) {
        AccessEvent.Builder raw = Events.bare().setAuthObserved(observed).addAllAuthHints(words(hints))
                .setConsumerScheme(consumer).setTlsPeerSubject(peer);

        AccessEvent out = Events.draft(raw, new AuthSchemeStage()).build();

        assertThat(out.getAuthSchemesList()).containsExactlyElementsOf(words(expected));
    }

    private static List<String> words(String spaced) {
        return spaced.isBlank() ? List.of() : Arrays.asList(spaced.strip().split("\\s+"));
    }
}
