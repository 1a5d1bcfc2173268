package dev.periscope.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RuntimeConfigDocumentTest {

    @Test
    void aConfigWrittenBackAsADocumentParsesToTheSameConfig() {
        RuntimeConfig original = RuntimeConfigParser.parse(Map.of("version", 5, "updated_at",
                "2026-03-04T05:06:07Z", "updated_by", "ops", "policy", Map.of("store_headers", true,
                        "exclude", Map.of("methods", List.of("options"), "source_cidrs", List.of("10.1.2.3/8"),
                                "hosts", List.of("^intranet\\.")), "trusted_tls_proxy_cidrs", List.of("fd00::/8")),
                "detection", Map.of("cookie_inspection", true))).config().orElseThrow();

        Map<String, Object> document = RuntimeConfigDocument.of(original);
        RuntimeConfig again = RuntimeConfigParser.parse(document).config().orElseThrow();

        assertThat(RuntimeConfigDocument.of(again)).isEqualTo(document);
        assertThat(document).containsEntry("updated_at", "2026-03-04T05:06:07Z");
        @SuppressWarnings("unchecked")
        Map<String, Object> exclude = (Map<String, Object>) ((Map<String, Object>) document.get("policy"))
                .get("exclude");
        assertThat(exclude).containsEntry("methods", List.of("OPTIONS"))
                .containsEntry("source_cidrs", List.of("10.0.0.0/8"));
    }

    @Test
    void defaultsRoundTripAsWell() {
        Map<String, Object> document = RuntimeConfigDocument.of(RuntimeConfig.defaults());
        assertThat(document).containsEntry("version", 0L).doesNotContainKey("updated_at");
        Map<String, Object> asVersionOne = new java.util.HashMap<>(document);
        asVersionOne.put("version", 1);
        RuntimeConfig parsed = RuntimeConfigParser.parse(asVersionOne).config().orElseThrow();
        assertThat(RuntimeConfigDocument.policy(parsed.policy()))
                .isEqualTo(RuntimeConfigDocument.policy(Policy.defaults()));
    }
}
