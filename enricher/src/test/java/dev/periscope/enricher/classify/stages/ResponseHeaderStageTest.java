package dev.periscope.enricher.classify.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.periscope.enricher.classify.EventDraft;

class ResponseHeaderStageTest {
    private final ResponseHeaderStage stage = new ResponseHeaderStage();

    @ParameterizedTest(name = "{0} {1} xcto={2} xfo={3} csp={4} -> [{5}]")
    @CsvSource(delimiter = '|', value = {
        "200 | application/json          | true  | false | false | ''",
        "200 | application/json          | false | false | false | missing_x_content_type_options",
        "404 | application/problem+json  | false | false | false | missing_x_content_type_options",
        "200 | text/html; charset=utf-8  | true  | true  | true  | ''",
        "200 | text/html; charset=utf-8  | false | false | false | missing_x_content_type_options missing_x_frame_options missing_csp",
        "200 | Text/HTML                 | true  | true  | false | missing_csp",
        "500 | text/html                 | true  | false | true  | missing_x_frame_options",
        "200 | application/xhtml+xml     | true  | false | true  | missing_x_frame_options",
        "204 | text/html                 | false | false | false | ''",
        "304 | text/html                 | false | false | false | ''",
        "302 | text/html                 | false | false | false | ''",
        "101 | ''                        | false | false | false | ''",
        "200 | ''                        | false | false | false | ''",
        "200 | application/grpc          | false | false | false | ''",
        "200 | image/png                 | false | false | false | missing_x_content_type_options",
    })
    void securityHeadersOnlyWhereTheyMatter(int status, String contentType, boolean xcto, boolean xfo, boolean csp,
            String expected) {
        EventDraft draft = Events.draft(Events.bare().setStatusCode(status).setContentType(contentType)
                .setXctoPresent(xcto).setXfoPresent(xfo).setCspPresent(csp), stage);

        assertThat(draft.flags()).containsExactlyInAnyOrderElementsOf(words(expected));
    }

    @ParameterizedTest(name = "ACAO={0} credentials={1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "''     | false | false",
        "''     | true  | false",
        "origin | true  | false",
        "*      | false | false",
        "*      | true  | true",
        "null   | false | true",
        "null   | true  | true",
    })
    void permissiveCors(String origin, boolean credentials, boolean flagged) {
        EventDraft draft = Events.draft(Events.bare().setCorsAllowOrigin(origin).setCorsAllowCredentials(credentials),
                stage);

        assertThat(draft.hasFlag("permissive_cors")).isEqualTo(flagged);
    }

    @ParameterizedTest(name = "Server: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "nginx/1.25.3                 | true",
        "Apache/2.4.57 (Ubuntu)       | true",
        "Microsoft-IIS/10.0           | true",
        "PHP/8.1.2                    | true",
        "Express 4.18.2               | true",
        "PHP 8.1                      | true",
        "openresty/1.21.4.3           | true",
        "envoy                        | false",
        "nginx                        | false",
        "Apache                       | false",
        "cloudflare                   | false",
        "AmazonS3                     | false",
        "gws                          | false",
        "ECS (dcb/7F84)               | false",
        "''                           | false",
    })
    void versionDisclosure(String server, boolean flagged) {
        EventDraft draft = Events.draft(Events.bare().setServerSoftware(server), stage);

        assertThat(draft.hasFlag("version_disclosure")).isEqualTo(flagged);
    }

    private static List<String> words(String spaced) {
        return spaced.isBlank() ? List.of() : Arrays.asList(spaced.strip().split("\\s+"));
    }
}
