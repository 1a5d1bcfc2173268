package dev.periscope.gateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextTest {

    @Test
    void unchangedValueIsReturnedAsIs() {
        String value = "/api/v1/users";
        assertThat(Text.clean(value, 100, true)).isSameAs(value);
    }

    @Test
    void unpairedSurrogatesBecomeReplacementCharacters() {
        assertThat(Text.clean("a\uD800b\uDC00c", 100, false)).isEqualTo("a\uFFFDb\uFFFDc");
        assertThat(Text.clean("ok \uD83D\uDE00", 100, false)).isEqualTo("ok \uD83D\uDE00");
        assertThat(Text.clean("end\uD83D", 100, false)).isEqualTo("end\uFFFD");
    }

    @Test
    void controlCharactersAreStrippedOnlyWhenAsked() {
        assertThat(Text.clean("api.\u0000acme\r\n.example\u007F\u0085", 100, true)).isEqualTo("api.acme.example");
        assertThat(Text.clean("a\tb", 100, false)).isEqualTo("a\tb");
    }

    @ParameterizedTest(name = "{0} cut at {1} bytes")
    @CsvSource({
            "abcdef, 3, abc",
            "h\u00e9llo, 2, h",
            "h\u00e9llo, 3, h\u00e9",
            "\u20ac\u20ac, 5, \u20ac",
            "a\uD83D\uDE00b, 4, a",
            "a\uD83D\uDE00b, 5, a\uD83D\uDE00",
    })
    void truncatesAtACharacterBoundary(String value, int maxBytes, String expected) {
        Text.Cleaned cleaned = Text.clean(value, 0, value.length(), maxBytes, false);

        assertThat(cleaned.value()).isEqualTo(expected);
        assertThat(cleaned.truncated()).isTrue();
        assertThat(cleaned.value().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(maxBytes);
    }

    @Test
    void cleaningARangeOfAHugeValueLooksOnlyAtWhatItKeeps() {
        String huge = "/" + "x".repeat(5_000_000);
        long started = System.nanoTime();
        Text.Cleaned cleaned = Text.clean(huge, 0, huge.length(), 8192, false);

        assertThat(cleaned.value()).hasSize(8192);
        assertThat(cleaned.truncated()).isTrue();
        assertThat(System.nanoTime() - started).isLessThan(200_000_000L);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "100%|false|100%",
            "a%2|false|a%2",
            "%zz%41|false|%zzA",
            "caf%C3%A9|false|caf\u00e9",
            "a+b|false|a+b",
            "a+b|true|a b",
            "%FF%FE|false|\uFFFD\uFFFD",
            "%C3|false|\uFFFD",
    })
    void percentDecodingIsLenient(String value, boolean plusIsSpace, String expected) {
        assertThat(Text.percentDecode(value, plusIsSpace)).isEqualTo(expected);
    }
}
