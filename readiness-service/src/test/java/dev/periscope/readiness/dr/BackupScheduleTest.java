package dev.periscope.readiness.dr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The seed's hourly/daily/weekly table: which tiers are due, what is pruned. */
class BackupScheduleTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final BackupSchedule DEFAULT = new BackupSchedule(
            BackupSchedule.parseTiers(BackupSchedule.DEFAULT_TIERS), Duration.ofDays(30), Duration.ofDays(1));

    private static BackupRecord backup(String id, Duration ago, BackupTrigger trigger, String... tiers) {
        return new BackupRecord(id, NOW.minus(ago), trigger, List.of(tiers), "periscope", "/b/" + id, 8, 10, 100,
                "sha");
    }

    @Test
    void defaultTiersAreTheSeedsTable() {
        assertThat(DEFAULT.tiers()).containsExactly(
                new BackupTier("hourly", Duration.ofHours(1), Duration.ofHours(24)),
                new BackupTier("daily", Duration.ofDays(1), Duration.ofDays(14)),
                new BackupTier("weekly", Duration.ofDays(7), Duration.ofDays(90)));
    }

    static Stream<Arguments> due() {
        return Stream.of(
                Arguments.of(List.of(), List.of("hourly", "daily", "weekly")),
                Arguments.of(List.of(backup("a", Duration.ofMinutes(10), BackupTrigger.SCHEDULED, "hourly", "daily",
                        "weekly")), List.of()),
                Arguments.of(List.of(backup("a", Duration.ofMinutes(60), BackupTrigger.SCHEDULED, "hourly", "daily",
                        "weekly")), List.of("hourly")),
                Arguments.of(List.of(backup("a", Duration.ofMinutes(59), BackupTrigger.SCHEDULED, "hourly"),
                        backup("b", Duration.ofHours(25), BackupTrigger.SCHEDULED, "daily"),
                        backup("c", Duration.ofDays(2), BackupTrigger.SCHEDULED, "weekly")), List.of("daily")),
                // a manual or drill backup does not stand in for a tier
                Arguments.of(List.of(backup("m", Duration.ofMinutes(1), BackupTrigger.MANUAL),
                        backup("d", Duration.ofMinutes(1), BackupTrigger.DRILL)),
                        List.of("hourly", "daily", "weekly")));
    }

    @ParameterizedTest(name = "[{index}] due {1}")
    @MethodSource("due")
    void dueTiers(List<BackupRecord> catalog, List<String> expected) {
        assertThat(DEFAULT.dueTiers(catalog, NOW)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> pruning() {
        BackupRecord newest = backup("newest", Duration.ofMinutes(5), BackupTrigger.SCHEDULED, "hourly");
        return Stream.of(
                // hourly kept 24 h
                Arguments.of(List.of(newest, backup("h23", Duration.ofHours(23), BackupTrigger.SCHEDULED, "hourly"),
                        backup("h24", Duration.ofHours(24), BackupTrigger.SCHEDULED, "hourly")), List.of("h24")),
                // a backup serving hourly and daily lives as long as the daily tier wants it (14 d)
                Arguments.of(List.of(newest, backup("hd", Duration.ofDays(3), BackupTrigger.SCHEDULED, "hourly",
                        "daily"), backup("d15", Duration.ofDays(15), BackupTrigger.SCHEDULED, "daily")),
                        List.of("d15")),
                Arguments.of(List.of(newest, backup("w89", Duration.ofDays(89), BackupTrigger.SCHEDULED, "weekly"),
                        backup("w91", Duration.ofDays(91), BackupTrigger.SCHEDULED, "weekly")), List.of("w91")),
                // manual 30 d, drill 1 d
                Arguments.of(List.of(newest, backup("m29", Duration.ofDays(29), BackupTrigger.MANUAL),
                        backup("m31", Duration.ofDays(31), BackupTrigger.MANUAL),
                        backup("d2", Duration.ofDays(2), BackupTrigger.DRILL)), List.of("m31", "d2")),
                // a tier no longer configured keeps nothing
                Arguments.of(List.of(newest, backup("x", Duration.ofMinutes(10), BackupTrigger.SCHEDULED, "gone")),
                        List.of("x")),
                // the newest backup is never pruned, however old
                Arguments.of(List.of(backup("old", Duration.ofDays(400), BackupTrigger.SCHEDULED, "hourly")),
                        List.of()));
    }

    @ParameterizedTest(name = "[{index}] prune {1}")
    @MethodSource("pruning")
    void expired(List<BackupRecord> catalog, List<String> expected) {
        assertThat(DEFAULT.expired(catalog, NOW)).extracting(BackupRecord::id).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @CsvSource({"90s,PT1M30S", "30m,PT30M", "1h,PT1H", "14d,PT336H", "2w,PT336H"})
    void durations(String text, Duration expected) {
        assertThat(DurationText.parse(text)).isEqualTo(expected);
    }

    @Test
    void badSchedulesAreRejectedWithTheReason() {
        assertThatThrownBy(() -> BackupSchedule.parseTiers("hourly:1h")).hasMessageContaining("name:every:retention");
        assertThatThrownBy(() -> BackupSchedule.parseTiers("hourly:1x:24h")).hasMessageContaining("1x");
        assertThatThrownBy(() -> BackupSchedule.parseTiers("hourly:0s:24h")).hasMessageContaining("positive");
        assertThatThrownBy(() -> new BackupSchedule(BackupSchedule.parseTiers("a:1h:1d,a:2h:2d"), Duration.ZERO,
                Duration.ZERO)).hasMessageContaining("twice");
        assertThat(BackupSchedule.parseTiers("")).isEmpty();
        assertThat(DurationText.format(Duration.ofDays(14))).isEqualTo("14d");
        assertThat(DurationText.format(Duration.ofHours(24))).isEqualTo("1d");
        assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("90s");
    }
}
