package dev.periscope.inventory.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.periscope.inventory.repository.InventoryEntry;

/** The pure lenses of the read API: risk summary, normalize gaps, OpenAPI export, derived auth_inconsistent. */
class InventoryLensesTest {

    private static InventoryEntry entry(String id, String method, String path, boolean confirmed, int risk,
            List<String> flags, long seen) {
        InventoryEntry e = new InventoryEntry();
        e.id = id;
        e.projectId = "p";
        e.host = "api.example.test";
        e.method = method;
        e.normalizedPath = path;
        e.confirmed = confirmed;
        e.maxRiskScore = risk;
        e.riskFlags = new ArrayList<>(flags);
        e.seenCount = seen;
        e.endpointCategories = List.of();
        e.piiCategories = List.of();
        e.statusDist = Map.of("200", seen);
        return e;
    }

    @Test
    void riskSummaryCountsAndRanks() {
        InventoryEntry login = entry("a", "POST", "/login", true, 95, List.of("brute_force"), 10);
        login.endpointCategories = List.of("auth_endpoint");
        InventoryEntry users = entry("b", "GET", "/users/{id}", true, 50, List.of("bola_suspect"), 100);
        users.piiCategories = List.of("email");
        users.authObserved = 3;
        users.noauthObserved = 1;
        InventoryEntry probe = entry("c", "GET", "/.env", false, 0, List.of(), 2);

        RiskSummary summary = RiskSummary.of("p", List.of(login, users, probe), false);

        assertThat(summary.endpoints()).isEqualTo(3);
        assertThat(summary.confirmed()).isEqualTo(2);
        assertThat(summary.attackSurface()).isEqualTo(1);
        assertThat(summary.seenTotal()).isEqualTo(112);
        assertThat(summary.byRiskFlag()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                "brute_force", 1L, "bola_suspect", 1L, "auth_inconsistent", 1L)));
        assertThat(summary.byEndpointCategory()).containsEntry("auth_endpoint", 1L);
        assertThat(summary.byPiiCategory()).containsEntry("email", 1L);
        assertThat(summary.byRiskBand()).containsEntry("critical", 1L).containsEntry("medium", 1L)
                .containsEntry("none", 1L);
        assertThat(summary.riskiest()).extracting(RiskSummary.TopEndpoint::id).containsExactly("a", "b");
    }

    @ParameterizedTest(name = "score {0} -> {1}")
    @CsvSource({"0, none", "1, low", "39, low", "40, medium", "69, medium", "70, high", "89, high", "90, critical",
        "100, critical"})
    void riskBands(int score, String band) {
        assertThat(RiskSummary.band(score)).isEqualTo(band);
    }

    @Test
    void viewDerivesAuthInconsistentFromBothObservations() {
        InventoryEntry both = entry("x", "GET", "/a", true, 0, List.of("missing_hsts"), 1);
        both.authObserved = 1;
        both.noauthObserved = 1;
        InventoryEntry onlyAuth = entry("y", "GET", "/b", true, 0, List.of(), 1);
        onlyAuth.authObserved = 4;

        assertThat(InventoryView.of(both).authInconsistent()).isTrue();
        assertThat(both.riskFlags).containsExactly("missing_hsts", "auth_inconsistent");
        assertThat(InventoryView.of(onlyAuth).authInconsistent()).isFalse();
        assertThat(onlyAuth.riskFlags).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"12345, id", "3f2b8c1e-9a7d-4e5f-8b6a-1c2d3e4f5a6b, uuid", "deadbeefcafe, hex", "ord_9X2kQ7, token",
        "orders, ", "{id}, ", "v1, ", "'', "})
    void identifierLikeSegments(String segment, String kind) {
        assertThat(NormalizeGapFinder.kind(segment)).isEqualTo(kind);
    }

    @Test
    void normalizeGapsGroupSiblingsThatDifferInOneIdSegment() {
        List<InventoryEntry> entries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            entries.add(entry("o" + i, "GET", "/orders/" + (1000 + i) + "/items", true, 0, List.of(), 2));
        }
        entries.add(entry("u1", "GET", "/users/42", true, 0, List.of(), 1)); // only one value: not a gap
        entries.add(entry("t", "GET", "/orders/{id}/items", true, 0, List.of(), 9)); // already templated

        List<NormalizeGapFinder.Gap> gaps = NormalizeGapFinder.find(entries, 5);

        assertThat(gaps).singleElement().satisfies(g -> {
            assertThat(g.suggestedPath()).isEqualTo("/orders/{id}/items");
            assertThat(g.distinctValues()).isEqualTo(6);
            assertThat(g.examples()).hasSize(5).startsWith("1000");
            assertThat(g.seenCount()).isEqualTo(12);
            assertThat(g.method()).isEqualTo("GET");
        });
        assertThat(NormalizeGapFinder.find(entries, 7)).isEmpty();
    }

    @Test
    void openApiExportDescribesConfirmedOperations() {
        InventoryEntry users = entry("b", "GET", "/users/{id}", true, 50, List.of("bola_suspect"), 100);
        users.statusDist = Map.of("200", 90L, "404", 10L, "0", 1L);
        users.queryParams = List.of("fields");
        users.firstSeen = Instant.parse("2026-01-01T00:00:00Z");
        InventoryEntry connect = entry("c", "CONNECT", "/tunnel", true, 0, List.of(), 1);
        InventoryEntry create = entry("d", "POST", "/users", true, 0, List.of(), 5);

        OpenApiExporter.Export export = OpenApiExporter.export("p", List.of(users, connect, create), 10);

        assertThat(export.operations()).isEqualTo(2);
        assertThat(export.truncated()).isFalse();
        assertThat(export.document()).containsEntry("openapi", "3.0.3");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Map<String, Object>>> paths = (Map<String, Map<String, Map<String, Object>>>) export
                .document().get("paths");
        assertThat(paths).containsOnlyKeys("/users/{id}", "/users");
        Map<String, Object> get = paths.get("/users/{id}").get("get");
        assertThat(get).containsEntry("operationId", "b").containsEntry("x-periscope-seen-count", 100L)
                .containsEntry("x-periscope-risk-flags", List.of("bola_suspect"))
                .containsEntry("x-periscope-first-seen", "2026-01-01T00:00:00Z");
        assertThat((Map<String, Object>) get.get("responses")).containsOnlyKeys("200", "404");
        assertThat((List<?>) get.get("parameters")).hasSize(2);

        OpenApiExporter.Export capped = OpenApiExporter.export("p", List.of(users, create), 1);
        assertThat(capped.truncated()).isTrue();
        assertThat(capped.operations()).isEqualTo(1);
        assertThat(capped.document()).containsEntry("x-periscope-truncated", true);
    }
}
