package dev.periscope.readiness.dr;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.periscope.readiness.checklist.ItemStatus;

/** The DR page in one self-describing document (GET /api/dr). */
public record DrStatus(Instant generatedAt, List<StoreStatus> stores, BackupStatus backup, DrillStatus drill,
        List<RestoreStep> restoreOrder, Runbook runbook, KafkaStatus kafka) {

    public record StoreStatus(String name, StoreRole role, List<String> holds, String backupPosture,
            CheckResult check) {
    }

    public record TierView(String name, String every, String retention) {
    }

    public record BackupStatus(BackupRecord latest, Long ageSeconds, long rpoSeconds, boolean withinRpo,
            int count, List<TierView> schedule, CheckResult check) {
    }

    public record DrillStatus(DrillRecord last, DrillRecord lastPassed, Long lastPassedAgeSeconds,
            long maxAgeSeconds, boolean current, CheckResult check) {
    }

    public record Runbook(String name, List<RunbookStep> steps) {
    }

    /** @param sampledAt null before the first sample */
    public record KafkaStatus(Instant sampledAt, String error, List<TimeToDataLoss> timeToDataLoss,
            List<TopicReplication> topics, Integer minReplicationFactor, Integer minInsyncReplicas) {
    }

    public static DrStatus of(DrSituation s, int backupCount, List<BackupTier> tiers, Optional<KafkaSample> sample) {
        List<RunbookStep> steps = ControlPlaneRunbook.evaluate(s);
        CheckResult backupCheck = ControlPlaneRunbook.backupAgeCheck(s);
        CheckResult drillCheck = ControlPlaneRunbook.drill(s);
        CheckResult telemetry = ControlPlaneRunbook.servicesUp(s, List.of(ControlPlaneRunbook.EVENT_WRITER), true);
        CheckResult buffer = ControlPlaneRunbook.dataLoss(s);
        List<StoreStatus> stores = Store.periscope().stream().map(store -> new StoreStatus(store.name(), store.role(),
                store.holds(), store.backupPosture(), switch (store.role()) {
                    case SYSTEM_OF_RECORD -> worst(backupCheck, drillCheck);
                    case REBUILDABLE_TELEMETRY -> telemetry;
                    case BUFFER -> buffer;
                })).toList();
        BackupStatus backup = new BackupStatus(s.latestBackup().orElse(null),
                s.backupAge().map(a -> a.toSeconds()).orElse(null), s.rpo().toSeconds(), s.backupWithinRpo(),
                backupCount, tiers.stream().map(t -> new TierView(t.name(), DurationText.format(t.every()),
                        DurationText.format(t.retention()))).toList(), backupCheck);
        DrillStatus drill = new DrillStatus(s.lastDrill().orElse(null), s.lastPassedDrill().orElse(null),
                s.lastPassedDrill().map(d -> d.age(s.now()).toSeconds()).orElse(null), s.drillMaxAge().toSeconds(),
                s.drillCurrent(), drillCheck);
        KafkaStatus kafka = sample.map(k -> new KafkaStatus(k.sampledAt(), k.error(), k.timeToDataLoss(), k.topics(),
                box(TopicReplication.minReplicationFactor(k.topics())),
                box(TopicReplication.minInsyncReplicas(k.topics()))))
                .orElse(new KafkaStatus(null, "not sampled yet", List.of(), List.of(), null, null));
        return new DrStatus(s.now(), stores, backup, drill, RestoreStep.periscope(),
                new Runbook("we lost the control plane", steps), kafka);
    }

    private static Integer box(java.util.OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }

    private static CheckResult worst(CheckResult a, CheckResult b) {
        return rank(a.status()) >= rank(b.status()) ? a : b;
    }

    private static int rank(ItemStatus status) {
        return switch (status) {
            case PASS -> 0;
            case UNKNOWN -> 1;
            case WARN -> 2;
            case FAIL -> 3;
        };
    }
}
