package dev.periscope.traffic.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class PromSnapshotTest {

    @Test
    void sumsAcrossLabelsAndGroupsByReason() {
        PromSnapshot s = PromSnapshot.parse("""
                # HELP periscope_events_received_total Entries received
                # TYPE periscope_events_received_total counter
                periscope_events_received_total{protocol="http/1.1",application="ingest-gateway"} 10.0
                periscope_events_received_total{protocol="http/2"} 5.0
                periscope_events_received_total_other 99
                periscope_events_dropped_total{reason="backpressure"} 2.0
                periscope_events_dropped_total{reason="malformed"} 1.0
                periscope_events_published_total 12.0
                """);

        assertThat(s.sum(PromSnapshot.RECEIVED)).isEqualTo(15.0);
        assertThat(s.sum(PromSnapshot.PUBLISHED)).isEqualTo(12.0);
        assertThat(s.sumBy(PromSnapshot.DROPPED, "reason")).containsEntry("backpressure", 2.0)
                .containsEntry("malformed", 1.0);
        assertThat(s.has(PromSnapshot.PROCESSING + "_count")).isFalse();
        assertThat(s.help(PromSnapshot.RECEIVED)).contains("Entries received");
        assertThat(s.help(PromSnapshot.PUBLISHED)).isEmpty();
    }

    @Test
    void quantileOfTheObservationsBetweenTwoScrapes() {
        TreeMap<Double, Double> before = new TreeMap<>();
        before.put(0.001, 100.0);
        before.put(0.01, 100.0);
        before.put(Double.POSITIVE_INFINITY, 100.0);
        TreeMap<Double, Double> after = new TreeMap<>();
        after.put(0.001, 100.0);   // no new fast observation
        after.put(0.01, 200.0);    // 100 new ones between 1 and 10 ms
        after.put(Double.POSITIVE_INFINITY, 200.0);

        assertThat(PromSnapshot.quantileBetween(before, after, 0.5)).hasValueSatisfying(
                v -> assertThat(v).isCloseTo(0.0055, within(1e-9)));
        assertThat(PromSnapshot.quantileBetween(after, after, 0.5)).isEmpty();
    }

    @Test
    void histogramRendersAsPrometheusAndReadsBack() {
        Histogram h = new Histogram();
        for (int i = 0; i < 99; i++) {
            h.recordNanos(100_000); // 0.1 ms
        }
        h.recordNanos(50_000_000); // 50 ms
        PromSnapshot s = PromSnapshot.parse(h.render(PromSnapshot.PROCESSING, "test"));

        assertThat(s.sum(PromSnapshot.PROCESSING + "_count")).isEqualTo(100.0);
        double p50 = PromSnapshot.quantileBetween(new TreeMap<>(), s.buckets(PromSnapshot.PROCESSING), 0.5).orElseThrow();
        assertThat(p50).isBetween(0.00009, 0.00011);
        double max = PromSnapshot.quantileBetween(new TreeMap<>(), s.buckets(PromSnapshot.PROCESSING), 1.0).orElseThrow();
        assertThat(max).isBetween(0.045, 0.055);
    }
}
