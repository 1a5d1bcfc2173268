package dev.periscope.inventory.rest;

import static dev.periscope.inventory.mapping.InventoryUpdateMapper.CONFIRMED;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.ID;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.PROJECT_ID;
import static dev.periscope.inventory.mapping.InventoryUpdateMapper.SEEN_COUNT;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.periscope.inventory.config.InventoryConfig;
import dev.periscope.inventory.repository.InventoryEntry;
import dev.periscope.inventory.repository.InventoryRepository;
import dev.periscope.inventory.rest.InventoryQueryParser.InvalidParam;

/**
 * Read API of the endpoint catalog, project-scoped. Thin: parameters are validated by {@link InventoryQueryParser}
 * (every problem in one 400 {@code application/problem+json}), queries run with a server-side time budget, and the
 * lenses are pure classes. Blocking, so it runs on a worker thread.
 */
@Path("/api/inventory")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "inventory", description = "The api_inventory catalog: one entry per observed operation")
public class InventoryResource {
    private final InventoryRepository repository;
    private final InventoryConfig.Read config;

    public InventoryResource(InventoryRepository repository, InventoryConfig config) {
        this.repository = repository;
        this.config = config.read();
    }

    /** A page of endpoints. */
    public record Page(String project, long total, int limit, int offset, List<InventoryView> items) {
    }

