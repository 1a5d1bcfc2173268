package dev.periscope.gateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JwtTest {

    @Test
    void subjectOfAWellFormedToken() {
        String token = Tokens.jwt("{\"iss\":\"https://id.example\",\"nested\":{\"sub\":\"not-me\"},"
                + "\"aud\":[\"a\",{\"sub\":\"nor-me\"}],\"sub\":\"alice@example.com\",\"exp\":1750000000}");

        assertThat(Jwt.looksLikeJwt(token)).isTrue();
        assertThat(Jwt.subject(token)).contains("alice@example.com");
    }

    @Test
    void paddedAndStandardAlphabetPayloadsAreAccepted() {
        String payload = java.util.Base64.getEncoder().encodeToString("{\"sub\":\"b?>\"}".getBytes());
        String token = Tokens.part("{\"alg\":\"none\"}") + "." + payload + ".sig";

        assertThat(Jwt.subject(token)).contains("b?>");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", ""),
                Arguments.of("not a jwt", "opaque-api-key-123"),
                Arguments.of("two parts", Tokens.part("{\"alg\":\"none\"}") + "." + Tokens.part("{\"sub\":\"x\"}")),
                Arguments.of("five parts (JWE)", "eyJhbGciOiJSU0EifQ.a.b.c.d"),
                Arguments.of("payload not base64", "eyJhbGciOiJub25lIn0.!!!.sig"),
                Arguments.of("payload base64 of garbage", "eyJhbGciOiJub25lIn0." + Tokens.part("\u0000\u00ff{") + ".s"),
                Arguments.of("payload JSON array", "eyJhbGciOiJub25lIn0." + Tokens.part("[\"sub\"]") + ".s"),
                Arguments.of("payload truncated JSON", "eyJhbGciOiJub25lIn0." + Tokens.part("{\"sub\":\"al") + ".s"),
                Arguments.of("sub is a number", Tokens.jwt("{\"sub\":12345}")),
                Arguments.of("sub is an object", Tokens.jwt("{\"sub\":{\"id\":1}}")),
                Arguments.of("sub is blank", Tokens.jwt("{\"sub\":\"   \"}")),
                Arguments.of("no sub", Tokens.jwt("{\"iss\":\"x\"}")),
                Arguments.of("deeply nested", Tokens.jwt("{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000)
                        + ",\"sub\":\"x\"}")),
                Arguments.of("oversized", Tokens.jwt("{\"pad\":\"" + "x".repeat(20_000) + "\",\"sub\":\"x\"}")),
                Arguments.of("space inside", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0 .sig"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedTokensGiveNoSubjectAndNeverThrow(String description, String token) {
        assertThat(Jwt.subject(token)).isEmpty();
    }
}
