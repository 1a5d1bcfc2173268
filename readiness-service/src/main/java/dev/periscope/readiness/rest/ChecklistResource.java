package dev.periscope.readiness.rest;

import jakarta.ws.rs.BadRequestException;
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

import dev.periscope.readiness.checklist.ChecklistItem;
import dev.periscope.readiness.checklist.ChecklistReport;
import dev.periscope.readiness.checklist.ItemHistory;
import dev.periscope.readiness.checklist.Section;
import dev.periscope.readiness.service.ChecklistService;

/** The live go-live checklist. */
@Path("/api/checklist")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "checklist")
public class ChecklistResource {
    private final ChecklistService checklist;
    private final ItemHistory history;

    public ChecklistResource(ChecklistService checklist, ItemHistory history) {
        this.checklist = checklist;
        this.history = history;
    }

    @GET
    @Operation(summary = "Every checklist item (or one section's) with evidence and the overall verdict")
    public ChecklistResponse all(@Parameter(description = "security | ha | observability | edge | pipeline")
    @QueryParam("section") String section) {
        ChecklistReport report = checklist.evaluate();
        if (section == null || section.isBlank()) {
            return ChecklistResponse.of(report.verdict(), report);
        }
        Section wanted = Section.bySlug(section).orElseThrow(() -> new BadRequestException(
                "unknown section '" + section + "' (security, ha, observability, edge, pipeline)"));
        return ChecklistResponse.of(report.verdict(), report.section(wanted));
    }

    @GET
    @Path("/rules")
    @Operation(summary = "The rules in force and the rejected ones with file and line")
    public RulesResponse rules() {
        return RulesResponse.of(checklist.rules());
    }

    @POST
    @Path("/rules/reload")
    @Operation(summary = "Re-read the default pack and the operator's rule directory now")
    public RulesResponse reload() {
        return RulesResponse.of(checklist.reload());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One checklist item with its evidence per instance and its recent status changes")
    public ItemDetail item(@PathParam("id") String id) {
        ChecklistItem item = checklist.evaluate().item(id)
                .orElseThrow(() -> new NotFoundException("no checklist item " + id));
        return new ItemDetail(item, history.of(id));
    }
}
