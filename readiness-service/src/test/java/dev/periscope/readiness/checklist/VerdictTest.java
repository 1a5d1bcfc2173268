package dev.periscope.readiness.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerdictTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "'',                         READY,    0",
            "PASS,                       READY,    0",
            "PASS PASS,                  READY,    0",
            "PASS WARN,                  DEGRADED, 1",
            "PASS UNKNOWN,               DEGRADED, 1",
            "UNKNOWN WARN,               DEGRADED, 1",
            "PASS FAIL,                  BLOCKED,  2",
            "WARN UNKNOWN FAIL,          BLOCKED,  2"})
    void verdictAndExitCodeFromItemStatuses(String statuses, Verdict expected, int exitCode) {
        List<ItemStatus> items = statuses.isBlank() ? List.of()
                : java.util.Arrays.stream(statuses.trim().split(" ")).map(ItemStatus::valueOf).toList();

        Verdict verdict = Verdict.of(items);

        assertThat(verdict).isEqualTo(expected);
        assertThat(verdict.exitCode()).isEqualTo(exitCode);
    }
}
