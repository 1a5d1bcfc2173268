package dev.periscope.enricher.classify.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.periscope.model.v1.AccessEvent;

/** Realistic events through every stage of this package, in the documented order. */
class StagesInOrderTest {

    @Test
    void aBrowserCallingARealApiRoute() {
        AccessEvent raw = Events.raw("GET", "/api/v1/orders/42", 200).setTlsVersion("TLSv1.3").setHstsPresent(true)
                .setXctoPresent(true).setHost("api.example.com").build();

        AccessEvent out = Events.draft(raw.toBuilder(), PipelineOrder.stagesAfterPath()).build();

        assertThat(out.getConfirmed()).isTrue();
        assertThat(out.getRiskFlagsList()).containsExactly("external_host");
        assertThat(out.getAuthSchemesList()).containsExactly("none");
        assertThat(out.getEndpointCategoriesList()).isEmpty();
        assertThat(out.getTagsMap()).containsEntry("ua.class", "browser").containsEntry("ua.family", "firefox");
        assertThat(out.getSourceIp()).isEmpty();
        assertThat(out.getUserAgent()).isEmpty();
        assertThat(out.getSourceIpHash()).hasSize(16);
        assertThat(out.getHashKeyId()).isEqualTo("5fafa706");
    }

    @Test
    void aScannerProbingForSecretsOverPlainText() {
        AccessEvent.Builder raw = Events.raw("GET", "/.env", 404).setUserAgent("sqlmap/1.7.2#stable")
                .setHost("shop.example.com").setContentType("text/html").setCredentialInQuery(true);

        AccessEvent out = Events.draft(raw, PipelineOrder.stagesAfterPath()).build();

        assertThat(out.getConfirmed()).isFalse();
        assertThat(out.getRiskFlagsList()).containsExactlyInAnyOrder("credential_in_query", "scanner_user_agent",
                "plain_text_transport", "missing_x_content_type_options", "missing_x_frame_options", "missing_csp",
                "external_host", "vuln_probe_path", "client_error_status");
        assertThat(out.getEndpointCategoriesList()).containsExactly("metadata_leak");
        assertThat(out.getTagsMap()).containsEntry("ua.class", "scanner").containsEntry("ua.family", "sqlmap");
    }

    @Test
    void anAuthenticatedInternalServiceCall() {
        AccessEvent.Builder raw = Events.raw("POST", "/internal/admin/users/7/password", 204)
                .setUserAgent("Go-http-client/1.1").setHost("accounts.prod.svc.cluster.local")
                .setTlsVersion("TLSv1.2").setHstsPresent(false).setTlsPeerSubject("CN=billing")
                .setAuthObserved(true).addAuthHints("mtls").setConsumerHash("0011223344556677")
                .setConsumerScheme("mtls");

        AccessEvent out = Events.draft(raw, PipelineOrder.stagesAfterPath()).build();

        assertThat(out.getConfirmed()).isTrue();
        assertThat(out.getAuthSchemesList()).containsExactly("mtls");
        assertThat(out.getEndpointCategoriesList()).containsExactlyInAnyOrder("admin", "auth", "account_management");
        assertThat(out.getRiskFlagsList()).containsExactlyInAnyOrder("missing_hsts", "internal_host",
                "sensitive_path_keyword");
        assertThat(out.getTagsMap()).containsEntry("ua.class", "sdk").containsEntry("ua.family", "go-http-client");
    }

    @Test
    void tenKilobyteHostileFieldsThroughEveryStageFinishInBoundedTime() {
        AccessEvent.Builder raw = Events.raw("DELETE", "/" + Events.repeat("admin/users/.env.", 10 * 1024), 200)
                .setUserAgent(Events.repeat("Mozilla/5.0 bot-", 10 * 1024))
                .setServerSoftware(Events.repeat("a/1", 10 * 1024))
                .setHost(Events.repeat("a.", 10 * 1024))
                .setContentType(Events.repeat("text/html;", 10 * 1024));

        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            for (int i = 0; i < 20; i++) {
                Events.draft(raw, PipelineOrder.stagesAfterPath()).build();
            }
        });
    }
}
