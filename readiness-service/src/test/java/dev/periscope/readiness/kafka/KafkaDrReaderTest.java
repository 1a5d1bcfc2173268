package dev.periscope.readiness.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.junit.jupiter.api.Test;

import dev.periscope.readiness.dr.KafkaSample;

/** An unreachable broker gives a sample with an error, never an exception; retention parsing. */
class KafkaDrReaderTest {

    @Test
    void anUnreachableBrokerYieldsAnIncompleteSampleWithItsReason() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        // port 1 on loopback: nothing listens there
        Map<String, Object> props = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 500,
                CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 500);
        try (KafkaDrReader reader = new KafkaDrReader(props, Pattern.compile(".*"), Pattern.compile("(?!)"),
                Pattern.compile("periscope\\..*"), Duration.ofMillis(500))) {
            KafkaSample sample = reader.sample(now);

            assertThat(sample.error()).isNotBlank();
            assertThat(sample.sampledAt()).isEqualTo(now);
            assertThat(sample.timeToDataLoss()).isEmpty();
            assertThat(sample.topics()).isEmpty();
        }
    }

    @Test
    void retentionComesFromTheTopicConfigWithTheBrokerDefaultAsFallback() {
        assertThat(KafkaDrReader.retentionMs(new Config(List.of(new ConfigEntry("retention.ms", "3600000")))))
                .isEqualTo(3_600_000L);
        assertThat(KafkaDrReader.retentionMs(new Config(List.of(new ConfigEntry("retention.ms", "-1")))))
                .isEqualTo(-1L);
        assertThat(KafkaDrReader.retentionMs(null)).isEqualTo(7L * 24 * 3600 * 1000);
    }
}
