package dev.periscope.enricher.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathNormalizerTest {
    private final PathNormalizer normalizer = new PathNormalizer();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "/users/42                                       | /users/{id}",
        "/users/42/orders/7                              | /users/{id}/orders/{id}",
        "/users/42/                                      | /users/{id}/",
        "/v1/health                                      | /v1/health",
        "/api/v2/items                                   | /api/v2/items",
        "/files/3fa85f64-5717-4562-b3fc-2c963f66afa6     | /files/{uuid}",
        "/orders/665f1c2ab9e04d7a1c3e9f10                | /orders/{hex}",
        "/blobs/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b | /blobs/{hex}",
        "/acme.v1.Orders/Get                             | /acme.v1.Orders/Get",
        "/search?q=1                                     | /search",
        "/                                               | /",
        "/a//b                                           | /a//b",
        "/deadbeefdeadbeefcafe                           | /deadbeefdeadbeefcafe",
        "/abc123                                         | /abc123",
        "\"\"                                            | \"\"",
    })
    void templatesVariableSegments(String path, String expected) {
        assertThat(normalizer.normalize(path)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"/users/1,/users/999999"})
    void differentIdsShareOneTemplate(String a, String b) {
        assertThat(normalizer.normalize(a)).isEqualTo(normalizer.normalize(b));
    }
}
