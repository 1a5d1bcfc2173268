package dev.periscope.traffic.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The closed-loop load against the bare server, both in this JVM on ephemeral loopback ports. */
class GatewayLoadTest {

    @Test
    void everySentEntryIsCountedByTheServerAndTheFiguresAreFilledIn() throws Exception {
        try (BareAlsServer server = new BareAlsServer("127.0.0.1", 0, 0)) {
            GatewayLoad.Settings s = GatewayLoad.Settings.defaults();
            GatewayLoad.Settings settings = new GatewayLoad.Settings("127.0.0.1", server.port(), 5, 100, 3,
                    Duration.ofMillis(300), Duration.ofSeconds(1), URI.create("http://127.0.0.1:"
                            + server.metricsPort() + "/metrics"), ProcessHandle.current().pid(),
                    Duration.ofSeconds(20), s.seed(), "-test", "bare");

            Map<String, String> result = new GatewayLoad(settings).run();

            assertThat(result.get("all_accounted")).isEqualTo("true");
            assertThat(Long.parseLong(result.get("sent_total"))).isEqualTo(server.entries()).isPositive();
            assertThat(Double.parseDouble(result.get("accepted_per_s"))).isPositive();
            assertThat(result.get("handling_source")).startsWith("server periscope_event_processing_duration_seconds");
            assertThat(Double.parseDouble(result.get("handling_p99_ms"))).isPositive();
            assertThat(Double.parseDouble(result.get("client_send_ready_p50_ms"))).isNotNaN();
            assertThat(Long.parseLong(result.get("rss_peak_kib"))).isPositive();
            assertThat(result.get("close_problems")).isEqualTo("none");
            assertThat(result.get("stream_reopens")).isEqualTo("0");
        }
    }

    @Test
    void aForwardingServerReportsWhatItsSinkAcknowledgedAndFailed() throws Exception {
        java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong();
        BareAlsServer.Forward everyThirdFails = new BareAlsServer.Forward() {
            @Override
            public int accept(byte[] bytes) throws com.google.protobuf.InvalidProtocolBufferException {
                int entries = io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsMessage.parseFrom(bytes)
                        .getHttpLogs().getLogEntryCount();
                seen.addAndGet(entries);
                return entries;
            }

            @Override
            public long published() {
                return seen.get() - failed();
            }

            @Override
            public long failed() {
                return seen.get() / 3;
            }
        };
        try (BareAlsServer server = new BareAlsServer("127.0.0.1", 0, 0, everyThirdFails)) {
            GatewayLoad.Settings s = GatewayLoad.Settings.defaults();
            GatewayLoad.Settings settings = new GatewayLoad.Settings("127.0.0.1", server.port(), 2, 100, 3,
                    Duration.ofMillis(200), Duration.ofMillis(500), URI.create("http://127.0.0.1:"
                            + server.metricsPort() + "/metrics"), null, Duration.ofSeconds(20), s.seed(), "-test",
                    "floor");

            Map<String, String> result = new GatewayLoad(settings).run();

            long received = Long.parseLong(result.get("received_total"));
            assertThat(received).isEqualTo(seen.get()).isPositive();
            assertThat(result.get("all_accounted")).isEqualTo("true");
            assertThat(Long.parseLong(result.get("published_total"))).isEqualTo(received - received / 3);
            assertThat(result.get("dropped_total_by_reason")).contains("publish_failed=" + received / 3);
        }
    }

    @Test
    void durations() {
        assertThat(GatewayLoad.duration("60")).isEqualTo(Duration.ofSeconds(60));
        assertThat(GatewayLoad.duration("2.5s")).isEqualTo(Duration.ofMillis(2500));
        assertThat(GatewayLoad.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(GatewayLoad.duration("1m")).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void processCpuSecondsGrowWithWorkAndAreNaNForNoProcess() {
        long self = ProcessHandle.current().pid();
        double before = GatewayLoad.procCpuSeconds(self);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuTarget = threads.getCurrentThreadCpuTime() + 200_000_000L; // burn 0.2 s of CPU on this thread
        long sink = 0;
        while (threads.getCurrentThreadCpuTime() < cpuTarget) {
            sink += sink * 31 + 7;
        }
        double after = GatewayLoad.procCpuSeconds(self);

        assertThat(before).isPositive();
        assertThat(after - before).as("sink %d", sink).isGreaterThanOrEqualTo(0.1);
        assertThat(GatewayLoad.procCpuSeconds(Long.MAX_VALUE)).isNaN();
    }

    @Test
    void threadCpuIsGroupedByNameWithoutTrailingNumbersAndReportedPerEntry() {
        long self = ProcessHandle.current().pid();
        Map<String, Double> groups = GatewayLoad.threadCpuSeconds(self);

        assertThat(GatewayLoad.threadGroup("vert.x-eventloop-thread-3")).isEqualTo("vert.x-eventloop-thread");
        assertThat(GatewayLoad.threadGroup("GC Thread#1")).isEqualTo("GC Thread");
        assertThat(GatewayLoad.threadGroup("raw-event-publis")).isEqualTo("raw-event-publis");
        assertThat(GatewayLoad.perEntryByThread(Map.of("a", 1.0, "b", 0.0), Map.of("a", 3.0, "b", 0.5, "c", 0.0),
                1_000_000)).isEqualTo("a=2.00,b=0.50");
        assertThat(groups).isNotEmpty().allSatisfy((name, seconds) -> assertThat(seconds).isNotNegative());
        assertThat(GatewayLoad.threadCpuSeconds(Long.MAX_VALUE)).isEmpty();
    }
}
