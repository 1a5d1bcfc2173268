package dev.periscope.readiness.dr.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.periscope.model.v1.FactValue;
import dev.periscope.readiness.backup.BackupService;
import dev.periscope.readiness.checklist.ChecklistEvaluator;
import dev.periscope.readiness.checklist.ChecklistItem;
import dev.periscope.readiness.checklist.CounterWindow;
import dev.periscope.readiness.checklist.ItemStatus;
import dev.periscope.readiness.checklist.RuleLoader;
import dev.periscope.readiness.checklist.RuleSet;
import dev.periscope.readiness.checklist.RuleSource;
import dev.periscope.readiness.domain.InstanceView;
import dev.periscope.readiness.dr.BackupRecord;
import dev.periscope.readiness.dr.BackupTrigger;
import dev.periscope.readiness.dr.DrillRecord;
import dev.periscope.readiness.dr.KafkaSample;
import dev.periscope.readiness.dr.TopicReplication;
import dev.periscope.readiness.drill.DrillService;

/** The facts readiness publishes about itself, through the default pack's DR and Kafka-replication rules. */
class DrFactsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration RPO = Duration.ofMinutes(90);

    private static BackupService.Summary backups(Duration... ages) {
        Optional<BackupRecord> latest = Stream.of(ages).min(Duration::compareTo).map(age -> new BackupRecord(
                "b-" + age.toMinutes(), NOW.minus(age), BackupTrigger.SCHEDULED, List.of("hourly"), "periscope",
                "/b", 8, 10, 100, "sha"));
        return new BackupService.Summary(latest, ages.length);
    }

    private static DrillService.Summary drills(Boolean lastPassed, Duration lastAge, Duration lastPassedAge) {
        Optional<DrillRecord> last = lastPassed == null ? Optional.empty()
                : Optional.of(drill("last", lastPassed, lastAge));
        Optional<DrillRecord> passed = lastPassedAge == null ? Optional.empty()
                : Optional.of(drill("passed", true, lastPassedAge));
        return new DrillService.Summary(last, passed);
    }

    private static DrillRecord drill(String id, boolean passed, Duration age) {
        return new DrillRecord(id, "mongo-backup-restore", NOW.minus(age), NOW.minus(age), passed, "b", "s",
                List.of(), passed ? null : "documents digest does not match");
    }

    private static Optional<KafkaSample> topics(int rf, int isr) {
        return Optional.of(new KafkaSample(NOW, List.of(), List.of(new TopicReplication("periscope.a", rf, isr),
                new TopicReplication("periscope.b", 3, 2)), null));
    }

    private static Map<String, Object> facts(BackupService.Summary b, DrillService.Summary d,
            Optional<KafkaSample> k) {
        Map<String, FactValue> facts = new HashMap<>();
        DrFacts.contribute(b, d, k, RPO, Duration.ofSeconds(60), NOW, facts);
        Map<String, Object> plain = new HashMap<>();
        facts.forEach((name, v) -> plain.put(name, switch (v.getValueCase()) {
            case BOOL_VALUE -> v.getBoolValue();
            case INT_VALUE -> v.getIntValue();
            case DOUBLE_VALUE -> v.getDoubleValue();
            default -> v.getStringValue();
        }));
        return plain;
    }

    static Stream<Arguments> rules() {
        DrillService.Summary goodDrill = drills(true, Duration.ofDays(1), Duration.ofDays(1));
        BackupService.Summary freshBackup = backups(Duration.ofMinutes(20), Duration.ofHours(2));
        return Stream.of(
                Arguments.of("ha.mongodb-backup-fresh", facts(freshBackup, goodDrill, topics(3, 2)), ItemStatus.PASS),
                Arguments.of("ha.mongodb-backup-fresh", facts(backups(Duration.ofHours(2)), goodDrill, topics(3, 2)),
                        ItemStatus.FAIL),
                // no backup at all is a failure, not an unknown
                Arguments.of("ha.mongodb-backup-fresh", facts(backups(), goodDrill, topics(3, 2)), ItemStatus.FAIL),
                Arguments.of("ha.restore-drill-passed", facts(freshBackup, goodDrill, topics(3, 2)), ItemStatus.PASS),
                // the last drill failed: fail, even with an older pass within 30 days
                Arguments.of("ha.restore-drill-passed", facts(freshBackup, drills(false, Duration.ofHours(1),
                        Duration.ofDays(2)), topics(3, 2)), ItemStatus.FAIL),
                Arguments.of("ha.restore-drill-passed", facts(freshBackup, drills(true, Duration.ofDays(31),
                        Duration.ofDays(31)), topics(3, 2)), ItemStatus.FAIL),
                Arguments.of("ha.restore-drill-passed", facts(freshBackup, drills(null, null, null), topics(3, 2)),
                        ItemStatus.FAIL),
                Arguments.of("ha.kafka-topics-replicated", facts(freshBackup, goodDrill, topics(3, 2)),
                        ItemStatus.PASS),
                // the local single broker: RF 1
                Arguments.of("ha.kafka-topics-replicated", facts(freshBackup, goodDrill, topics(1, 1)),
                        ItemStatus.FAIL),
                Arguments.of("ha.kafka-topics-replicated", facts(freshBackup, goodDrill, topics(3, 1)),
                        ItemStatus.FAIL),
                // not sampled yet: unknown
                Arguments.of("ha.kafka-topics-replicated", facts(freshBackup, goodDrill, Optional.empty()),
                        ItemStatus.UNKNOWN));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {2}")
    @MethodSource("rules")
    void defaultPackRulesOverReadinessFacts(String rule, Map<String, Object> facts, ItemStatus expected)
            throws IOException {
        InstanceView readiness = new InstanceView("readiness-service", "r1", "1.0", "UP", "", List.of(), facts,
                Map.of(), NOW.minusSeconds(3600), NOW.minusSeconds(2), 2);
        ChecklistEvaluator evaluator = new ChecklistEvaluator(Duration.ofSeconds(60),
                new CounterWindow(Duration.ofMinutes(15)));

        ChecklistItem item = evaluator.evaluate(defaultPack(), List.of(readiness), NOW).item(rule).orElseThrow();

        assertThat(item.status()).as("%s evidence %s", rule, item.evidence()).isEqualTo(expected);
    }

    @Test
    void agesAreRoundedUpSoTheReportDoesNotChangeEverySecond() {
        Map<String, Object> facts = facts(backups(Duration.ofSeconds(61)), drills(false, Duration.ofSeconds(1),
                null), Optional.empty());
        assertThat(facts).containsEntry("dr.mongodb.backup_age_seconds", 120L)
                .containsEntry("dr.mongodb.rpo_seconds", 5400L)
                .containsEntry("dr.mongodb.backups", 1L)
                .containsEntry("dr.drill.last_age_seconds", 60L)
                .containsEntry("dr.drill.last_passed", false)
                .containsEntry("dr.drill.last_result", "failed last: documents digest does not match")
                .doesNotContainKey("dr.drill.last_success_age_seconds")
                .doesNotContainKey("kafka.topics.min_replication_factor");
        assertThat(DrFacts.roundUp(Duration.ZERO, Duration.ofSeconds(60))).isZero();
        assertThat(DrFacts.roundUp(Duration.ofSeconds(60), Duration.ofSeconds(60))).isEqualTo(60);
    }

    private static RuleSet defaultPack() throws IOException {
        try (InputStream in = DrFactsTest.class.getClassLoader()
                .getResourceAsStream("readiness/rules/default-pack.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            RuleSet rules = new RuleLoader().load(List.of(new RuleSource("default-pack.yaml", text)), List.of(), NOW);
            assertThat(rules.rejected()).isEmpty();
            return rules;
        }
    }
}
