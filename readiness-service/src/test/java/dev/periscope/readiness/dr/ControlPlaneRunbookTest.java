package dev.periscope.readiness.dr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import dev.periscope.readiness.checklist.ItemStatus;
import dev.periscope.readiness.domain.InstanceView;

/** Each runbook step's live check over fixture situations; the DR document built from them. */
class ControlPlaneRunbookTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static InstanceView instance(String service, String id, String status, double age) {
        return new InstanceView(service, id, "1.0", status, status.equals("UP") ? "" : "kafka: gone", List.of(),
                Map.of(), Map.of(), NOW.minusSeconds(3600), NOW.minusSeconds((long) age), age);
    }

    private static BackupRecord backup(Duration ago) {
        return new BackupRecord("b1", NOW.minus(ago), BackupTrigger.SCHEDULED, List.of("hourly"), "periscope",
                "/b/b1", 8, 120, 4096, "sha");
    }

    private static DrillRecord drill(boolean passed, Duration ago) {
        return new DrillRecord("d1", "mongo-backup-restore", NOW.minus(ago).minusSeconds(5), NOW.minus(ago), passed,
                "b1", "scratch", List.of(), passed ? null : "backup files do not match the manifest");
    }

    private static DrSituation situation(List<InstanceView> instances, Optional<BackupRecord> backup,
            Optional<DrillRecord> drill, List<TimeToDataLoss> loss) {
        return new DrSituation(NOW, instances, Duration.ofSeconds(60), backup, Duration.ofMinutes(90), drill,
                drill.filter(DrillRecord::passed), Duration.ofDays(30), loss, Duration.ofHours(6), List.of());
    }

    private static TimeToDataLoss loss(String group, long agoMs, long retentionMs) {
        return TimeToDataLoss.of(group, "periscope.access.raw.v1", List.of(new PartitionPosition(0, 10, 0, 20,
                OptionalLong.of(NOW.toEpochMilli() - agoMs))), retentionMs, NOW);
    }

    private static ItemStatus step(DrSituation s, int number) {
        return ControlPlaneRunbook.evaluate(s).get(number - 1).result().status();
    }

    @Test
    void aHealthyDeploymentPassesEveryStep() {
        DrSituation s = situation(List.of(instance("ingest-gateway", "g1", "UP", 2),
                instance("inventory-writer", "i1", "UP", 2), instance("enricher", "e1", "UP", 2),
                instance("event-writer", "w1", "UP", 2)), Optional.of(backup(Duration.ofMinutes(20))),
                Optional.of(drill(true, Duration.ofDays(1))), List.of(loss("enricher", 60_000, 7 * 86_400_000L)));

        List<RunbookStep> steps = ControlPlaneRunbook.evaluate(s);

        assertThat(steps).extracting(RunbookStep::step).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(steps).allSatisfy(step -> assertThat(step.result().status()).as(step.title() + ": "
                + step.result().evidence()).isEqualTo(ItemStatus.PASS));
        assertThat(steps.get(0).result().evidence()).isEqualTo("1 of 1 ingest-gateway instance(s) UP");
        assertThat(steps.get(4).result().evidence()).startsWith("soonest data loss in 604740 s: group enricher");
    }

    @Test
    void edgesStepFollowsTheGateways() {
        assertThat(step(situation(List.of(), Optional.empty(), Optional.empty(), List.of()), 1))
                .isEqualTo(ItemStatus.UNKNOWN);
        assertThat(step(situation(List.of(instance("ingest-gateway", "g1", "UP", 2),
                instance("ingest-gateway", "g2", "DOWN", 2)), Optional.empty(), Optional.empty(), List.of()), 1))
                .isEqualTo(ItemStatus.WARN);
        assertThat(step(situation(List.of(instance("ingest-gateway", "g1", "DOWN", 2)), Optional.empty(),
                Optional.empty(), List.of()), 1)).isEqualTo(ItemStatus.FAIL);
        // a stale report is not evidence
        assertThat(step(situation(List.of(instance("ingest-gateway", "g1", "UP", 300)), Optional.empty(),
                Optional.empty(), List.of()), 1)).isEqualTo(ItemStatus.UNKNOWN);
    }

    @Test
    void restoreStepNeedsAFreshBackupThatADrillRestored() {
        assertThat(step(situation(List.of(), Optional.empty(), Optional.empty(), List.of()), 2))
                .isEqualTo(ItemStatus.FAIL);
        assertThat(step(situation(List.of(), Optional.of(backup(Duration.ofHours(2))),
                Optional.of(drill(true, Duration.ofDays(1))), List.of()), 2)).isEqualTo(ItemStatus.FAIL);
        assertThat(step(situation(List.of(), Optional.of(backup(Duration.ofMinutes(10))), Optional.empty(),
                List.of()), 2)).isEqualTo(ItemStatus.WARN);
        DrSituation failedDrill = situation(List.of(), Optional.of(backup(Duration.ofMinutes(10))),
                Optional.of(drill(false, Duration.ofHours(1))), List.of());
        assertThat(step(failedDrill, 2)).isEqualTo(ItemStatus.FAIL);
        assertThat(ControlPlaneRunbook.evaluate(failedDrill).get(1).result().evidence())
                .contains("failed: backup files do not match the manifest");
        assertThat(step(failedDrill, 6)).isEqualTo(ItemStatus.FAIL);
        assertThat(step(situation(List.of(), Optional.empty(), Optional.of(drill(true, Duration.ofDays(31))),
                List.of()), 6)).isEqualTo(ItemStatus.FAIL);
    }

    @Test
    void aDownTelemetryStoreOnlyWarnsButADownBackendFails() {
        DrSituation s = situation(List.of(instance("inventory-writer", "i1", "DOWN", 2),
                instance("enricher", "e1", "UP", 2), instance("event-writer", "w1", "DEGRADED", 2)),
                Optional.empty(), Optional.empty(), List.of());
        assertThat(step(s, 3)).isEqualTo(ItemStatus.FAIL);
        assertThat(step(s, 4)).isEqualTo(ItemStatus.WARN);
        assertThat(ControlPlaneRunbook.evaluate(s).get(2).result().evidence())
                .contains("inventory-writer: 0 of 1 UP", "i1 DOWN (kafka: gone)");
    }

    @Test
    void dataLossStep() {
        long week = 7 * 86_400_000L;
        assertThat(step(situation(List.of(), Optional.empty(), Optional.empty(), null), 5))
                .isEqualTo(ItemStatus.UNKNOWN);
        assertThat(step(situation(List.of(), Optional.empty(), Optional.empty(),
                List.of(loss("slow", week - 3_600_000, week))), 5)).isEqualTo(ItemStatus.WARN);
        assertThat(step(situation(List.of(), Optional.empty(), Optional.empty(), List.of(TimeToDataLoss.of("lost",
                "t", List.of(new PartitionPosition(0, 1, 5, 9, OptionalLong.empty())), week, NOW))), 5))
                .isEqualTo(ItemStatus.FAIL);
    }

    @Test
    void theDrDocumentGivesEachStoreItsRoleAndCheck() {
        DrSituation s = situation(List.of(instance("event-writer", "w1", "UP", 2)),
                Optional.of(backup(Duration.ofMinutes(20))), Optional.of(drill(false, Duration.ofHours(1))),
                List.of());
        DrStatus status = DrStatus.of(s, 3, BackupSchedule.parseTiers(BackupSchedule.DEFAULT_TIERS),
                Optional.empty());

        assertThat(status.stores()).extracting(DrStatus.StoreStatus::name, DrStatus.StoreStatus::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("mongodb", StoreRole.SYSTEM_OF_RECORD),
                        org.assertj.core.groups.Tuple.tuple("clickhouse", StoreRole.REBUILDABLE_TELEMETRY),
                        org.assertj.core.groups.Tuple.tuple("kafka", StoreRole.BUFFER));
        // a fresh backup but a failed drill: the system of record is not safe
        assertThat(status.stores().get(0).check().status()).isEqualTo(ItemStatus.FAIL);
        assertThat(status.stores().get(1).check().status()).isEqualTo(ItemStatus.PASS);
        assertThat(status.backup().ageSeconds()).isEqualTo(1200L);
        assertThat(status.backup().withinRpo()).isTrue();
        assertThat(status.backup().schedule()).extracting(DrStatus.TierView::retention)
                .containsExactly("1d", "14d", "90d");
        assertThat(status.drill().current()).isFalse();
        assertThat(status.restoreOrder()).extracting(RestoreStep::store).startsWith("mongodb");
        assertThat(status.kafka().error()).isEqualTo("not sampled yet");
    }
}
