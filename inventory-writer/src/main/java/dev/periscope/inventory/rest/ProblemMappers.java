package dev.periscope.inventory.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.mongodb.MongoException;

/** Every read-API failure as {@code application/problem+json}. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem());
    }

    /** A query over its time budget or a store that does not answer: 503, the client may retry. */
    @ServerExceptionMapper
    public Response store(MongoException e) {
        return respond(Problem.unavailable(null, e.getClass().getSimpleName()
                + (e.getCode() == 50 ? ": query exceeded its time budget" : ": the inventory store did not answer")));
    }

    /** A stored document of an unexpected shape (written by something else): a 500 problem, not a stack trace. */
    @ServerExceptionMapper({org.bson.BSONException.class,
        org.bson.codecs.configuration.CodecConfigurationException.class})
    public Response unreadable(RuntimeException e) {
        return respond(new Problem("https://periscope.dev/problems/unreadable-document", "Unreadable document", 500,
                "a stored inventory document does not have the expected shape: " + e.getMessage(), null,
                java.util.List.of()));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
