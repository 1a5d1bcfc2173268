package dev.periscope.enricher.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RiskScoresTest {

    @ParameterizedTest(name = "{0} -> risk {1}, posture {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                                              | 0  | 0
            external_host                                                   | 0  | 0
            threat_intel_hit                                                | 10 | 0
            threat_intel_hit scanner_user_agent                             | 11 | 0
            threat_intel_hit scanner_user_agent vuln_probe_path             | 13 | 0
            bola_suspect replay_suspect                                     | 8  | 0
            replay_suspect bola_suspect                                     | 8  | 0
            missing_hsts missing_csp missing_x_frame_options                | 0  | 9
            plain_text_transport scanner_user_agent client_error_status     | 7  | 7
            weak_tls_version basic_auth_plaintext credential_in_query       | 0  | 27
            geo_change latency_anomaly                                      | 0  | 0
            """)
    void weighsFlagsOnTheirAxis(String flags, int risk, int posture) {
        List<String> names = flags.isBlank() ? List.of() : List.of(flags.trim().split("\\s+"));

        RiskScores scores = RiskScores.of(names, unknown -> { });

        assertThat(scores).isEqualTo(new RiskScores(risk, posture));
    }

    @Test
    void clampsBothAxesAt255() {
        List<String> many = new ArrayList<>(Collections.nCopies(120, "threat_intel_hit"));
        many.addAll(Collections.nCopies(30, "weak_tls_version"));

        RiskScores scores = RiskScores.of(many, unknown -> { });

        assertThat(scores.risk()).isEqualTo(RiskScores.MAX);
        assertThat(scores.posture()).isEqualTo(RiskScores.MAX);
    }

    @Test
    void unknownFlagsWeighNothingAndAreReported() {
        List<String> reported = new ArrayList<>();

        RiskScores scores = RiskScores.of(List.of("bola_suspect", "made_up_flag"), reported::add);

        assertThat(scores).isEqualTo(new RiskScores(7, 0));
        assertThat(reported).containsExactly("made_up_flag");
    }

    @Test
    void everyFlagTheEnricherRaisesHasACatalogEntry() throws IllegalAccessException {
        List<String> missing = new ArrayList<>();
        for (var field : dev.periscope.enricher.classify.Flags.class.getFields()) {
            String flag = (String) field.get(null);
            if (FlagCatalog.entry(flag).isEmpty()) {
                missing.add(flag);
            }
        }
        assertThat(missing).isEmpty();
    }
}
