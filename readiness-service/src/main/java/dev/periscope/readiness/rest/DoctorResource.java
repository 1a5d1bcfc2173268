package dev.periscope.readiness.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.periscope.readiness.service.ChecklistService;

/**
 * The CI gate: verdict, exit code (0 ready, 1 degraded, 2 blocked) and the items not passing. Always HTTP 200 — the
 * verdict is in the body, so a caller can tell "blocked" from "readiness unreachable".
 */
@Path("/api/doctor")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "doctor")
public class DoctorResource {
    private final ChecklistService checklist;

    public DoctorResource(ChecklistService checklist) {
        this.checklist = checklist;
    }

    @GET
    @Operation(summary = "Verdict, exit code and failing items")
    public DoctorResponse doctor() {
        return DoctorResponse.of(checklist.evaluate());
    }
}
