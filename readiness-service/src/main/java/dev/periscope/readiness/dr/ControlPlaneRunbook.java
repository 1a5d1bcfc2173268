package dev.periscope.readiness.dr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.periscope.readiness.domain.InstanceView;

/**
 * The runbook "we lost the control plane" (the most survivable failure: the edges keep working), each step with a
 * live check over the current situation.
 */
public final class ControlPlaneRunbook {
    static final String GATEWAY = "ingest-gateway";
    static final List<String> BACKEND = List.of("inventory-writer", "enricher");
    static final String EVENT_WRITER = "event-writer";

    private ControlPlaneRunbook() {
    }

    public static List<RunbookStep> evaluate(DrSituation s) {
        return List.of(
                new RunbookStep(1, "Confirm the blast radius",
                        "Check that the edges still work: ingest-gateway instances keep accepting access logs"
                                + " (/healthz on 18091). The outage is management and telemetry, not the data plane.",
                        "ingest-gateway instances report UP", edgesUp(s)),
                new RunbookStep(2, "Restore MongoDB from the latest backup",
                        "Restore the newest verified backup (restore order step 1) onto healthy infrastructure."
                                + " This is the only step that recovers irreplaceable state.",
                        "a backup younger than the RPO exists and the last restore drill passed", backup(s)),
                new RunbookStep(3, "Redeploy the backend against the restored MongoDB",
                        "Start inventory-writer and enricher pointed at the restored MongoDB; wait for every"
                                + " instance to report UP.",
                        "inventory-writer and enricher instances report UP", servicesUp(s, BACKEND, false)),
                new RunbookStep(4, "Provision fresh telemetry stores",
                        "Start an empty ClickHouse; event-writer recreates its tables and refills from Kafka."
                                + " Restore ClickHouse only if a compliance mandate needs older history.",
                        "event-writer instances report UP", servicesUp(s, List.of(EVENT_WRITER), true)),
                new RunbookStep(5, "Reconnect and drain",
                        "Consumers resume from their committed offsets. Watch the time until data loss: it must"
                                + " not reach zero before the lag is drained.",
                        "no consumer group lost records; time until data loss above the warning threshold",
                        dataLoss(s)),
                new RunbookStep(6, "Post-incident",
                        "Note the telemetry gap (ClickHouse refills only going forward); no data-plane protection"
                                + " was lost. Rehearse the restore again if the last drill is old or failed.",
                        "the last restore drill passed within " + DurationText.format(s.drillMaxAge()),
                        drill(s)));
    }

    static CheckResult edgesUp(DrSituation s) {
        List<InstanceView> gateways = s.fresh(GATEWAY);
        if (gateways.isEmpty()) {
            return CheckResult.unknown("no fresh report from " + GATEWAY);
        }
        long up = gateways.stream().filter(i -> "UP".equals(i.status())).count();
        String evidence = up + " of " + gateways.size() + " " + GATEWAY + " instance(s) UP";
        if (up == gateways.size()) {
            return CheckResult.pass(evidence);
        }
        return up > 0 ? CheckResult.warn(evidence + ": " + notUp(gateways)) : CheckResult.fail(evidence + ": "
                + notUp(gateways));
    }

    static CheckResult backup(DrSituation s) {
        if (s.latestBackup().isEmpty()) {
            return CheckResult.fail("no backup in the catalog");
        }
        BackupRecord latest = s.latestBackup().get();
        String evidence = "latest backup " + latest.id() + " is " + s.backupAge().orElseThrow().toSeconds()
                + " s old (RPO " + s.rpo().toSeconds() + " s), " + latest.documents() + " documents in "
                + latest.collections() + " collections";
        if (!s.backupWithinRpo()) {
            return CheckResult.fail(evidence);
        }
        Optional<DrillRecord> drill = s.lastDrill();
        if (drill.isEmpty()) {
            return CheckResult.warn(evidence + "; never restored by a drill");
        }
        if (!drill.get().passed()) {
            return CheckResult.fail(evidence + "; last drill " + drill.get().id() + " failed: " + drill.get().error());
        }
        return CheckResult.pass(evidence + "; last drill passed");
    }

