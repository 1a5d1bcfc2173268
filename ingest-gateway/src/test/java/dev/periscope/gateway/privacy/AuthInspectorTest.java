package dev.periscope.gateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuthInspectorTest {
    private static final String ALICE_JWT = Tokens.jwt("{\"sub\":\"alice\"}");
    private static final String BOB_JWT = Tokens.jwt("{\"sub\":\"bob\"}");
    private static final String MALFORMED_JWT = "eyJhbGciOiJub25lIn0.bm90LWpzb24.sig";

    private final AuthInspector inspector = new AuthInspector();

    static Stream<Arguments> hints() {
        return Stream.of(
                Arguments.of(Map.of(), "", List.of()),
                Arguments.of(Map.of("authorization", "Bearer " + ALICE_JWT), "", List.of("bearer")),
                Arguments.of(Map.of("authorization", ALICE_JWT), "", List.of("bearer")),
                Arguments.of(Map.of("authorization", "token ghp_abc"), "", List.of("bearer")),
                Arguments.of(Map.of("authorization", Tokens.basic("u:p")), "", List.of("basic")),
                Arguments.of(Map.of("authorization", "Digest username=\"u\""), "", List.of("digest")),
                Arguments.of(Map.of("authorization", "Negotiate YIIG"), "", List.of("negotiate")),
                Arguments.of(Map.of("authorization", "AWS4-HMAC-SHA256 Credential=x"), "", List.of("other")),
                Arguments.of(Map.of("authorization", "   "), "", List.of()),
                Arguments.of(Map.of("proxy-authorization", Tokens.basic("p:q")), "", List.of("basic")),
                Arguments.of(Map.of("x-api-key", "k"), "", List.of("apikey")),
                Arguments.of(Map.of("x-auth-token", "opaque"), "", List.of("apikey")),
                Arguments.of(Map.of("x-auth-token", ALICE_JWT), "", List.of("bearer")),
                Arguments.of(Map.of("cookie", "theme=dark; SESSIONID=abc"), "", List.of("cookie")),
                Arguments.of(Map.of("cookie", "theme=dark; csrftoken=abc"), "", List.of()),
                Arguments.of(Map.of(), "CN=svc-a,O=Acme", List.of("mtls")),
                Arguments.of(Map.of("authorization", "Bearer " + ALICE_JWT, "x-api-key", "k"), "CN=svc",
                        List.of("bearer", "apikey", "mtls")));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("hints")
    void presenceBecomesHints(Map<String, String> headers, String peerSubject, List<String> hints) {
        AuthInspector.Auth auth = inspector.inspect(name -> headers.getOrDefault(name, ""), peerSubject, List.of());

        assertThat(auth.hints()).containsExactlyElementsOf(hints);
        assertThat(auth.observed()).isEqualTo(!hints.isEmpty());
    }

    static Stream<Arguments> consumers() {
        return Stream.of(
                Arguments.of("jwt sub", Map.of("authorization", "Bearer " + ALICE_JWT), "", List.of(),
                        "jwt", "alice"),
                Arguments.of("jwt wins over mtls, apikey", Map.of("authorization", "Bearer " + ALICE_JWT,
                        "x-api-key", "KEY-1"), "CN=svc", List.of(), "jwt", "alice"),
                Arguments.of("forwarded authorization", Map.of("x-forwarded-authorization", "Bearer " + BOB_JWT),
                        "", List.of(), "jwt", "bob"),
                Arguments.of("proxy-authorization is not the consumer", Map.of("proxy-authorization",
                        "Bearer " + BOB_JWT), "", List.of(), null, null),
                Arguments.of("jwt in x-auth-token", Map.of("x-auth-token", BOB_JWT), "", List.of(), "jwt", "bob"),
                Arguments.of("malformed jwt falls through to mtls", Map.of("authorization", "Bearer "
                        + MALFORMED_JWT), "CN=svc-a", List.of(), "mtls", "CN=svc-a"),
                Arguments.of("mtls SAN when the subject is empty", Map.of(), "",
                        List.of("spiffe://acme/ns/a/sa/b"), "mtls", "spiffe://acme/ns/a/sa/b"),
                Arguments.of("malformed jwt falls through to api key", Map.of("authorization", "Bearer "
                        + MALFORMED_JWT, "x-api-key", " KEY-1 "), "", List.of(), "apikey", "KEY-1"),
                Arguments.of("ApiKey scheme", Map.of("authorization", "ApiKey KEY-2"), "", List.of(),
                        "apikey", "KEY-2"),
                Arguments.of("basic user", Map.of("authorization", Tokens.basic("carol:pw:with:colons")), "",
                        List.of(), "basic", "carol"),
                Arguments.of("basic without colon", Map.of("authorization", Tokens.basic("carol")), "", List.of(),
                        null, null),
                Arguments.of("basic not base64", Map.of("authorization", "Basic !!!***"), "", List.of(), null,
                        null),
                Arguments.of("opaque bearer", Map.of("authorization", "Bearer opaque-token"), "", List.of(), null,
                        null),
                Arguments.of("cookie only", Map.of("cookie", "session=abc"), "", List.of(), null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consumers")
    void consumerIdentityOrder(String description, Map<String, String> headers, String peerSubject,
            List<String> sans, String scheme, String value) {
        AuthInspector.Auth auth = inspector.inspect(name -> headers.getOrDefault(name, ""), peerSubject, sans);

        if (scheme == null) {
            assertThat(auth.consumer()).isEmpty();
        } else {
            assertThat(auth.consumer()).hasValueSatisfying(consumer -> {
                assertThat(consumer.scheme()).isEqualTo(scheme);
                assertThat(consumer.value()).isEqualTo(value);
                assertThat(consumer.toString()).doesNotContain(value);
            });
        }
    }

    @Test
    void deploymentSpecificAuthHeadersCountAsPresence() {
        AuthInspector custom = new AuthInspector(List.of("X-Tenant-Token", "authorization"));

        assertThat(custom.extraAuthHeaders()).containsExactly("x-tenant-token");
        assertThat(custom.inspect(name -> name.equals("x-tenant-token") ? "t" : "", "", List.of()).hints())
                .containsExactly("other");
    }

    @Test
    void hugeCookieHeaderIsScannedBoundedly() {
        String cookies = "a=1; ".repeat(200_000) + "session=x";

        assertThat(AuthInspector.hasSessionCookie(cookies)).isFalse();
        assertThat(AuthInspector.hasSessionCookie("session=x; " + cookies)).isTrue();
    }
}
