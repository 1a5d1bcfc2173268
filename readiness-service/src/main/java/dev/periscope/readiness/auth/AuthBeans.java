package dev.periscope.readiness.auth;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.mongodb.client.MongoClient;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Wires the auth core and refuses to start when auth is enabled and the token file is missing, malformed or holds
 * a weak token, or when the CORS allow-list lets every origin in.
 */
@ApplicationScoped
public class AuthBeans {
    private static final Logger LOG = Logger.getLogger(AuthBeans.class);

    private final Clock clock = Clock.systemUTC();

    void checkAtStartup(@Observes StartupEvent event, AuthConfig config, TokenRegistry tokens, CorsSettings cors) {
        if (cors.wildcard()) {
            throw new IllegalStateException("startup refused: quarkus.http.cors.origins lets every origin in ("
                    + cors.origins() + "); list the dashboard's origins instead");
        }
        if (config.enabled()) {
            LOG.infof("auth enabled: %d token(s) from %s", tokens.tokens().size(), config.tokenFile().orElse("?"));
        } else {
            LOG.warn("auth DISABLED (periscope.readiness.auth.enabled=false): every request passes; "
                    + "never run this way beyond a throw-away local machine");
        }
    }

    @Produces
    @Singleton
    TokenRegistry tokenRegistry(AuthConfig config) {
        if (!config.enabled()) {
            return new TokenRegistry(List.of());
        }
        String file = config.tokenFile().filter(f -> !f.isBlank()).orElseThrow(() -> new TokenFileException(
                "startup refused: auth is enabled and periscope.readiness.auth.token-file "
                        + "(PERISCOPE_READINESS_AUTH_TOKEN_FILE) is not set"));
        try {
            return new TokenRegistry(TokenFile.load(Path.of(file)));
        } catch (TokenFileException e) {
            throw new TokenFileException("startup refused: " + e.getMessage());
        }
    }

    @Produces
    @Singleton
    Authenticator authenticator(TokenRegistry tokens, AuthConfig config, StreamTickets tickets) {
        AuthConfig.Lockout lockout = config.lockout();
        return new Authenticator(tokens, new Lockout(lockout.maxFailures(), lockout.window(), lockout.coolDown(),
                clock), tickets);
    }

    @Produces
    @Singleton
    StreamTickets streamTickets(AuthConfig config) {
        return StreamTickets.withRandomKey(config.streamTicketTtl(), clock);
    }

    @Produces
    @Singleton
    MongoAuditLog auditLog(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
            AuthConfig config, MeterRegistry meters) {
        return new MongoAuditLog(mongo.getDatabase(database).getCollection(config.auditCollection(), Document.class),
                meters);
    }

    void closeAuditLog(@Disposes MongoAuditLog log) {
        log.close();
    }
}
