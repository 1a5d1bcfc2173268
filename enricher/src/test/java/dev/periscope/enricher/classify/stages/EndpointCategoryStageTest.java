package dev.periscope.enricher.classify.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.periscope.enricher.classify.EventDraft;

class EndpointCategoryStageTest {
    private final EndpointCategoryStage stage = new EndpointCategoryStage();

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = '|', value = {
        // admin
        "/admin                              | admin",
        "/api/v1/admin/users                 | admin",
        "/wp-admin                           | admin",
        "/admin_panel                        | admin",
        "/Console                            | admin",
        "/management/health                  | admin",
        "/dashboard/{id}                     | admin",
        "/internal/backoffice/orders         | admin",
        // auth
        "/login                              | auth",
        "/api/v2/sign-in                     | auth",
        "/signin                             | auth",
        "/oauth2/authorize                   | auth",
        "/oauth/token                        | auth",
        "/sso/saml                           | auth",
        "/auth/refresh                       | auth",
        "/.well-known/openid-configuration   | auth",
        "/forgot-password                    | auth",
        "/register                           | auth",
        "/mfa/verify                         | auth",
        // account management (a password change is also auth)
        "/users/{id}/email                   | account_management",
        "/users/{id}/password                | auth account_management",
        "/me/profile                         | account_management",
        "/account/settings                   | account_management",
        "/api/customers/{uuid}/addresses     | account_management",
        "/members/{id}/roles/{id}            | account_management",
        // payment
        "/checkout                           | payment",
        "/api/payments/{id}/refund           | payment",
        "/billing/invoices                   | payment",
        "/v1/charges                         | payment",
        "/subscriptions/{id}                 | payment",
        // data export
        "/reports/export                     | data_export",
        "/api/users/bulk                     | data_export",
        "/files/{id}/download                | data_export",
        "/db/dump                            | data_export",
        "/backups/latest                     | data_export",
        // api docs
        "/swagger-ui/index.html              | api_docs",
        "/swagger.json                       | api_docs",
        "/openapi.yaml                       | api_docs",
        "/v3/api-docs                        | api_docs",
        "/redoc                              | api_docs",
        "/graphiql                           | api_docs",
        // metadata leak
        "/.env                               | metadata_leak",
        "/.env.production                    | metadata_leak",
        "/.git/config                        | metadata_leak",
        "/.aws/credentials                   | metadata_leak",
        "/.ssh/id_rsa                        | metadata_leak",
        "/server-status                      | metadata_leak",
        "/latest/meta-data/iam               | metadata_leak",
        "/wp-config.php.bak                  | metadata_leak",
        // several at once
        "/admin/export                       | admin data_export",
        "/admin/users/{id}/password          | admin auth account_management",
        // false positives the reference names, and near misses
        "/administrator-guide                | ''",
        "/docs/administrator                 | ''",
        "/badminton/scores                   | ''",
        "/adminpanel                         | ''",
        "/reset/{token}                      | ''",
        "/verify-email/{token}               | ''",
        "/v1/orders/{id}                     | ''",
        "/api/v2/items                       | ''",
        "/login-history-report.pdf.env       | auth",
        "/environment                        | ''",
        "/paypal-webhook                     | ''",
        "/exporter/metrics                   | ''",
        "/users/{id}                         | ''",
        "/users/{id}/orders                  | ''",
        "/payload                            | ''",
        "/tokenizer                          | ''",
        "/git/commits                        | ''",
        "''                                  | ''",
        "/                                   | ''",
    })
    void categoriesFromTheNormalizedPath(String path, String expected) {
        EventDraft draft = new EventDraft(Events.bare().setPath("/orders/raw-path").build());
        draft.out().setNormalizedPath(path);

        stage.apply(draft);

        assertThat(draft.endpointCategories()).containsExactlyInAnyOrderElementsOf(words(expected));
    }

    @Test
    void fallsBackToTheRawPathWhenNoNormalizedPathWasWritten() {
        EventDraft draft = Events.draft(Events.bare().setPath("/admin/login"), stage);

        assertThat(draft.endpointCategories()).containsExactlyInAnyOrder("admin", "auth");
    }

    @Test
    void categoriesAreWrittenToTheEvent() {
        EventDraft draft = Events.draft(Events.bare().setPath("/api/payments/42/export"), stage);

        assertThat(draft.build().getEndpointCategoriesList()).containsExactly("payment", "data_export");
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin-", "/users/", "a/", "-", ".env.", "{token}", "/users/x/emails", "x"})
    void tenKilobyteHostilePathsFinishInBoundedTime(String unit) {
        String hostile = "/" + Events.repeat(unit, 10 * 1024);
        EventDraft draft = new EventDraft(Events.bare().setPath(hostile).build());

        assertTimeoutPreemptively(Duration.ofMillis(500), () -> stage.apply(draft));
    }

    private static List<String> words(String spaced) {
        return spaced.isBlank() ? List.of() : Arrays.asList(spaced.strip().split("\\s+"));
    }
}
