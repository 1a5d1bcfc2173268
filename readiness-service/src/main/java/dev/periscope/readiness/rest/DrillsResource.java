package dev.periscope.readiness.rest;

import java.util.NoSuchElementException;
import java.util.Optional;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.periscope.readiness.dr.DrillRecord;
import dev.periscope.readiness.drill.DrillService;

/** Restore drills: list, run now, one result. */
@Path("/api/drills")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dr")
public class DrillsResource {
    private final DrillService drills;

    public DrillsResource(DrillService drills) {
        this.drills = drills;
    }

    @GET
    @Operation(summary = "Drill runs, newest first")
    public DrillsResponse list(@Parameter(description = "at most this many runs (1-500)") @QueryParam("limit")
    @DefaultValue("50") int limit) {
        if (limit < 1 || limit > 500) {
            throw new BadRequestException("limit must be 1-500");
        }
        return new DrillsResponse(drills.summary().lastPassed().orElse(null), drills.list(limit));
    }

    @POST
    @Path("/mongo-backup-restore")
    @Operation(summary = "Run mongo-backup-restore now and return its result (passed or not: HTTP 200)")
    public DrillRecord runMongoBackupRestore(@Parameter(description = "restore this backup instead of taking a"
            + " new one") @QueryParam("backup") String backup) {
        try {
            return drills.runMongoBackupRestore(Optional.ofNullable(backup).filter(b -> !b.isBlank()));
        } catch (NoSuchElementException e) {
            throw new NotFoundException(e.getMessage());
        }
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One drill run")
    public DrillRecord one(@PathParam("id") String id) {
        return drills.find(id).orElseThrow(() -> new NotFoundException("no drill run " + id));
    }
}
