package dev.periscope.inventory.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InventoryQueryParserTest {

    private static Map<String, List<String>> params(String... pairs) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return params;
    }

    @Test
    void defaults() {
        InventoryQuery q = InventoryQueryParser.parse(params("project", "acme")).query();

        assertThat(q.limit()).isEqualTo(20);
        assertThat(q.offset()).isZero();
        assertThat(q.sort()).isEqualTo(InventoryQuery.Sort.LAST_SEEN);
        assertThat(q.ascending()).isFalse();
        assertThat(InventoryQueryFilter.filter(q)).isEqualTo(new Document("project_id", "acme"));
        assertThat(InventoryQueryFilter.sort(q)).isEqualTo(new Document("last_seen", -1).append("_id", 1));
    }

    @Test
    void everyFilterBecomesOneCondition() {
        InventoryQuery q = InventoryQueryParser.parse(params("project", "acme", "method", "get,post",
                "protocol", "http/2", "risk_flag", "sqli_probe", "category", "auth_endpoint", "pii_category", "email",
                "host_prefix", "api.", "path_prefix", "/v1/(x)", "min_risk", "40", "max_risk", "90", "min_seen", "5",
                "last_seen_from", "2026-01-01T00:00:00Z", "last_seen_to", "1767312000000", "confirmed", "true",
                "sort", "seen_count", "order", "asc", "limit", "100", "offset", "40")).query();

        Document filter = InventoryQueryFilter.filter(q);
        @SuppressWarnings("unchecked")
        List<Document> and = (List<Document>) filter.get("$and");
        assertThat(and).containsExactly(
                new Document("project_id", "acme"),
                new Document("method", new Document("$in", List.of("GET", "POST"))),
                new Document("protocol", "http/2"),
                new Document("risk_flags", "sqli_probe"),
                new Document("endpoint_categories", "auth_endpoint"),
                new Document("pii_categories", "email"),
                new Document("host", new Document("$regex", "^api\\.")),
                new Document("normalized_path", new Document("$regex", "^/v1/\\(x\\)")),
                new Document("max_risk_score", new Document("$gte", 40)),
                new Document("max_risk_score", new Document("$lte", 90)),
                new Document("seen_count", new Document("$gte", 5L)),
                new Document("last_seen", new Document("$gte", java.util.Date.from(
                        Instant.parse("2026-01-01T00:00:00Z")))),
                new Document("last_seen", new Document("$lte", new java.util.Date(1767312000000L))),
                new Document("confirmed", true));
        assertThat(InventoryQueryFilter.sort(q)).isEqualTo(new Document("seen_count", 1).append("_id", 1));
        assertThat(q.limit()).isEqualTo(100);
        assertThat(q.offset()).isEqualTo(40);
    }

    @Test
    void authInconsistentIsMatchedStoredOrDerived() {
        InventoryQuery q = InventoryQueryParser.parse(params("project", "p", "risk_flag", "auth_inconsistent"))
                .query();

        @SuppressWarnings("unchecked")
        List<Document> and = (List<Document>) InventoryQueryFilter.filter(q).get("$and");
        assertThat(and.get(1)).isEqualTo(new Document("$or", List.of(new Document("risk_flags", "auth_inconsistent"),
                new Document("auth_observed", new Document("$gt", 0)).append("noauth_observed",
                        new Document("$gt", 0)))));
    }

    @Test
    void attackSurfaceMatchesDocumentsWithoutTheFlagToo() {
        InventoryQuery q = InventoryQueryParser.parse(params("project", "p")).query().unconfirmedOnly();

        @SuppressWarnings("unchecked")
        List<Document> and = (List<Document>) InventoryQueryFilter.filter(q).get("$and");
        assertThat(and.get(1)).isEqualTo(new Document("confirmed", new Document("$ne", true)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no project                  | limit=5                           | project",
        "blank project               | project=                          | project",
        "limit over 100              | project=p,limit=101               | limit",
        "limit zero                  | project=p,limit=0                 | limit",
        "limit not a number          | project=p,limit=ten               | limit",
        "negative offset             | project=p,offset=-1               | offset",
        "risk over 100               | project=p,min_risk=101            | min_risk",
        "min above max               | project=p,min_risk=80,max_risk=20 | max_risk",
        "unknown sort                | project=p,sort=host               | sort",
        "unknown order               | project=p,order=up                | order",
        "bad method                  | project=p,method=GET;DROP         | method",
        "bad flag                    | project=p,risk_flag=a.b           | risk_flag",
        "bad instant                 | project=p,last_seen_from=yesterday| last_seen_from",
        "range backwards             | project=p,last_seen_from=2000,last_seen_to=1000 | last_seen_to",
        "bad boolean                 | project=p,confirmed=yes           | confirmed",
        "negative min_seen           | project=p,min_seen=-3             | min_seen",
        "unknown parameter           | project=p,projcet=q               | projcet",
        "repeated parameter          | project=p,project=q               | project"})
    void invalidParameters(String rule, String query, String invalidName) {
        String[] pairs = Arrays.stream(query.split(",")).flatMap(kv -> {
            int eq = kv.indexOf('=');
            return java.util.stream.Stream.of(kv.substring(0, eq), kv.substring(eq + 1));
        }).toArray(String[]::new);

        InventoryQueryParser.Result result = InventoryQueryParser.parse(params(pairs));

        assertThat(result.valid()).as(rule).isFalse();
        assertThat(result.errors()).as(rule).extracting(InventoryQueryParser.InvalidParam::name)
                .contains(invalidName);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        InventoryQueryParser.Result result = InventoryQueryParser.parse(params("limit", "0", "sort", "x"));

        assertThat(result.errors()).extracting(InventoryQueryParser.InvalidParam::name)
                .containsExactlyInAnyOrder("project", "limit", "sort");
    }
}
