package dev.periscope.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.periscope.model.v1.FactValue;

class SourceIpMixTest {
    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    /** 5 minutes in 10 slices of 30 s. */
    private final SourceIpMix mix = new SourceIpMix(now::get, Duration.ofMinutes(5), 10);

    @Test
    void shareOfPrivateAddressesInTheWindow() {
        record("10.0.0.1", 9);
        record("203.0.113.7", 1);

        assertThat(mix.snapshot()).isEqualTo(new SourceIpMix.Snapshot(10, 9));
        assertThat(mix.snapshot().privatePercent()).isEqualTo(90.0);
    }

    @Test
    void emptyAndNonIpAddressesAreNotCounted() {
        record("", 5);
        record(null, 5);
        record("unix:/var/run/envoy.sock", 5);
        record("8.8.8.8", 2);

        assertThat(mix.snapshot()).isEqualTo(new SourceIpMix.Snapshot(2, 0));
        assertThat(mix.snapshot().privatePercent()).isEqualTo(0.0);
    }

    @Test
    void noEntriesNoShare() {
        assertThat(mix.snapshot().entries()).isZero();
        assertThat(mix.snapshot().privatePercent()).isNaN();
    }

    @Test
    void oldEntriesLeaveTheWindow() {
        record("10.0.0.1", 100);          // t = 0
        now.addAndGet(150_000);
        record("198.51.100.4", 100);      // t = 2.5 min
        assertThat(mix.snapshot()).isEqualTo(new SourceIpMix.Snapshot(200, 100));

        now.addAndGet(180_000);            // t = 5.5 min: the first slice is out of the window
        assertThat(mix.snapshot()).isEqualTo(new SourceIpMix.Snapshot(100, 0));

        now.addAndGet(300_000);            // t = 10.5 min: everything is out
        assertThat(mix.snapshot().entries()).isZero();
    }

    @Test
    void aSliceComingRoundAgainStartsFromZero() {
        record("10.0.0.1", 50);
        now.addAndGet(Duration.ofMinutes(5).toMillis()); // same slice index, next lap

        record("8.8.4.4", 3);

        assertThat(mix.snapshot()).isEqualTo(new SourceIpMix.Snapshot(3, 0));
    }

    @Test
    void percentHasOneDecimal() {
        record("192.168.0.1", 2);
        record("1.1.1.1", 1);

        assertThat(mix.snapshot().privatePercent()).isEqualTo(66.7);
    }

    @Test
    void factsCarryTheShareOnlyWithTraffic() {
        Map<String, FactValue> facts = new HashMap<>();
        GatewayFacts.sourceIpFacts(mix, facts);
        assertThat(facts).doesNotContainKey("gateway.source_ip.private_percent");
        assertThat(facts.get("gateway.source_ip.window_entries").getIntValue()).isZero();
        assertThat(facts.get("gateway.source_ip.window_seconds").getIntValue()).isEqualTo(300);

        record("10.9.8.7", 19);
        record("2001:db8::1", 1);
        GatewayFacts.sourceIpFacts(mix, facts);

        assertThat(facts.get("gateway.source_ip.private_percent").getDoubleValue()).isEqualTo(95.0);
        assertThat(facts.get("gateway.source_ip.window_entries").getIntValue()).isEqualTo(20);
    }

    @Test
    void aWindowTooShortForItsSlicesIsRefused() {
        assertThatThrownBy(() -> new SourceIpMix(now::get, Duration.ofMillis(5), 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void record(String ip, int times) {
        for (int i = 0; i < times; i++) {
            mix.record(ip);
        }
    }
}
