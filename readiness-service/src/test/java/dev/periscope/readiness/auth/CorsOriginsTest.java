package dev.periscope.readiness.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CorsOriginsTest {

    @ParameterizedTest(name = "{0} -> wildcard {1}")
    @CsvSource(delimiter = ';', value = {
            "http://127.0.0.1:18400,http://localhost:18400; false",
            "https://dash.example.com; false",
            "/https://.*\\.example\\.com/; false",
            "*; true",
            "https://dash.example.com, *; true",
            "/.*/; true",
            "/https?://.*/; true",
            "/.+/; true",
            "/[/; false",
            "; false",
    })
    void anAllowListThatLetsEveryOriginInIsAWildcard(String origins, boolean wildcard) {
        var list = origins == null ? java.util.List.<String>of() : Arrays.asList(origins.split(","));
        assertThat(CorsOrigins.isWildcard(list)).isEqualTo(wildcard);
    }
}
