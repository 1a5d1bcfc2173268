package dev.periscope.readiness.rest;

import java.util.List;

import dev.periscope.readiness.dr.BackupRecord;
import dev.periscope.readiness.dr.DrStatus;

/** The backup catalog, newest first, with the directory and the schedule. */
public record BackupsResponse(String dir, long rpoSeconds, List<DrStatus.TierView> schedule,
        List<BackupRecord> backups) {
}
