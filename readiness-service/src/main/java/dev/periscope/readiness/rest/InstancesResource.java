package dev.periscope.readiness.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.periscope.readiness.domain.InstanceView;
import dev.periscope.readiness.service.InstanceRegistry;

/** Every known service instance with its latest health report and how old it is. */
@Path("/api/instances")
@Produces(MediaType.APPLICATION_JSON)
public class InstancesResource {
    private final InstanceRegistry instances;

    public InstancesResource(InstanceRegistry instances) {
        this.instances = instances;
    }

    @GET
    public List<InstanceView> all() {
        return instances.instances();
    }

    @GET
    @Path("/{service}")
    public List<InstanceView> ofService(@PathParam("service") String service) {
        return instances.instances(service);
    }
}
