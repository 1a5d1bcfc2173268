package dev.periscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SaltedHasherTest {
    private static final String SALT = "k3J9-pQ2x!Lm7vRt8wZ";

    @Test
    void hashIsSha256OfSaltThenValueTruncatedTo16Hex() throws Exception {
        byte[] expected = MessageDigest.getInstance("SHA-256")
                .digest((SALT + "203.0.113.7").getBytes(StandardCharsets.UTF_8));

        String hash = HashSalt.parse(SALT).hasher().hash("203.0.113.7");

        assertThat(hash).hasSize(16).isEqualTo(HexFormat.of().formatHex(expected).substring(0, 16));
    }

    @Test
    void differentSaltsGiveDifferentHashes() {
        assertThat(HashSalt.parse(SALT).hasher().hash("x"))
                .isNotEqualTo(HashSalt.parse(SALT + "Q").hasher().hash("x"));
    }

    @Test
    void emptyValueStaysEmpty() {
        assertThat(HashSalt.parse(SALT).hasher().hash("")).isEmpty();
        assertThat(HashSalt.parse(SALT).hasher().hash(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "short", "changeme", "changeme-000000000000", "aaaaaaaaaaaaaaaaaaaa",
            "abababababababababab", " k3J9-pQ2x!Lm7vRt8wZ"})
    void weakOrMissingSaltIsRejectedWithOneLine(String weak) {
        assertThatThrownBy(() -> HashSalt.parse(weak))
                .isInstanceOf(HashSalt.WeakHashSaltException.class)
                .hasMessageStartingWith("HASH_SALT")
                .extracting(Throwable::getMessage).asString().doesNotContain("\n");
    }

    @Test
    void nullSaltIsRejected() {
        assertThatThrownBy(() -> HashSalt.parse(null)).hasMessageContaining("missing");
    }

    @Test
    void saltNeverAppearsInToString() {
        assertThat(HashSalt.parse(SALT).toString()).doesNotContain(SALT);
    }
}
