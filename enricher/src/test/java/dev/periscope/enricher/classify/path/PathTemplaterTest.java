package dev.periscope.enricher.classify.path;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.periscope.model.testing.MutableClock;
import dev.periscope.model.config.PathNormalization;
import dev.periscope.model.pii.PiiCategory;

class PathTemplaterTest {
    static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0"
            + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

    private final PathTemplater templater = new PathTemplater(PathNormalization.defaults(), null, null);

    private String normalize(String path) {
        return templater.normalize("p", "edge", "GET", path).path();
    }

    /** Every built-in rule, in the order the README lists them, and the false positives the reference names. */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /users/42                                               | /users/{id}
            /orders/1-101672939043002                               | /orders/{id}
            /reports/2024-11-05                                     | /reports/{id}
            /reports/2024-11-05T10:15:30Z                           | /reports/{id}
            /reports/2024-11-05T10%3A15%3A30.123%2B03%3A00          | /reports/{id}
            /items/12_34                                            | /items/{id}
            /users/550e8400-e29b-41d4-a716-446655440000             | /users/{uuid}
            /users/550E8400-E29B-41D4-A716-446655440000/orders      | /users/{uuid}/orders
            /files/invoice-550e8400-e29b-41d4-a716-446655440000.pdf | /files/invoice-{uuid}.pdf
            /files/550e8400-e29b-41d4-a716-446655440000.json        | /files/{uuid}.json
            /docs/507f1f77bcf86cd799439011                          | /docs/{objectid}
            /events/01ARZ3NDEKTSV4RRFFQ69G5FAV                      | /events/{ulid}
            /events/01arz3ndektsv4rrffq69g5fav                      | /events/{ulid}
            /blobs/9f86d081884c7d659a2feaa0c55ad015                 | /blobs/{id}
            /blobs/9f86d081884c7d659a2feaa0c55ad015a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5 | /blobs/{id}
            /session/Xk9mP2qR7vT4wZ8nB3cF                           | /session/{dynamic}
            /session/aB3dE5fG7hJ9kL2mN4pQ6rS8                       | /session/{dynamic}
            /hooks/AKIAIOSFODNN7EXAMPLE                             | /hooks/{secret}
            /hooks/ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789         | /hooks/{secret}
            /hooks/github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz | /hooks/{secret}
            /hooks/sk_live_4eC39HqLyjWDarjtT1zdp7dc                 | /hooks/{secret}
            /hooks/rk_live_4eC39HqLyjWDarjtT1zdp7dc                 | /hooks/{secret}
            /hooks/xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOp | /hooks/{secret}
            /hooks/glpat-ABCDEFGHIJ1234567890                       | /hooks/{secret}
            /hooks/shpat_0123456789abcdef0123456789abcdef           | /hooks/{secret}
            /maps/AIzaSyA-1234567890abcdefghijklmnopqrstu           | /maps/{secret}
            /static/..                                              | /static/{traversal}
            /static/../etc/passwd                                   | /static/{traversal}/etc/passwd
            /static/%2e%2e/etc/passwd                               | /static/{traversal}/etc/passwd
            /static/%2E%2E%2Fetc%2Fpasswd                           | /static/{traversal}
            /static/%252e%252e/etc                                  | /static/{traversal}/etc
            /static/%25252e%25252e/etc                              | /static/{traversal}/etc
            /static/..%2f..%2fetc                                   | /static/{traversal}
            /static/..%5c..%5cwindows                               | /static/{traversal}
            /static/..;/admin                                       | /static/{traversal}/admin
            /static/%c0%ae%c0%ae                                    | /static/{traversal}
            /static/a%2fb                                           | /static/{traversal}
            /static/%2e                                             | /static/{traversal}
            /users/john.doe@example.com                             | /users/{pii}
            /users/john.doe%40example.com/orders                    | /users/{pii}/orders
            /contacts/+14155550100                                  | /contacts/{pii}
            /contacts/%2B90%20532%20123%2045%2067                   | /contacts/{pii}
            /phone/2125550100                                       | /phone/{pii}
            /ssn/123-45-6789                                        | /ssn/{pii}
            /records/123-45-6789                                    | /records/{pii}
            /cards/4111111111111111                                 | /cards/{pii}
            /pay/4111-1111-1111-1111                                | /pay/{pii}
            /accounts/DE89370400440532013000                        | /accounts/{pii}
            /orders/4111111111111111                                | /orders/{id}
            /orders/212%20555%200100                                | /orders/{id}
            /api/v1/users                                           | /api/v1/users
            /api/v2beta/users                                       | /api/v2beta/users
            /apis/apps/v1alpha1/deployments                         | /apis/apps/v1alpha1/deployments
            /api/V3/users                                           | /api/V3/users
            /assets/app.js                                          | /assets/app.js
            /img/logo.png                                           | /img/logo.png
            /img/logo@2x.png                                        | /img/logo@2x.png
            /img/icon@3x.webp                                       | /img/icon@3x.webp
            /oauth2/authorize                                       | /oauth2/authorize
            /hash/sha256                                            | /hash/sha256
            /charset/utf-8                                          | /charset/utf-8
            /aws/route53/zones                                      | /aws/route53/zones
            /users/getUserAccountInformation2                       | /users/getUserAccountInformation2
            /posts/my-long-slug-2024-edition                        | /posts/my-long-slug-2024-edition
            /abcdefabcdefabcdef                                     | /abcdefabcdefabcdef
            /users/me                                               | /users/me
            /                                                       | /
            //double//slash                                         | //double//slash
            /users/42?email=john@example.com                        | /users/{id}
            /users/42#frag                                          | /users/{id}
            ?only=query                                             | /
            /{id}/{uuid}/{pii}                                      | /{id}/{uuid}/{pii}
            """)
    void builtInRules(String path, String expected) {
        assertThat(normalize(path)).isEqualTo(expected);
    }

    @Test
    void emptyPathStaysEmpty() {
        assertThat(normalize("")).isEmpty();
        assertThat(normalize(null)).isEmpty();
    }

    @Test
    void jwtIsMaskedAndReportedExceptOnEmailedLinks() {
        NormalizedPath api = templater.normalize("p", "edge", "GET", "/api/files/" + JWT);
        assertThat(api.path()).isEqualTo("/api/files/{token}");
        assertThat(api.jwtInPath()).isTrue();

        for (String link : List.of("/auth/reset-password/", "/verify-email/", "/account/confirm/", "/invite/",
                "/magic/login/", "/newsletter/unsubscribe/")) {
            NormalizedPath emailed = templater.normalize("p", "edge", "GET", link + JWT);
            assertThat(emailed.path()).as(link).isEqualTo(link + "{token}");
            assertThat(emailed.jwtInPath()).as(link).isFalse();
        }
    }

    @Test
    void secretsAreReportedAndValuesDropped() {
        NormalizedPath result = templater.normalize("p", "edge", "GET", "/hooks/sk_live_4eC39HqLyjWDarjtT1zdp7dc/x");
        assertThat(result.path()).isEqualTo("/hooks/{secret}/x").doesNotContain("4eC39");
        assertThat(result.secretInPath()).isTrue();
    }

    @Test
    void piiCategoriesFollowTheGates() {
        assertThat(templater.normalize("p", "e", "GET", "/users/john@example.com").piiCategories())
                .containsExactly(PiiCategory.EMAIL);
        assertThat(templater.normalize("p", "e", "GET", "/sa/bot@proj.iam.gserviceaccount.com").piiCategories())
                .isEmpty();
        assertThat(templater.normalize("p", "e", "GET", "/records/123-45-6789").piiCategories()).isEmpty();
        assertThat(templater.normalize("p", "e", "GET", "/tax_id/123-45-6789").piiCategories())
                .containsExactly(PiiCategory.SSN);
        assertThat(templater.normalize("p", "e", "GET", "/cards/4111111111111111/phone/+14155550100")
                .piiCategories()).containsExactlyInAnyOrder(PiiCategory.CREDIT_CARD, PiiCategory.PHONE);
        assertThat(templater.normalize("p", "e", "GET", "/iban/GB82WEST12345698765432").piiCategories())
                .containsExactly(PiiCategory.IBAN);
    }

    @Test
    void operatorRulesApplyAfterBuiltInsToWholeSegments() {
        PathNormalization config = new PathNormalization(List.of(
                new PathNormalization.Rule(Pattern.compile("ord_[a-z]{6}"), "id"),
                new PathNormalization.Rule(Pattern.compile("sess-[a-z]{4}"), "dynamic"),
                new PathNormalization.Rule(Pattern.compile("[0-9]+"), "token")), 5, 64, Set.of());
        PathTemplater withRules = new PathTemplater(config, null, null);
        assertThat(withRules.normalize("p", "e", "GET", "/orders/ord_abcdef").path()).isEqualTo("/orders/{id}");
        assertThat(withRules.normalize("p", "e", "GET", "/s/sess-abcd").path()).isEqualTo("/s/{dynamic}");
        assertThat(withRules.normalize("p", "e", "GET", "/orders/xord_abcdef").path())
                .isEqualTo("/orders/xord_abcdef");
        // the built-in numeric rule wins over the operator's
        assertThat(withRules.normalize("p", "e", "GET", "/orders/42").path()).isEqualTo("/orders/{id}");
        // a version is never handed to the rules
        assertThat(new PathTemplater(new PathNormalization(List.of(new PathNormalization.Rule(
                Pattern.compile("v[0-9]"), "id")), 5, 64, Set.of()), null, null)
                .normalize("p", "e", "GET", "/api/v1").path()).isEqualTo("/api/v1");
    }

    @Test
    void learningNeedsSharedStateAndStaysOffWithout() {
        LearnedPathShapes learned = new LearnedPathShapes(
                new InMemoryPathShapeStore(new MutableClock(Instant.EPOCH)), new MutableClock(Instant.EPOCH), 100);
        PathTemplater learning = new PathTemplater(PathNormalization.defaults(), learned, null);
        for (String id : List.of("ab12", "cd34", "ef56", "gh78")) {
            assertThat(learning.normalize("p", "e", "GET", "/accounts/" + id).path()).isEqualTo("/accounts/" + id);
            assertThat(normalize("/accounts/" + id)).isEqualTo("/accounts/" + id);
        }
        assertThat(learning.normalize("p", "e", "GET", "/accounts/ij90").path()).isEqualTo("/accounts/{id}");
        assertThat(learning.normalize("p", "e", "GET", "/accounts/ab12").path()).isEqualTo("/accounts/{id}");
        assertThat(normalize("/accounts/ab12")).isEqualTo("/accounts/ab12");
    }
}
