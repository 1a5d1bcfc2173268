package dev.periscope.inventory.rest;

import java.util.List;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;

import dev.periscope.inventory.repository.InventoryEntry;
import dev.periscope.inventory.repository.InventoryRepository;

/** Read API of the endpoint catalog; blocking, so it runs on a worker thread. */
@Path("/api/inventory")
@Produces(MediaType.APPLICATION_JSON)
public class InventoryResource {
    private final InventoryRepository repository;

    public InventoryResource(InventoryRepository repository) {
        this.repository = repository;
    }

    /** {@code GET /api/inventory?project=ID}: the project's inventory documents, busiest first. */
    @GET
    public List<InventoryEntry> byProject(@RestQuery String project) {
        if (project == null || project.isBlank()) {
            throw new BadRequestException("query parameter 'project' is required");
        }
        return repository.findByProject(project);
    }
}
