package dev.periscope.readiness.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TokenRegistryTest {
    private static final String OPS = "ops-Jf8sK2mQ9xLp4RtV7wYz1bNc3dGh5eAa";
    private static final String ROOT = "root-Zq1Wx2Ec3Rv4Tb5Yn6Um7Ik8Ol9Pa0Sd";
    private final TokenRegistry registry = new TokenRegistry(List.of(
            new ApiToken("ops", TokenDigest.sha256(OPS), Set.of(AuthScope.READ, AuthScope.DRILLS), OPS.length()),
            new ApiToken("root", TokenDigest.sha256(ROOT), Set.of(AuthScope.ADMIN), ROOT.length())));

    @Test
    void findsTheTokenByItsHash() {
        assertThat(registry.authenticate(OPS)).get().extracting(ApiToken::id).isEqualTo("ops");
        assertThat(registry.authenticate(ROOT)).get().extracting(ApiToken::id).isEqualTo("root");
        assertThat(registry.byId("root")).isPresent();
        assertThat(registry.byId("nobody")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ops", "ops-Jf8sK2mQ9xLp4RtV7wYz1bNc3dGh5eA", "ops-Jf8sK2mQ9xLp4RtV7wYz1bNc3dGh5eAa ",
            "OPS-JF8SK2MQ9XLP4RTV7WYZ1BNC3DGH5EAA", "ops-Jf8sK2mQ9xLp4RtV7wYz1bNc3dGh5eAaa", "sha256:whatever"})
    void nearMissesAreRefused(String presented) {
        assertThat(registry.authenticate(presented)).isEmpty();
    }

    @Test
    void adminIncludesEveryScope() {
        ApiToken root = registry.byId("root").orElseThrow();
        ApiToken ops = registry.byId("ops").orElseThrow();
        assertThat(root.allows(AuthScope.READ)).isTrue();
        assertThat(root.allows(AuthScope.DRILLS)).isTrue();
        assertThat(ops.allows(AuthScope.DRILLS)).isTrue();
        assertThat(ops.allows(AuthScope.ADMIN)).isFalse();
    }

    @Test
    void weakPlainTokensAreNamed() {
        assertThat(TokenStrength.weakness("a".repeat(31))).contains("shorter than 32 characters (31)");
        assertThat(TokenStrength.weakness("dev-token")).contains("a known default token");
        assertThat(TokenStrength.weakness(OPS)).isEmpty();
    }
}
