package dev.periscope.gateway.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.periscope.kit.runtimeconfig.RuntimeConfigHolder;
import dev.periscope.model.config.RuntimeConfig;
import dev.periscope.model.config.RuntimeConfigParser;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;

class IngestFilterTest {
    private static final String PROJECT = "shop";

    private static IngestFilter filter(Map<String, Object> exclude, List<String> denyPatterns) {
        Map<String, Object> policy = new java.util.HashMap<>();
        policy.put("exclude", exclude);
        if (denyPatterns != null) {
            policy.put("ingest_deny_patterns", denyPatterns);
        }
        return IngestFilter.from(RuntimeConfigParser.parse(Map.of("version", 1, "policy", policy)).config()
                .orElseThrow());
    }

    private static IngestFilter excluding(String field, String... values) {
        return filter(Map.of(field, List.of(values)), List.of());
    }

    private static AccessEvent.Builder get(String path) {
        return AccessEvents.rawHttp(PROJECT, "GET", path, 200);
    }

    @Test
    void defaultsKeepApiTrafficAndDropProbesMetricsAndStaticAssetsOnGetAndHead() {
        IngestFilter filter = IngestFilter.from(RuntimeConfig.defaults());
        assertThat(filter.dropReason(get("/api/v1/users/7").build())).isEmpty();
        assertThat(filter.dropReason(get("/healthz").build())).contains("ingest_filter");
        assertThat(filter.dropReason(get("/metrics").build())).contains("ingest_filter");
        assertThat(filter.dropReason(get("/static/app.js").build())).contains("ingest_filter");
        assertThat(filter.dropReason(get("/favicon.ico").setMethod("HEAD").build())).contains("ingest_filter");
    }

