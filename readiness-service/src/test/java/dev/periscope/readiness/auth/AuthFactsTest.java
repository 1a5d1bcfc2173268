package dev.periscope.readiness.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.periscope.model.v1.FactValue;

/** The facts behind the checklist items security.admin-token and security.cors. */
class AuthFactsTest {
    private static final ApiToken ADMIN = new ApiToken("root", TokenDigest.sha256("r".repeat(40)),
            Set.of(AuthScope.ADMIN), 40);
    private static final ApiToken READER = new ApiToken("reader", TokenDigest.sha256("q".repeat(40)),
            Set.of(AuthScope.READ), 40);
    private static final CorsSettings LOCAL = new CorsSettings(Optional.of(List.of("http://localhost:18400")));

    @Test
    void anEnabledAuthWithAnAdminTokenIsStrong() {
        Map<String, FactValue> facts = facts(true, List.of(ADMIN, READER), LOCAL);
        assertThat(facts.get("security.admin_token.strong").getBoolValue()).isTrue();
        assertThat(facts.get("security.admin_token.count").getIntValue()).isEqualTo(1);
        assertThat(facts.get("security.auth.tokens").getIntValue()).isEqualTo(2);
        assertThat(facts.get("security.auth.enabled").getBoolValue()).isTrue();
        assertThat(facts.get("http.cors.wildcard").getBoolValue()).isFalse();
        assertThat(facts.get("http.cors.origins").getStringValue()).isEqualTo("http://localhost:18400");
    }

    @Test
    void disabledAuthOrNoAdminTokenIsNotStrong() {
        assertThat(facts(false, List.of(), LOCAL).get("security.admin_token.strong").getBoolValue()).isFalse();
        assertThat(facts(false, List.of(), LOCAL).get("security.auth.enabled").getBoolValue()).isFalse();
        assertThat(facts(true, List.of(READER), LOCAL).get("security.admin_token.strong").getBoolValue()).isFalse();
    }

    @Test
    void aWildcardAllowListIsReported() {
        CorsSettings wildcard = new CorsSettings(Optional.of(List.of("*")));
        assertThat(facts(true, List.of(ADMIN), wildcard).get("http.cors.wildcard").getBoolValue()).isTrue();
    }

    private static Map<String, FactValue> facts(boolean enabled, List<ApiToken> tokens, CorsSettings cors) {
        Map<String, FactValue> facts = new HashMap<>();
        new AuthFacts(AuthBeansTest.config(enabled, Optional.empty()), new TokenRegistry(tokens), cors)
                .contribute(facts);
        return facts;
    }
}
