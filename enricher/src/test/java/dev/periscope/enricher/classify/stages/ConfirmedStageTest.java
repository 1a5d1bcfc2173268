package dev.periscope.enricher.classify.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.periscope.model.v1.AccessEvent;

class ConfirmedStageTest {

    @ParameterizedTest(name = "route={0} cluster={1} flags=[{2}] {3} {4} {5} ua={6} -> {7}")
    @CsvSource(delimiter = '|', value = {
        // Envoy matched a route: confirmed whatever the status
        "api | backend | ''    | /orders/42      | 200 | application/json | curl/8.4.0 | true",
        "api | backend | ''    | /orders/42      | 404 | application/json | curl/8.4.0 | true",
        "api | backend | ''    | /orders/42      | 503 | ''               | curl/8.4.0 | true",
        "''  | backend | ''    | /orders/42      | 200 | application/json | curl/8.4.0 | true",
        "api | ''      | ''    | /orders/42      | 401 | application/json | curl/8.4.0 | true",
        // forced false: no route, no cluster, probes, scanners, static or SPA content
        "''  | ''      | NR    | /orders/42      | 404 | application/json | curl/8.4.0 | false",
        "api | ''      | NC    | /orders/42      | 503 | ''               | curl/8.4.0 | false",
        "api | backend | ''    | /.env           | 200 | text/plain       | curl/8.4.0 | false",
        "api | backend | ''    | /orders/42      | 200 | application/json | sqlmap/1.7 | false",
        "api | backend | ''    | /app/main.js    | 200 | text/javascript  | curl/8.4.0 | false",
        "api | backend | ''    | /               | 200 | text/html        | curl/8.4.0 | false",
        "api | backend | ''    | /logo.png       | 200 | ''               | curl/8.4.0 | false",
        // no routing signal: 2xx-3xx with an API content type
        "''  | ''      | ''    | /orders/42      | 200 | application/json | curl/8.4.0 | true",
        "''  | ''      | ''    | /orders/42      | 304 | application/xml  | curl/8.4.0 | true",
        "''  | ''      | ''    | /acme.Orders/Get| 200 | application/grpc+proto | curl/8.4.0 | true",
        "''  | ''      | ''    | /orders/42      | 404 | application/json | curl/8.4.0 | false",
        "''  | ''      | ''    | /orders/42      | 200 | text/plain       | curl/8.4.0 | false",
        "''  | ''      | ''    | /orders/42      | 200 | ''               | curl/8.4.0 | false",
        "''  | ''      | UH    | /orders/42      | 200 | application/vnd.api+json | curl/8.4.0 | true",
    })
    void confirmedOnlyForRealApiRoutes(String route, String cluster, String responseFlags, String path, int status,
            String contentType, String userAgent, boolean confirmed) {
        AccessEvent.Builder raw = Events.bare().setRouteName(route).setUpstreamCluster(cluster)
                .addAllResponseFlags(words(responseFlags)).setRouteMatched(!responseFlags.equals("NR"))
                .setPath(path).setStatusCode(status).setContentType(contentType).setUserAgent(userAgent);

        AccessEvent out = Events.draft(raw, PipelineOrder.stagesAfterPath()).build();

        assertThat(out.getConfirmed()).isEqualTo(confirmed);
    }

    private static List<String> words(String spaced) {
        return spaced.isBlank() ? List.of() : Arrays.asList(spaced.strip().split("\\s+"));
    }
}
