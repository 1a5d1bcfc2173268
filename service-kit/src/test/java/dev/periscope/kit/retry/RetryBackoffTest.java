package dev.periscope.kit.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    @Test
    void doublesWithJitterUpToTheBound() {
        RetryBackoff low = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(2), () -> 0.0);
        RetryBackoff high = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(2), () -> 1.0);

        assertThat(low.delay(0)).isEqualTo(Duration.ofMillis(50));
        assertThat(high.delay(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(high.delay(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(high.delay(10)).isEqualTo(Duration.ofSeconds(2));
        assertThat(high.delay(64)).isEqualTo(Duration.ofSeconds(2));
        assertThat(low.delay(64)).isEqualTo(Duration.ofSeconds(1));
    }
}
