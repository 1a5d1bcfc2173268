package dev.periscope.readiness.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import dev.periscope.readiness.checklist.ChecklistReport;
import dev.periscope.readiness.checklist.ItemChange;
import dev.periscope.readiness.service.ChecklistService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Server-sent events of checklist changes: on connect one event per item (the current state, {@code previous} null),
 * then an event whenever an item's status or evidence changes (the checklist is re-evaluated every few seconds).
 */
@jakarta.inject.Singleton
@Path("/api/checklist/stream")
@Tag(name = "checklist")
public class ChecklistStreamResource {
    static final int CLIENT_BUFFER = 256;
    private final ChecklistService checklist;
    private final BroadcastProcessor<ItemChange> changes = BroadcastProcessor.create();

    public ChecklistStreamResource(ChecklistService checklist) {
        this.checklist = checklist;
        checklist.onChanges(batch -> batch.forEach(changes::onNext));
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Checklist changes as server-sent events (current state first)")
    public Multi<ItemChange> stream() {
        ChecklistReport current = checklist.latest();
        List<ItemChange> snapshot = ItemChange.between(null, current);
        // a slow client gets a buffer; one that falls further behind loses its stream, reconnects and starts over from
        // the snapshot above (an EventSource reconnects by itself)
        return Multi.createBy().concatenating().streams(Multi.createFrom().iterable(snapshot),
                changes.onOverflow().buffer(CLIENT_BUFFER));
    }
}
