package dev.periscope.gateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "https://id.example/sso?state=abc&code=SECRET#frag|https://id.example/sso",
            "https://user:SECRET@id.example/p?x=1|https://id.example/p",
            "https://user:SECRET@id.example|https://id.example",
            "//user:SECRET@cdn.example/a#b|//cdn.example/a",
            "/relative/path?token=SECRET|/relative/path",
            "/relative#only-fragment|/relative",
            "https://id.example/a@b/c?d|https://id.example/a@b/c",
            "NULL|''",
    })
    void redactUrlDropsQueryFragmentAndUserInfo(String url, String expected) {
        assertThat(Urls.redactUrl(url, 8192)).isEqualTo(expected == null ? "" : expected);
    }

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = '|', value = {
            "/a?b=1#c|b=1",
            "/a#c?b=1|''",
            "/a|''",
            "/a?|''",
    })
    void queryIsBetweenQuestionMarkAndFragment(String path, String query) {
        assertThat(Urls.query(path)).isEqualTo(query);
    }
}
