package dev.periscope.readiness.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.vertx.ext.web.RoutingContext;

/** Who the caller is (the dashboard's login check) and a stream ticket for EventSource. */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class AuthResource {
    private final StreamTickets tickets;

    public AuthResource(StreamTickets tickets) {
        this.tickets = tickets;
    }

    public record Caller(String id, List<String> scopes, boolean authEnabled) {
    }

    public record TicketResponse(String ticket, Instant expiresAt) {
    }

    @GET
    @Path("/whoami")
    @Operation(summary = "The token id and scopes of the caller (never the token)")
    public Caller whoami(@Context RoutingContext rc) {
        return token(rc).map(t -> new Caller(t.id(), t.scopes().stream().map(AuthScope::scopeName).sorted().toList(),
                true)).orElseGet(() -> new Caller(Authenticator.ANONYMOUS, List.of(), false));
    }

    @GET
    @Path("/stream-ticket")
    @Operation(summary = "A short-lived ticket that opens GET /api/checklist/stream?ticket=… (EventSource)")
    public TicketResponse streamTicket(@Context RoutingContext rc) {
        StreamTickets.Ticket ticket = tickets.issue(token(rc).map(ApiToken::id).orElse(Authenticator.ANONYMOUS));
        return new TicketResponse(ticket.value(), ticket.expiresAt());
    }

    private static Optional<ApiToken> token(RoutingContext rc) {
        return Optional.ofNullable(rc.get(AuthFilter.TOKEN_KEY));
    }
}
