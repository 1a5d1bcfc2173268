package dev.periscope.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;

import dev.periscope.model.InventoryKey;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;

/** The aggregation rules of every document field, one row per rule: events in, what the delta says. */
class InventoryDeltaTest {
    private static final long T0 = 1_700_000_000_000L;

    private static AccessEvent.Builder event() {
        return AccessEvents.enriched("p-delta", "GET", "/users/{id}", 200).setTsMs(T0).setConfirmed(false)
                .clearRouteName().clearUpstreamCluster().clearContentType();
    }

    private static InventoryDelta fold(List<UnaryOperator<AccessEvent.Builder>> events) {
        return fold(InventoryLimits.DEFAULTS, events);
    }

    private static InventoryDelta fold(InventoryLimits limits, List<UnaryOperator<AccessEvent.Builder>> events) {
        AccessEvent first = events.get(0).apply(event()).build();
        InventoryDelta delta = new InventoryDelta(InventoryKey.of(first), 0, limits);
        long offset = 0;
        for (UnaryOperator<AccessEvent.Builder> e : events) {
            delta.add(e.apply(event()).build(), offset++);
        }
        return delta;
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                row("seen_count counts every event",
                        List.of(e -> e, e -> e, e -> e), d -> d.count(), 3L),
                row("first/last seen are the min and max timestamps, whatever the order",
                        List.of(e -> e.setTsMs(T0 + 50), e -> e.setTsMs(T0 - 7), e -> e.setTsMs(T0 + 3)),
                        d -> List.of(d.firstSeenMs(), d.lastSeenMs()), List.of(T0 - 7, T0 + 50)),
                row("confirmed: one confirmed hit is enough",
                        List.of(e -> e, e -> e.setConfirmed(true), e -> e), InventoryDelta::confirmed, true),
                row("confirmed: probes only stay unconfirmed",
                        List.of(e -> e, e -> e), InventoryDelta::confirmed, false),
                row("status_dist counts per status code",
                        List.of(e -> e.setStatusCode(200), e -> e.setStatusCode(404), e -> e.setStatusCode(200),
                                e -> e.setStatusCode(0)),
                        InventoryDelta::statusCounts, Map.of("200", 2L, "404", 1L, "0", 1L)),
                row("risk_flags: union, with the latest time per flag",
                        List.of(e -> e.addRiskFlags("sqli_probe").setTsMs(T0),
                                e -> e.addRiskFlags("missing_hsts").addRiskFlags("sqli_probe").setTsMs(T0 + 9),
                                e -> e.setTsMs(T0 + 20)),
                        InventoryDelta::flagLastSeenMs, Map.of("sqli_probe", T0 + 9, "missing_hsts", T0 + 9)),
                row("a flag that cannot be a field name is skipped and counted",
                        List.of(e -> e.addRiskFlags("bad.flag").addRiskFlags("$where").addRiskFlags("ok_flag")),
                        d -> List.of(d.flagLastSeenMs().keySet(), d.skippedLabels()),
                        List.of(java.util.Set.of("ok_flag"), 2L)),
                row("max risk and posture scores",
                        List.of(e -> e.setRiskScore(30).setPostureScore(70), e -> e.setRiskScore(85),
                                e -> e.setPostureScore(10)),
                        d -> List.of(d.maxRiskScore(), d.maxPostureScore()), List.of(85, 70)),
                row("endpoint and PII categories: unions",
                        List.of(e -> e.addEndpointCategories("auth_endpoint").addPiiCategories("email"),
                                e -> e.addEndpointCategories("admin_endpoint").addPiiCategories("email")
                                        .addPiiCategories("ssn")),
                        d -> List.of(List.copyOf(d.endpointCategories()), List.copyOf(d.piiCategories())),
                        List.of(List.of("auth_endpoint", "admin_endpoint"), List.of("email", "ssn"))),
                row("auth schemes: union; an anonymous event without a scheme adds none",
                        List.of(e -> e.setAuthObserved(true).addAuthSchemes("jwt"), e -> e.setAuthObserved(false),
                                e -> e.setAuthObserved(true).addAuthSchemes("apikey")),
                        d -> List.copyOf(d.authSchemes()), List.of("jwt", "none", "apikey")),
                row("auth and noauth observations are counted with their latest time",
                        List.of(e -> e.setAuthObserved(true).setTsMs(T0 + 1), e -> e.setTsMs(T0 + 5),
                                e -> e.setAuthObserved(true).setTsMs(T0 + 3), e -> e.setTsMs(T0 + 2)),
                        d -> List.of(d.authObserved(), d.noauthObserved(), d.authLastSeenMs(), d.noauthLastSeenMs()),
                        List.of(2L, 2L, T0 + 3, T0 + 5)),
                row("consumers: distinct, most recently seen last",
                        List.of(e -> e.setConsumerHash("c1"), e -> e.setConsumerHash("c2"),
                                e -> e.setConsumerHash("c1"), e -> e.setConsumerHash("")),
                        InventoryDelta::consumers, List.of("c2", "c1")),
                row("sample_event_ids: the last five, oldest first",
                        List.of(e -> e.setEventId("e1"), e -> e.setEventId("e2"), e -> e.setEventId("e3"),
                                e -> e.setEventId("e4"), e -> e.setEventId("e5"), e -> e.setEventId("e6"),
                                e -> e.setEventId("e7")),
                        InventoryDelta::sampleEventIds, List.of("e3", "e4", "e5", "e6", "e7")),
                row("discovered sets: routes, clusters, content types, origins (from the Origin header)",
                        List.of(e -> e.setRouteName("r1").setUpstreamCluster("c1").setContentType("application/json")
                                        .putHeaders("origin", "https://app.example"),
                                e -> e.setRouteName("r2").setUpstreamCluster("c1").setContentType("text/html")),
                        d -> List.of(List.copyOf(d.routes()), List.copyOf(d.clusters()), List.copyOf(d.contentTypes()),
                                List.copyOf(d.origins())),
                        List.of(List.of("r1", "r2"), List.of("c1"), List.of("application/json", "text/html"),
                                List.of("https://app.example"))),
                row("query_params: distinct names",
                        List.of(e -> e.addQueryParamNames("page").addQueryParamNames("q"),
                                e -> e.addQueryParamNames("page")),
                        d -> List.copyOf(d.queryParams()), List.of("page", "q")),
                row("offsets: first and last of the delta",
                        List.of(e -> e, e -> e, e -> e, e -> e), d -> List.of(d.firstOffset(), d.lastOffset()),
                        List.of(0L, 3L)));
    }

    private static Arguments row(String rule, List<UnaryOperator<AccessEvent.Builder>> events,
            Function<InventoryDelta, Object> actual, Object expected) {
        return Arguments.of(rule, events, actual, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void aggregationRule(String rule, List<UnaryOperator<AccessEvent.Builder>> events,
            Function<InventoryDelta, Object> actual, Object expected) {
        assertThat(actual.apply(fold(events))).as(rule).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ms -> {1}")
    @CsvSource({"0, lt5", "4.999, lt5", "5, lt25", "24.9, lt25", "25, lt100", "99.99, lt100", "100, lt500",
        "499, lt500", "500, lt2000", "1999.9, lt2000", "2000, ge2000", "600000, ge2000"})
    void latencyBuckets(double durationMs, String bucket) {
        InventoryDelta delta = fold(List.of(e -> e.setDurationMs(durationMs)));

        for (LatencyBucket b : LatencyBucket.values()) {
            assertThat(delta.latencyCount(b)).as(b.field()).isEqualTo(b.field().equals(bucket) ? 1 : 0);
        }
        assertThat(delta.latencyMaxMs()).isEqualTo(durationMs);
    }

    @ParameterizedTest(name = "invalid duration {0}")
    @CsvSource({"-1", "NaN", "Infinity"})
    void durationsThatAreNotATimeAreNotBucketed(double durationMs) {
        InventoryDelta delta = fold(List.of(e -> e.setDurationMs(durationMs), e -> e.setDurationMs(30)));

        assertThat(delta.count()).isEqualTo(2);
        assertThat(delta.latencyCount(LatencyBucket.LT100)).isEqualTo(1);
        assertThat(Stream.of(LatencyBucket.values()).mapToLong(delta::latencyCount).sum()).isEqualTo(1);
        assertThat(delta.latencyMaxMs()).isEqualTo(30.0);
    }

    @ParameterizedTest(name = "cap {0}")
    @CsvSource({"1", "3", "10"})
    void consumersKeepTheMostRecentUpToTheCap(int cap) {
        InventoryLimits limits = new InventoryLimits(cap, 50, 20);
        List<UnaryOperator<AccessEvent.Builder>> events = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String hash = "c" + i;
            events.add(e -> e.setConsumerHash(hash));
        }

        List<String> consumers = fold(limits, events).consumers();

        assertThat(consumers).hasSize(cap).last().isEqualTo("c11");
        assertThat(consumers.get(0)).isEqualTo("c" + (12 - cap));
    }

    @ParameterizedTest(name = "query params cap {0}")
    @CsvSource({"1", "2", "50"})
    void queryParamNamesAreCapped(int cap) {
        InventoryLimits limits = new InventoryLimits(10, cap, 20);

        InventoryDelta delta = fold(limits, List.of(e -> e.addAllQueryParamNames(List.of("a", "b", "c")),
                e -> e.addQueryParamNames("d")));

        assertThat(delta.queryParams()).hasSize(Math.min(cap, 4));
    }
}