    /** @param rebuildable a down rebuildable store only warns: the platform works without it */
    /** The backup against the RPO alone (the drill is checked on its own). */
    static CheckResult backupAgeCheck(DrSituation s) {
        if (s.latestBackup().isEmpty()) {
            return CheckResult.fail("no backup in the catalog");
        }
        String evidence = "latest backup " + s.latestBackup().get().id() + " is "
                + s.backupAge().orElseThrow().toSeconds() + " s old (RPO " + s.rpo().toSeconds() + " s)";
        return s.backupWithinRpo() ? CheckResult.pass(evidence) : CheckResult.fail(evidence);
    }

    static CheckResult servicesUp(DrSituation s, List<String> services, boolean rebuildable) {
        List<String> parts = new ArrayList<>();
        boolean allUp = true;
        boolean anyReport = true;
        for (String service : services) {
            List<InstanceView> fresh = s.fresh(service);
            if (fresh.isEmpty()) {
                anyReport = false;
                parts.add(service + ": no fresh report");
                continue;
            }
            long up = fresh.stream().filter(i -> "UP".equals(i.status())).count();
            parts.add(service + ": " + up + " of " + fresh.size() + " UP");
            if (up < fresh.size()) {
                allUp = false;
                parts.add(notUp(fresh));
            }
        }
        String evidence = String.join("; ", parts);
        if (!allUp) {
            return rebuildable ? CheckResult.warn(evidence) : CheckResult.fail(evidence);
        }
        return anyReport ? CheckResult.pass(evidence) : CheckResult.unknown(evidence);
    }

    static CheckResult dataLoss(DrSituation s) {
        if (s.dataLoss() == null) {
            return CheckResult.unknown("Kafka not sampled yet");
        }
        List<TimeToDataLoss> lost = s.dataLoss().stream().filter(t -> t.state() == DataLossState.LOST).toList();
        if (!lost.isEmpty()) {
            return CheckResult.fail("records lost to retention before being read: " + lost.stream()
                    .map(t -> t.group() + "/" + t.topic()).collect(Collectors.joining(", ")));
        }
        Optional<TimeToDataLoss> soonest = s.dataLoss().stream().filter(t -> t.secondsUntilLoss() != null)
                .min(Comparator.comparingDouble(TimeToDataLoss::secondsUntilLoss));
        if (soonest.isEmpty()) {
            return s.dataLoss().isEmpty() ? CheckResult.pass("no consumer group with committed offsets")
                    : CheckResult.unknown("no time retention or unreadable timestamps");
        }
        TimeToDataLoss t = soonest.get();
        String evidence = "soonest data loss in " + Math.round(t.secondsUntilLoss()) + " s: group " + t.group()
                + ", topic " + t.topic() + " (lag " + t.lagRecords() + ")";
        return t.secondsUntilLoss() < s.dataLossWarnBelow().toSeconds() ? CheckResult.warn(evidence)
                : CheckResult.pass(evidence);
    }

    static CheckResult drill(DrSituation s) {
        if (s.lastDrill().isEmpty()) {
            return CheckResult.fail("no restore drill has run: a backup never restored is a hypothesis");
        }
        DrillRecord last = s.lastDrill().get();
        String evidence = "last drill " + last.id() + " " + (last.passed() ? "passed" : "failed") + " "
                + last.age(s.now()).toSeconds() + " s ago" + (last.passed() ? "" : ": " + last.error());
        return s.drillCurrent() ? CheckResult.pass(evidence) : CheckResult.fail(evidence);
    }

    private static String notUp(List<InstanceView> instances) {
        return instances.stream().filter(i -> !"UP".equals(i.status()))
                .map(i -> i.instanceId() + " " + i.status() + (i.reason() == null || i.reason().isEmpty() ? ""
                        : " (" + i.reason() + ")"))
                .collect(Collectors.joining(", "));
    }
}
