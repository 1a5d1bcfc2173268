package dev.periscope.gateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JwtSubjectsTest {
    private final JwtSubjects subjects = new JwtSubjects();

    static Stream<Arguments> tokens() {
        return Stream.concat(JwtTest.malformed(), Stream.of(
                Arguments.of("well formed", Tokens.jwt("{\"sub\":\"alice@example.com\",\"exp\":1750000000}")),
                Arguments.of("nested sub ignored", Tokens.jwt("{\"nested\":{\"sub\":\"no\"},\"sub\":\"bob\"}")),
                Arguments.of("payload over the cached length", Tokens.jwt("{\"pad\":\""
                        + "x".repeat(JwtSubjects.MAX_CACHED_PAYLOAD_CHARS) + "\",\"sub\":\"carol\"}"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokens")
    void answersExactlyAsJwtSubjectTheFirstTimeAndWhenCached(String description, String token) {
        assertThat(subjects.subject(token)).isEqualTo(Jwt.subject(token));
        assertThat(subjects.subject(token)).isEqualTo(Jwt.subject(token));
    }

    @Test
    void theSamePayloadWithAnotherSignatureGivesTheSameSubject() {
        String payload = Tokens.part("{\"sub\":\"dave\"}");
        String header = Tokens.part("{\"alg\":\"HS256\"}");

        assertThat(subjects.subject(header + "." + payload + ".c2lnLWE")).contains("dave");
        assertThat(subjects.subject(header + "." + payload + ".c2lnLWI")).contains("dave");
    }

    @Test
    void aCachedPayloadDoesNotMakeAMalformedTokenValid() {
        String payload = Tokens.part("{\"sub\":\"erin\"}");
        assertThat(subjects.subject("eyJhbGciOiJub25lIn0." + payload + ".sig")).contains("erin");

        assertThat(subjects.subject("eyJhbGciOiJub25lIn0." + payload + ".s ig")).isEmpty();
        assertThat(subjects.subject("eyJhbGciOiJub25lIn0." + payload + ".sig.extra")).isEmpty();
        assertThat(subjects.subject("xx" + "eyJhbGciOiJub25lIn0." + payload + ".sig")).isEmpty();
    }

    @Test
    void moreDistinctPayloadsThanSlotsEachKeepTheirOwnSubject() {
        int count = JwtSubjects.SLOTS * 3;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < count; i++) {
                assertThat(subjects.subject(Tokens.jwt("{\"sub\":\"user-" + i + "\"}"))).contains("user-" + i);
            }
        }
    }
}
