package dev.periscope.readiness.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.periscope.readiness.dr.DrStatus;
import dev.periscope.readiness.dr.service.DrStatusService;

/** The disaster-recovery view. */
@Path("/api/dr")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dr")
public class DrResource {
    private final DrStatusService dr;

    public DrResource(DrStatusService dr) {
        this.dr = dr;
    }

    @GET
    @Operation(summary = "Stores and their roles, backup age vs RPO, last drill, restore order, the runbook with"
            + " live checks, time until data loss per consumer group and topic, topic replication")
    public DrStatus status() {
        return dr.status();
    }
}
