package dev.periscope.readiness.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.periscope.readiness.backup.BackupService;
import dev.periscope.readiness.dr.BackupRecord;
import dev.periscope.readiness.dr.BackupTrigger;
import dev.periscope.readiness.dr.DrStatus;
import dev.periscope.readiness.dr.DurationText;
import dev.periscope.readiness.dr.config.DrConfig;

/** The MongoDB backup catalog; taking a backup on request. */
@Path("/api/backups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dr")
public class BackupsResource {
    private final BackupService backups;
    private final DrConfig config;

    public BackupsResource(BackupService backups, DrConfig config) {
        this.backups = backups;
        this.config = config;
    }

    @GET
    @Operation(summary = "Every backup in the catalog, newest first")
    public BackupsResponse list() {
        List<DrStatus.TierView> schedule = backups.schedule().tiers().stream()
                .map(t -> new DrStatus.TierView(t.name(), DurationText.format(t.every()),
                        DurationText.format(t.retention()))).toList();
        return new BackupsResponse(backups.root().toAbsolutePath().toString(), config.rpo().toSeconds(), schedule,
                backups.list());
    }

    @POST
    @Operation(summary = "Take a backup of the system-of-record collections now (kept for manual-retention)")
    public BackupRecord take() {
        return backups.take(BackupTrigger.MANUAL, List.of());
    }
}