    @Test
    void denyPatternsApplyToGetAndHeadOnly() {
        IngestFilter filter = filter(Map.of(), List.of("^/internal/"));
        assertThat(filter.dropReason(get("/internal/report").build())).contains("ingest_filter");
        assertThat(filter.dropReason(get("/internal/report").setMethod("head").build())).contains("ingest_filter");
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            assertThat(filter.dropReason(get("/internal/report").setMethod(method).build())).as(method).isEmpty();
        }
        assertThat(filter.dropReason(get("/api/internal/x").build())).isEmpty();
    }

    @Test
    void excludedMethodsMatchExactlyAndCaseInsensitively() {
        IngestFilter filter = excluding("methods", "options", "TRACE");
        assertThat(filter.dropReason(get("/a").setMethod("OPTIONS").build())).contains("exclude_method");
        assertThat(filter.dropReason(get("/a").setMethod("trace").build())).contains("exclude_method");
        assertThat(filter.dropReason(get("/a").build())).isEmpty();
        assertThat(filter.dropReason(get("/a").setMethod("").build())).isEmpty();
    }

    @Test
    void excludedHostsAreRegexesOnTheLowerCasedHost() {
        IngestFilter filter = excluding("hosts", "^internal\\.", "\\.svc\\.cluster\\.local(:\\d+)?$");
        assertThat(filter.dropReason(get("/a").setHost("INTERNAL.example.com").build())).contains("exclude_host");
        assertThat(filter.dropReason(get("/a").setHost("orders.default.svc.cluster.local:8080").build()))
                .contains("exclude_host");
        assertThat(filter.dropReason(get("/a").setHost("api.example.com").build())).isEmpty();
        assertThat(filter.dropReason(get("/a").setHost("").build())).isEmpty();
    }

    @Test
    void excludedListenersAndProjectsMatchExactly() {
        IngestFilter listeners = excluding("listeners", "admin-edge");
        assertThat(listeners.dropReason(get("/a").setListenerName("admin-edge").build())).contains("exclude_listener");
        assertThat(listeners.dropReason(get("/a").setListenerName("admin-edge-2").build())).isEmpty();
        assertThat(listeners.dropReason(get("/a").setListenerName("Admin-Edge").build())).isEmpty();

        IngestFilter projects = excluding("projects", "sandbox");
        assertThat(projects.dropReason(get("/a").setProjectId("sandbox").build())).contains("exclude_project");
        assertThat(projects.dropReason(get("/a").setProjectId("sandbox-1").build())).isEmpty();
    }

    @Test
    void excludedSourceCidrsCoverIpv4AndIpv6() {
        IngestFilter filter = excluding("source_cidrs", "10.0.0.0/8", "2001:db8::/32");
        assertThat(filter.dropReason(get("/a").setSourceIp("10.20.30.40").build())).contains("exclude_source_ip");
        assertThat(filter.dropReason(get("/a").setSourceIp("2001:db8::17").build())).contains("exclude_source_ip");
        assertThat(filter.dropReason(get("/a").setSourceIp("::ffff:10.1.1.1").build())).contains("exclude_source_ip");
        assertThat(filter.dropReason(get("/a").setSourceIp("203.0.113.7").build())).isEmpty();
        assertThat(filter.dropReason(get("/a").setSourceIp("").build())).isEmpty();
        assertThat(filter.dropReason(get("/a").setSourceIp("not-an-ip").build())).isEmpty();
    }

    @Test
    void excludedUserAgentsAreCaseSensitiveRegexes() {
        IngestFilter filter = excluding("user_agents", "^kube-probe/", "Prometheus");
        assertThat(filter.dropReason(get("/a").setUserAgent("kube-probe/1.29").build())).contains("exclude_user_agent");
        assertThat(filter.dropReason(get("/a").setUserAgent("Prometheus/2.51").build())).contains("exclude_user_agent");
        assertThat(filter.dropReason(get("/a").setUserAgent("prometheus/2.51").build())).isEmpty();
        assertThat(filter.dropReason(get("/a").setUserAgent("").build())).isEmpty();
    }

    @Test
    void theFirstMatchingCheckNamesTheReasonExclusionsBeforeDenyPatterns() {
        IngestFilter filter = filter(Map.of("projects", List.of(PROJECT), "methods", List.of("GET"),
                "user_agents", List.of("curl")), List.of("^/healthz$"));
        AccessEvent event = get("/healthz").setUserAgent("curl/8").build();
        assertThat(filter.dropReason(event)).contains("exclude_project");
        assertThat(filter.dropReason(event.toBuilder().setProjectId("other").build())).contains("exclude_method");
        assertThat(filter.dropReason(event.toBuilder().setProjectId("other").setMethod("HEAD").build()))
                .contains("exclude_user_agent");
        assertThat(filter.dropReason(event.toBuilder().setProjectId("other").setMethod("HEAD").setUserAgent("x")
                .build())).contains("ingest_filter");
    }

    @Test
    void tcpEntriesAreOnlyExcludedByWhatTheyCarry() {
        IngestFilter filter = filter(Map.of("hosts", List.of(".*"), "user_agents", List.of(".*"),
                "listeners", List.of("tcp-edge")), List.of(".*"));
        AccessEvent tcp = AccessEvent.newBuilder().setProtocol("tcp").setProjectId(PROJECT)
                .setListenerName("db-edge").setSourceIp("203.0.113.7").build();
        assertThat(filter.dropReason(tcp)).isEmpty();
        assertThat(filter.dropReason(tcp.toBuilder().setListenerName("tcp-edge").build())).contains("exclude_listener");
    }

    @Test
    void everyReasonIsListed() {
        assertThat(IngestFilter.REASONS).containsExactlyInAnyOrder("ingest_filter", "exclude_method", "exclude_host",
                "exclude_listener", "exclude_project", "exclude_source_ip", "exclude_user_agent");
    }

    @Test
    void theProviderSwapsTheFilterWhenTheHolderAppliesANewVersion() {
        RuntimeConfigHolder holder = new RuntimeConfigHolder();
        IngestFilterProvider provider = new IngestFilterProvider(holder);
        IngestFilter before = provider.current();
        assertThat(before.version()).isZero();

        holder.offer(Map.of("version", 2, "policy", Map.of("exclude", Map.of("projects", List.of(PROJECT)))));

        assertThat(provider.current().version()).isEqualTo(2);
        assertThat(provider.current().dropReason(get("/a").build())).contains("exclude_project");
        assertThat(before.dropReason(get("/a").build())).as("a filter in hand never changes").isEmpty();

        holder.offer(Map.of("version", 3, "policy", Map.of("exclude", List.of())));
        assertThat(provider.current().version()).as("an invalid version changes nothing").isEqualTo(2);
    }

    @Test
    void aCheckAllocatesNothingOnceTheThreadHasItsMatchers() {
        IngestFilter filter = filter(Map.of("hosts", List.of("^internal\\."), "user_agents", List.of("(?i)probe")),
                List.of("^/healthz$", "\\.(css|js|png)$", "^/metrics", "^/static/"));
        AccessEvent kept = get("/api/v1/orders/42").setHost("shop.example.com").setUserAgent("curl/8.5").build();
        AccessEvent dropped = get("/static/app.css").setHost("shop.example.com").setUserAgent("curl/8.5").build();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) { // the thread's matchers, and the JIT
            filter.dropReason(kept);
            filter.dropReason(dropped);
        }

        long before = threads.getCurrentThreadAllocatedBytes();
        int drops = 0;
        for (int i = 0; i < 10_000; i++) {
            drops += filter.dropReason(kept).isPresent() ? 1 : 0;
            drops += filter.dropReason(dropped).isPresent() ? 1 : 0;
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(drops).isEqualTo(10_000);
        assertThat(allocated).as("bytes allocated by 20,000 checks").isLessThan(20_000);
    }

    @Test
    void threadsShareAFilterWithoutSeeingEachOthersMatches() throws Exception {
        IngestFilter filter = filter(Map.of(), List.of("^/internal/", "\\.js$"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> wrong = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                wrong.add(pool.submit(() -> {
                    int mistakes = 0;
                    for (int i = 0; i < 20_000; i++) {
                        boolean deny = (i + offset) % 3 == 0;
                        String path = deny ? "/internal/" + i : "/api/" + i;
                        if (filter.dropReason(get(path).build()).isPresent() != deny) {
                            mistakes++;
                        }
                    }
                    return mistakes;
                }));
            }
            for (java.util.concurrent.Future<Integer> mistakes : wrong) {
                assertThat(mistakes.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
