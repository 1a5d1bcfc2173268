package dev.periscope.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.envoyproxy.envoy.data.accesslog.v3.HTTPAccessLogEntry;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsMessage;

class DemoTrafficTest {
    private static final DemoTraffic.Options OPTIONS = DemoTraffic.Options.defaults()
            .withBaseEpochMillis(1_750_000_000_000L).withEntries(3000).withStreams(4).withBatchSize(50);

    @Test
    void sameSeedSameStreamsOtherSeedOtherStreams() {
        DemoTraffic.Plan first = DemoTraffic.build(OPTIONS);
        DemoTraffic.Plan again = DemoTraffic.build(OPTIONS);
        DemoTraffic.Plan other = DemoTraffic.build(OPTIONS.withSeed(7));

        assertThat(again.streams()).isEqualTo(first.streams());
        assertThat(again.summary()).isEqualTo(first.summary());
        assertThat(other.streams()).isNotEqualTo(first.streams());
        assertThat(other.summary().totalEntries()).isEqualTo(first.summary().totalEntries());
    }

    @Test
    void coversEveryProtocolWithExactlyOneTcpEntry() {
        DemoTraffic.Summary summary = DemoTraffic.build(OPTIONS).summary();

        assertThat(summary.entriesByProtocol()).containsOnlyKeys("http/1.0", "http/1.1", "http/2", "http/3", "tcp");
        assertThat(summary.entriesByProtocol()).containsEntry("tcp", 1);
        assertThat(summary.tcpEntries()).isEqualTo(1);
        assertThat(summary.grpcCalls()).isPositive();
        assertThat(summary.grpcErrors()).isPositive().isLessThan(summary.grpcCalls());
        assertThat(summary.entriesByStatusClass()).containsKeys("2xx", "3xx", "4xx", "5xx");
        assertThat(summary.authObserved()).isPositive().isLessThan(summary.totalEntries());
        assertThat(summary.routeNotMatched()).isPositive();
        assertThat(summary.entriesByProject()).containsOnlyKeys("acme-prod", "globex-staging", "initech-dev");
        assertThat(summary.entriesByListener()).containsKeys("acme-prod/public-edge", "acme-prod/internal-mesh");
    }

    @Test
    void countsAddUpAndMatchWhatIsOnTheWire() {
        DemoTraffic.Plan plan = DemoTraffic.build(OPTIONS);
        DemoTraffic.Summary summary = plan.summary();

        assertThat(summary.totalEntries()).isEqualTo(3000);
        assertThat(sum(summary.entriesByProject())).isEqualTo(3000);
        assertThat(sum(summary.entriesByListener())).isEqualTo(3000);
        assertThat(sum(summary.entriesByProtocol())).isEqualTo(3000);
        assertThat(sum(summary.entriesByStatusClass())).isEqualTo(3000 - summary.tcpEntries());
        assertThat(summary.entriesByEndpoint().values().stream().mapToInt(DemoTrafficTest::sum).sum())
                .isEqualTo(3000 - summary.tcpEntries());
        int healthzCalls = summary.entriesByEndpoint().values().stream()
                .mapToInt(endpoints -> endpoints.getOrDefault("GET /healthz", 0)).sum();
        assertThat(summary.healthProbes()).isEqualTo(healthzCalls).isPositive();
        assertThat(summary.storedEntries()).isEqualTo(3000 - healthzCalls);
        assertThat(sum(summary.storedByProject())).isEqualTo(summary.storedEntries());
        summary.entriesByEndpoint().forEach((project, endpoints) -> assertThat(endpoints.keySet().stream()
                .map(key -> key.substring(key.indexOf(' ') + 1)).distinct().sorted().toList())
                .containsExactlyElementsOf(summary.distinctPathsByProject().get(project)));

        assertThat(plan.streams()).hasSize(4);
        assertThat(plan.streams().stream().mapToInt(AlsStream::entryCount).sum()).isEqualTo(3000);
        assertThat(plan.streams().stream().mapToInt(s -> s.messages().size()).sum()).isEqualTo(summary.messages());
        Map<String, Integer> wireByProject = new HashMap<>();
        for (AlsStream stream : plan.streams()) {
            List<StreamAccessLogsMessage> messages = stream.messages();
            // only the first message of a stream carries the identifier, like Envoy
            assertThat(messages.get(0).getIdentifier().getNode().getId()).isEqualTo(stream.nodeId());
            assertThat(messages.get(0).getIdentifier().getLogName()).isEqualTo("periscope");
            assertThat(messages.subList(1, messages.size())).noneMatch(StreamAccessLogsMessage::hasIdentifier);
            assertThat(messages).allMatch(m -> m.getHttpLogs().getLogEntryCount() <= 50);
            String project = stream.nodeId().split("::")[1];
            wireByProject.merge(project, stream.entryCount(), Integer::sum);
        }
        assertThat(wireByProject).isEqualTo(summary.entriesByProject());
    }

    @Test
    void pathsOnTheWireCarryQueryStringsButSummaryPathsDoNot() {
        DemoTraffic.Plan plan = DemoTraffic.build(OPTIONS);
        List<HTTPAccessLogEntry> entries = plan.streams().stream().flatMap(s -> s.messages().stream())
                .flatMap(m -> m.getHttpLogs().getLogEntryList().stream()).toList();

        assertThat(entries).anyMatch(e -> e.getRequest().getPath().contains("?"));
        assertThat(entries).anyMatch(e -> e.getRequest().getPath().matches("/api/v1/orders/[0-9a-f-]{36}\\?.*"));
        assertThat(entries).anyMatch(e -> e.getResponse().getResponseTrailersMap().containsKey("grpc-status"));
        assertThat(entries).anyMatch(e -> e.getResponse().getResponseHeadersMap().containsKey("grpc-status"));
        assertThat(plan.summary().distinctPathsByProject().values()).allMatch(paths -> paths.stream()
                .noneMatch(p -> p.contains("?")));
    }

    @Test
    void projectSuffixMakesProjectsUnique() {
        DemoTraffic.Summary summary = DemoTraffic.build(OPTIONS.withEntries(100).withProjectSuffix("-t1")).summary();

        assertThat(summary.entriesByProject()).containsOnlyKeys("acme-prod-t1", "globex-staging-t1", "initech-dev-t1");
    }

    @Test
    void refusesTooFewEntriesForTheStreams() {
        assertThatThrownBy(() -> DemoTraffic.build(OPTIONS.withEntries(4).withStreams(4)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int sum(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
