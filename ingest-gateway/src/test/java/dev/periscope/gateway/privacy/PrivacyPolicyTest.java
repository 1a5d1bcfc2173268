package dev.periscope.gateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PrivacyPolicyTest {

    @Test
    void defaultsMatchTheReference() {
        PrivacyPolicy policy = PrivacyPolicy.defaults();

        assertThat(policy.storeHeaders()).isFalse();
        assertThat(policy.headerAllowlist()).containsExactly("content-type", "user-agent", "x-request-id");
        assertThat(policy.queryParamsCap()).isEqualTo(50);
        assertThat(policy.maxPathBytes()).isEqualTo(8192);
        assertThat(policy.credentialParamNames()).contains("access_token", "api_key", "password", "jsessionid");
    }

    @Test
    void namesAreNormalizedAndNumbersClamped() {
        PrivacyPolicy policy = new PrivacyPolicy(true, Arrays.asList(" Content-Type ", "content-type", "", null,
                "X-Custom"), 10_000, Arrays.asList("Token", " ", null), 1);

        assertThat(policy.headerAllowlist()).containsExactly("content-type", "x-custom");
        assertThat(policy.credentialParamNames()).containsExactly("token");
        assertThat(policy.queryParamsCap()).isEqualTo(PrivacyPolicy.MAX_QUERY_PARAMS_CAP);
        assertThat(policy.maxPathBytes()).isEqualTo(PrivacyPolicy.MIN_MAX_PATH_BYTES);
        assertThat(new PrivacyPolicy(false, null, -5, null, Integer.MAX_VALUE))
                .satisfies(p -> {
                    assertThat(p.headerAllowlist()).isEmpty();
                    assertThat(p.credentialParamNames()).isEmpty();
                    assertThat(p.queryParamsCap()).isZero();
                    assertThat(p.maxPathBytes()).isEqualTo(PrivacyPolicy.MAX_MAX_PATH_BYTES);
                });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "access_token, true",
            "ACCESS_TOKEN, true",
            "token[], true",
            "password[0], true",
            "github_token, true",
            "my_api_key, true",
            "X-Amz-Signature, true",
            "tokenizer, false",
            "mytoken, false",
            "_token, false",
            "page, false",
            "q, false",
            "sort_key, false",
            "idempotency_key, false",
    })
    void credentialParamNames(String name, boolean credential) {
        assertThat(PrivacyPolicy.defaults().isCredentialParamName(name)).isEqualTo(credential);
    }

    @Test
    void emptyCredentialListDisablesTheFlag() {
        assertThat(PrivacyPolicy.defaults().withCredentialParamNames(List.of()).isCredentialParamName("token"))
                .isFalse();
    }

    @Test
    void sensitiveHeadersAreNeverForwardedEvenWhenAllowListed() {
        PrivacyPolicy policy = PrivacyPolicy.defaults().withStoreHeaders(true)
                .withHeaderAllowlist(List.of("Authorization", "cookie", "x-request-id", "traceparent"));

        assertThat(SensitiveHeaders.NEVER_FORWARDED).hasSize(14);
        assertThat(policy.forwards("authorization")).isFalse();
        assertThat(policy.forwards("cookie")).isFalse();
        assertThat(policy.forwards("traceparent")).isFalse();
        assertThat(policy.forwards("x-request-id")).isTrue();
        assertThat(policy.forwards("content-type")).isFalse();
        assertThat(policy.withStoreHeaders(false).forwards("x-request-id")).isFalse();
    }
}
