package dev.periscope.enricher.classify.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.periscope.enricher.classify.EventDraft;

class StatusMethodStageTest {

    @ParameterizedTest(name = "{0} {1} -> {2} [{3}]")
    @CsvSource(delimiter = '|', value = {
        "GET    | /orders               | 200 | ''",
        "GET    | /orders               | 404 | client_error_status",
        "GET    | /orders               | 499 | client_error_status",
        "GET    | /orders               | 500 | error_status",
        "GET    | /orders               | 503 | error_status",
        "GET    | /orders               | 399 | ''",
        "GET    | /orders               | 600 | ''",
        "GET    | /orders               | 0   | ''",
        "DELETE | /swagger.json         | 200 | unsafe_method_on_readonly",
        "PUT    | /v3/api-docs          | 204 | unsafe_method_on_readonly",
        "PATCH  | /.env                 | 200 | unsafe_method_on_readonly",
        "PUT    | /static/app.js        | 201 | unsafe_method_on_readonly",
        "DELETE | /img/logo.PNG         | 200 | unsafe_method_on_readonly",
        "DELETE | /swagger.json         | 405 | client_error_status",
        "POST   | /swagger.json         | 200 | ''",
        "GET    | /swagger.json         | 200 | ''",
        "DELETE | /orders/42            | 200 | ''",
        "PUT    | /files/report.js/meta | 200 | ''",
    })
    void statusAndUnsafeMethodFlags(String method, String path, int status, String expected) {
        EventDraft draft = Events.draft(Events.bare().setMethod(method).setPath(path).setStatusCode(status),
                new EndpointCategoryStage(), new StatusMethodStage());

        assertThat(draft.flags()).containsExactlyInAnyOrderElementsOf(words(expected));
    }

    private static List<String> words(String spaced) {
        return spaced.isBlank() ? List.of() : Arrays.asList(spaced.strip().split("\\s+"));
    }
}
