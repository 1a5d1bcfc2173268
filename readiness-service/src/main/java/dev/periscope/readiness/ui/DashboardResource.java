package dev.periscope.readiness.ui;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.periscope.readiness.service.ChecklistService;
import dev.periscope.readiness.service.InstanceRegistry;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The dashboard: {@code GET /} is the public page (a login form, no data); its script keeps the token in
 * sessionStorage and loads the server-rendered panels ({@code /dashboard/checklist}, {@code /dashboard/instances},
 * scope readiness:read) with it, then follows the event stream with a stream ticket. Every page forbids inline
 * scripts and foreign sources (Content-Security-Policy), so an injected string cannot run and read the token.
 */
@Path("/")
@Tag(name = "dashboard")
public class DashboardResource {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final ChecklistService checklist;
    private final InstanceRegistry instances;

    public DashboardResource(ChecklistService checklist, InstanceRegistry instances) {
        this.checklist = checklist;
        this.instances = instances;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page();

        static native TemplateInstance checklist(ChecklistPanel panel);

        static native TemplateInstance instances(List<InstanceRow> instances);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The dashboard page (public shell: login form; the data needs a token)")
    public Response page() {
        return html(Templates.page());
    }

    @GET
    @Path("/dashboard/checklist")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The checklist panel by section (HTML fragment)")
    public Response checklistPanel() {
        return html(Templates.checklist(ChecklistPanel.of(checklist.evaluate())));
    }

    @GET
    @Path("/dashboard/instances")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The instances table (HTML fragment)")
    public Response instancesPanel() {
        return html(Templates.instances(instances.instances().stream().map(InstanceRow::of).toList()));
    }

    private static Response html(TemplateInstance template) {
        return Response.ok(template.render(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .build();
    }
}