    @GET
    @Operation(summary = "List a project's endpoints", description = "Filters combine with AND. Sorted by "
            + "last_seen descending unless told otherwise; ties break on _id. Default 20 per page, at most 100.")
    @Parameter(name = "project", in = ParameterIn.QUERY, required = true, description = "project id")
    @Parameter(name = "method", in = ParameterIn.QUERY, description = "HTTP method(s), comma-separated")
    @Parameter(name = "protocol", in = ParameterIn.QUERY, description = "http/1.1, http/2, ...")
    @Parameter(name = "risk_flag", in = ParameterIn.QUERY, description = "endpoints that ever carried this flag")
    @Parameter(name = "category", in = ParameterIn.QUERY, description = "endpoint category, e.g. auth_endpoint")
    @Parameter(name = "pii_category", in = ParameterIn.QUERY, description = "PII category, e.g. email")
    @Parameter(name = "host_prefix", in = ParameterIn.QUERY, description = "host starts with (literal)")
    @Parameter(name = "path_prefix", in = ParameterIn.QUERY, description = "normalized path starts with (literal)")
    @Parameter(name = "min_risk", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.INTEGER, minimum = "0",
            maximum = "100"))
    @Parameter(name = "max_risk", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.INTEGER, minimum = "0",
            maximum = "100"))
    @Parameter(name = "min_seen", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.INTEGER, minimum = "0"))
    @Parameter(name = "last_seen_from", in = ParameterIn.QUERY, description = "ISO-8601 instant or epoch ms")
    @Parameter(name = "last_seen_to", in = ParameterIn.QUERY, description = "ISO-8601 instant or epoch ms")
    @Parameter(name = "confirmed", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.BOOLEAN))
    @Parameter(name = "sort", in = ParameterIn.QUERY, schema = @Schema(enumeration = {"last_seen", "first_seen",
        "seen_count", "max_risk_score", "max_posture_score", "normalized_path"}))
    @Parameter(name = "order", in = ParameterIn.QUERY, schema = @Schema(enumeration = {"asc", "desc"}))
    @Parameter(name = "limit", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
            maximum = "100", defaultValue = "20"))
    @Parameter(name = "offset", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.INTEGER, minimum = "0",
            defaultValue = "0"))
    @APIResponse(responseCode = "200", description = "a page of endpoints")
    @APIResponse(responseCode = "400", description = "invalid parameters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page list(@Context UriInfo uri) {
        return page(parse(uri));
    }

    @GET
    @Path("/attack-surface")
    @Operation(summary = "Unconfirmed endpoints", description = "Endpoints never route-matched, or only probed or "
            + "scanned: the same filters as the list, confirmed=false implied.")
    @APIResponse(responseCode = "400", description = "invalid parameters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page attackSurface(@Context UriInfo uri) {
        InventoryQuery query = parse(uri);
        if (Boolean.TRUE.equals(query.confirmed())) {
            throw new ProblemException(Problem.badRequest(uri.getPath(),
                    List.of(new InvalidParam("confirmed", "the attack surface is the unconfirmed endpoints"))));
        }
        return page(query.unconfirmedOnly());
    }

    @GET
    @Path("/risk-summary")
    @Operation(summary = "Risk overview of a project", description = "Totals, confirmed vs attack surface, "
            + "endpoints per risk flag / category / PII category, risk bands and the ten riskiest endpoints.")
    public RiskSummary riskSummary(@RestQuery @Parameter(required = true) String project, @Context UriInfo uri) {
        requireProject(project, uri);
        List<InventoryEntry> entries = lensEntries(new Document(PROJECT_ID, project));
        return RiskSummary.of(project, entries, entries.size() >= config.lensMaxDocuments());
    }

    @GET
    @Path("/normalize-gaps")
    @Operation(summary = "Path templates the normalizer probably missed", description = "Sibling endpoints that "
            + "differ in one identifier-like segment, with at least min_distinct values (default 5).")
    public List<NormalizeGapFinder.Gap> normalizeGaps(@RestQuery @Parameter(required = true) String project,
            @RestQuery("min_distinct") String minDistinct, @Context UriInfo uri) {
        requireProject(project, uri);
        int min = 5;
        if (minDistinct != null) {
            try {
                min = Integer.parseInt(minDistinct);
            } catch (NumberFormatException e) {
                min = -1;
            }
            if (min < 2 || min > 1000) {
                throw new ProblemException(Problem.badRequest(uri.getPath(),
                        List.of(new InvalidParam("min_distinct", "an integer between 2 and 1000"))));
            }
        }
        return NormalizeGapFinder.find(lensEntries(new Document(PROJECT_ID, project)), min);
    }

    @GET
    @Path("/openapi")
    @Operation(summary = "OpenAPI 3.0.3 export of the confirmed inventory", description = "One operation per "
            + "confirmed endpoint, busiest first; header X-Periscope-Truncated: true when over the operation cap.")
    public Response openApi(@RestQuery @Parameter(required = true) String project, @Context UriInfo uri) {
        requireProject(project, uri);
        List<InventoryEntry> confirmed = repository.mongoCollection()
                .find(new Document(PROJECT_ID, project).append(CONFIRMED, true))
                .sort(new Document(SEEN_COUNT, -1).append(ID, 1))
                .limit(config.openapiMaxOperations() + 1)
                .maxTime(config.queryTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .into(new java.util.ArrayList<>());
        OpenApiExporter.Export export = OpenApiExporter.export(project, confirmed, config.openapiMaxOperations());
        return Response.ok(export.document()).header("X-Periscope-Truncated", Boolean.toString(export.truncated()))
                .header("X-Periscope-Operations", Integer.toString(export.operations())).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One endpoint by id (the inventory-key hash)")
    @APIResponse(responseCode = "404", description = "no such endpoint in this project",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public InventoryView byId(@RestPath String id, @RestQuery @Parameter(required = true) String project,
            @Context UriInfo uri) {
        requireProject(project, uri);
        InventoryEntry entry = repository.mongoCollection().find(new Document(ID, id))
                .maxTime(config.queryTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).first();
        if (entry == null || !project.equals(entry.projectId)) {
            throw new ProblemException(Problem.notFound(uri.getPath(), "no endpoint " + id + " in project " + project));
        }
        return InventoryView.of(entry);
    }

    private InventoryQuery parse(UriInfo uri) {
        Map<String, List<String>> params = uri.getQueryParameters();
        InventoryQueryParser.Result result = InventoryQueryParser.parse(params);
        if (!result.valid()) {
            throw new ProblemException(Problem.badRequest(uri.getPath(), result.errors()));
        }
        return result.query();
    }

    private Page page(InventoryQuery query) {
        Document filter = InventoryQueryFilter.filter(query);
        List<InventoryView> items = repository.mongoCollection().find(filter).sort(InventoryQueryFilter.sort(query))
                .skip(query.offset()).limit(query.limit())
                .maxTime(config.queryTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .map(InventoryView::of).into(new java.util.ArrayList<>());
        long total = repository.count(filter, config.queryTimeout());
        return new Page(query.project(), total, query.limit(), query.offset(), items);
    }

    private List<InventoryEntry> lensEntries(Document filter) {
        return repository.mongoCollection().find(filter).limit(config.lensMaxDocuments())
                .maxTime(config.queryTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .into(new java.util.ArrayList<>());
    }

    private static void requireProject(String project, UriInfo uri) {
        List<InvalidParam> errors = InventoryQueryParser.checkProject(project);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.badRequest(uri.getPath(), errors));
        }
    }
}
