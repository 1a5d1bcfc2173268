package dev.periscope.eventwriter.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ClickHouseEndpointTest {

    @Test
    void plainUriUsesTheDefaultUser() {
        ClickHouseEndpoint e = ClickHouseEndpoint.of("http://127.0.0.1:8123", Optional.empty(), Optional.empty());
        assertThat(e.url()).isEqualTo("http://127.0.0.1:8123");
        assertThat(e.username()).isEqualTo("default");
        assertThat(e.password()).isEmpty();
        assertThat(e.loopback()).isTrue();
    }

    @Test
    void userInfoGivesCredentialsAndExplicitOnesWin() {
        ClickHouseEndpoint fromUri = ClickHouseEndpoint.of("https://elchi:s%40cret@ch.internal/periscope",
                Optional.empty(), Optional.empty());
        assertThat(fromUri.url()).isEqualTo("https://ch.internal:8443");
        assertThat(fromUri.username()).isEqualTo("elchi");
        assertThat(fromUri.password()).isEqualTo("s@cret");
        assertThat(fromUri.toString()).doesNotContain("cret");
        assertThat(fromUri.loopback()).isFalse();

        ClickHouseEndpoint overridden = ClickHouseEndpoint.of("http://elchi:x@ch:8123", Optional.of("writer"),
                Optional.of("pw"));
        assertThat(overridden.username()).isEqualTo("writer");
        assertThat(overridden.password()).isEqualTo("pw");
    }

    @Test
    void nativeProtocolIsRefused() {
        assertThatThrownBy(() -> ClickHouseEndpoint.of("clickhouse://h:9000", Optional.empty(), Optional.empty()))
                .hasMessageContaining("http");
    }
}
