package dev.periscope.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.periscope.model.v1.AccessEvent;

class ResponseSecurityHeadersTest {

    private static AccessEvent record(Map<String, String> headers) {
        AccessEvent.Builder event = AccessEvent.newBuilder();
        ResponseSecurityHeaders.record(HeaderView.of(HeaderViewTest.entries(headers)), event);
        return event.build();
    }

    @Test
    void aHardenedResponse() {
        AccessEvent event = record(Map.of("x-content-type-options", "nosniff", "x-frame-options", "DENY",
                "content-security-policy", "default-src 'self'", "access-control-allow-origin",
                "https://app.internal.acme.test", "server", "envoy"));

        assertThat(event.getXctoPresent()).isTrue();
        assertThat(event.getXfoPresent()).isTrue();
        assertThat(event.getCspPresent()).isTrue();
        assertThat(event.getCorsAllowOrigin()).as("a specific origin is not kept").isEqualTo("origin");
        assertThat(event.getCorsAllowCredentials()).isFalse();
        assertThat(event.getServerSoftware()).isEqualTo("envoy");
    }

    @Test
    void nothingSentMeansNothingPresent() {
        AccessEvent event = record(Map.of());

        assertThat(event.getXctoPresent()).isFalse();
        assertThat(event.getXfoPresent()).isFalse();
        assertThat(event.getCspPresent()).isFalse();
        assertThat(event.getCorsAllowOrigin()).isEmpty();
        assertThat(event.getServerSoftware()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {"*|*", "null|null", "NULL|null", " * |*", "https://x.test|origin", "''|''"})
    void corsOriginShapes(String header, String expected) {
        assertThat(ResponseSecurityHeaders.corsOrigin(header)).isEqualTo(expected);
    }

    @Test
    void frameAncestorsInTheCspCountsAsFrameProtectionAndNosniffMustBeExact() {
        AccessEvent event = record(Map.of("content-security-policy", "default-src 'self'; frame-ancestors 'none'",
                "x-content-type-options", "sniff-please", "access-control-allow-origin", "*",
                "access-control-allow-credentials", "TRUE"));

        assertThat(event.getXfoPresent()).isTrue();
        assertThat(event.getXctoPresent()).isFalse();
        assertThat(event.getCorsAllowOrigin()).isEqualTo("*");
        assertThat(event.getCorsAllowCredentials()).isTrue();
    }

    @Test
    void serverSoftwareIsJoinedCleanedAndCapped() {
        assertThat(ResponseSecurityHeaders.serverSoftware("nginx/1.25.3", "PHP/8.1.2")).isEqualTo(
                "nginx/1.25.3 PHP/8.1.2");
        assertThat(ResponseSecurityHeaders.serverSoftware("", "Express")).isEqualTo("Express");
        assertThat(ResponseSecurityHeaders.serverSoftware("a\u0000b" + "x".repeat(500), "")).hasSizeLessThanOrEqualTo(
                ResponseSecurityHeaders.MAX_SERVER_SOFTWARE_BYTES).doesNotContain("\u0000");
    }
}
