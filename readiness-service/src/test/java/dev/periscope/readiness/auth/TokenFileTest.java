package dev.periscope.readiness.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TokenFileTest {
    private static final String STRONG = "x7Qm2vLk9PzR4tWn8bYc3dFg6hJs1aEu";
    private static final String STRONG_HASH = HexFormat.of().formatHex(TokenDigest.sha256(STRONG));

    @Test
    void readsHashedAndPlainEntriesWithTheirScopesSkippingCommentsAndBlankLines() {
        List<ApiToken> tokens = TokenFile.parse(List.of(
                "# operators",
                "",
                "ops   readiness:read,drills:run   sha256:" + STRONG_HASH.toUpperCase(),
                "  root admin plain:" + STRONG + "-admin  "), "tokens");

        assertThat(tokens).extracting(ApiToken::id).containsExactly("ops", "root");
        assertThat(tokens.get(0).scopes()).isEqualTo(Set.of(AuthScope.READ, AuthScope.DRILLS));
        assertThat(tokens.get(0).sha256()).isEqualTo(TokenDigest.sha256(STRONG));
        assertThat(tokens.get(0).length()).isEqualTo(-1);
        assertThat(tokens.get(1).scopes()).isEqualTo(Set.of(AuthScope.ADMIN));
        assertThat(tokens.get(1).sha256()).isEqualTo(TokenDigest.sha256(STRONG + "-admin"));
        assertThat(tokens.get(1).length()).isEqualTo(STRONG.length() + 6);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "ops readiness:read                            | tokens:2: expected '<id> <scopes> sha256:<hex>",
            "ops readiness:read sha256:abc extra           | found 4 field(s)",
            "-ops readiness:read plain:x7Qm2vLk9PzR4tWn8bYc3dFg6hJs1aEu | tokens:2: token id '-ops' is not",
            "ops read plain:x7Qm2vLk9PzR4tWn8bYc3dFg6hJs1aEu | tokens:2: unknown scope 'read'",
            "ops readiness:read,,admin plain:x7Qm2vLk9PzR4tWn8bYc3dFg6hJs1aEu | unknown scope ''",
            "ops readiness:read sha256:abcd                | tokens:2: token 'ops': sha256: needs 64 hex digits",
            "ops readiness:read md5:abcd                   | token 'ops': the secret must start with sha256: or plain:",
            "ops readiness:read x7Qm2vLk9PzR4tWn8bYc3dFg6hJs1aEu | the secret must start with sha256: or plain:",
            "ops admin plain:short-token                   | tokens:2: token 'ops' is weak: shorter than 32 characters (11)",
            "ops admin plain:changeme                      | token 'ops' is weak: a known default token",
            "ops admin plain:CHANGEME                      | token 'ops' is weak: a known default token",
            "ops admin plain:changeme-changeme-changeme-changeme | token 'ops' is weak: a known default token",
            // the hash of no known default: accepted
            "ops admin sha256:bb2f0a2a1d3b0e9b6b5e2da2a4b3e0f3a7f7a6f1c3c0e0b0f1a2b3c4d5e6f7a8 | __valid__",
    })
    void refusesTheWholeFileForABadLine(String line, String message) {
        List<String> lines = List.of("# header", line.strip());
        if (message.equals("__valid__")) {
            // a hash that is no known default is accepted (its length cannot be checked)
            assertThat(TokenFile.parse(lines, "tokens")).hasSize(1);
            return;
        }
        assertThatThrownBy(() -> TokenFile.parse(lines, "tokens"))
                .isInstanceOf(TokenFileException.class).hasMessageContaining(message);
    }

    @Test
    void refusesTheHashOfAKnownDefault() {
        String devToken = HexFormat.of().formatHex(TokenDigest.sha256("dev-token"));
        assertThatThrownBy(() -> TokenFile.parse(List.of("ops admin sha256:" + devToken), "f"))
                .hasMessage("f:1: token 'ops' is weak: a known default token");
    }

    @Test
    void refusesDuplicateIdsSharedTokensAndAnEmptyFile() {
        assertThatThrownBy(() -> TokenFile.parse(List.of("a admin plain:" + STRONG,
                "a readiness:read plain:" + STRONG + "2"), "f"))
                .hasMessage("f:2: duplicate token id 'a'");
        assertThatThrownBy(() -> TokenFile.parse(List.of("a admin plain:" + STRONG,
                "b readiness:read sha256:" + STRONG_HASH), "f"))
                .hasMessageContaining("f:2: token 'b' is the same token as an earlier entry");
        assertThatThrownBy(() -> TokenFile.parse(List.of("# nothing", ""), "f")).hasMessage("f: holds no token");
    }

    @Test
    void aMissingFileIsAClearError() {
        assertThatThrownBy(() -> TokenFile.load(Path.of("target/no-such-token-file")))
                .isInstanceOf(TokenFileException.class)
                .hasMessageContaining("target/no-such-token-file does not exist");
    }

    @Test
    void theTestTokenFileHoldsTheTokensOfTestTokens() {
        TokenRegistry registry = new TokenRegistry(TokenFile.load(Path.of("src/test/resources/auth/test-tokens.txt")));
        assertThat(registry.authenticate(TestTokens.READ)).get().extracting(ApiToken::id)
                .isEqualTo(TestTokens.READ_ID);
        assertThat(registry.authenticate(TestTokens.DRILLS)).get().extracting(ApiToken::id)
                .isEqualTo(TestTokens.DRILLS_ID);
        assertThat(registry.authenticate(TestTokens.ADMIN)).get().extracting(ApiToken::id)
                .isEqualTo(TestTokens.ADMIN_ID);
        assertThat(registry.authenticate(TestTokens.DRILLS_ONLY)).get().extracting(ApiToken::id)
                .isEqualTo(TestTokens.DRILLS_ONLY_ID);
    }
}
