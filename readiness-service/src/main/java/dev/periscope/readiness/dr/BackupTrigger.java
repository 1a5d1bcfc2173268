package dev.periscope.readiness.dr;

/** Why a backup was taken; decides its retention. */
public enum BackupTrigger {
    /** Taken by the schedule for one or more tiers (hourly, daily, weekly). */
    SCHEDULED,
    /** Taken on request (POST /api/backups), e.g. before an upgrade. */
    MANUAL,
    /** Taken by a restore drill. */
    DRILL
}
