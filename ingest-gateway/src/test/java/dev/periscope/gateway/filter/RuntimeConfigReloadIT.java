package dev.periscope.gateway.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import jakarta.inject.Inject;

import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

import dev.periscope.kit.health.ServiceHealth;
import dev.periscope.kit.runtimeconfig.RuntimeConfigPoller;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;
import dev.periscope.model.v1.FactValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * Hot reload of the runtime config against the real local MongoDB-API server: a valid version is applied, an
 * invalid one is rejected with the last-good kept and the error visible, the next valid one is applied.
 */
@QuarkusTest
@TestProfile(RuntimeConfigReloadProfile.class)
class RuntimeConfigReloadIT {
    private static final Duration BOUND = Duration.ofSeconds(20);

    @Inject
    MongoClient mongo;

    @Inject
    IngestFilterProvider filters;

    @Inject
    MeterRegistry registry;

    @Inject
    ServiceHealth health;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @ConfigProperty(name = "periscope.runtime-config.collection")
    String collection;

    @AfterEach
    void dropDatabase() {
        mongo.getDatabase(database).drop();
    }

    @Test
    void appliesValidVersionsKeepsTheLastGoodOnAnInvalidOneAndShowsWhy() throws Exception {
        String project = AccessEvents.uniqueProjectId("rcit");
        AccessEvent fromProject = AccessEvents.rawHttp(project, "POST", "/api/v1/orders", 201).build();
        AccessEvent toInternalHost = AccessEvents.rawHttp("other", "POST", "/api/v1/orders", 201)
                .setHost("Internal.Example.test").build();
        assertThat(database).startsWith("periscope_rcit_");
        assertThat(filters.current().version()).as("no document yet: built-in defaults").isZero();
        assertThat(filters.dropReason(fromProject)).isEmpty();

        // version 1: exclude the project
        store(new Document("_id", "default").append("version", 1).append("updated_by", "RuntimeConfigReloadIT")
                .append("updated_at", new Date())
                .append("policy", new Document("exclude", new Document("projects", List.of(project)))));
        await().atMost(BOUND).until(() -> filters.current().version() == 1);
        assertThat(filters.dropReason(fromProject)).contains(IngestFilter.REASON_EXCLUDE_PROJECT);
        assertThat(counter(RuntimeConfigPoller.RELOADS)).isEqualTo(1);
        assertThat(registry.get(RuntimeConfigPoller.VERSION).gauge().value()).isEqualTo(1);

        // version 2: an invalid regex and a /0 trusted TLS proxy -> rejected, version 1 stays
        double failuresBefore = counter(RuntimeConfigPoller.POLL_FAILURES);
        store(new Document("_id", "default").append("version", 2.0)
                .append("policy", new Document("exclude", new Document("hosts", List.of("([unclosed")))
                        .append("trusted_tls_proxy_cidrs", List.of("0.0.0.0/0"))));
        await().atMost(BOUND).until(() -> counter(RuntimeConfigPoller.POLL_FAILURES) > failuresBefore);
        assertThat(filters.current().version()).isEqualTo(1);
        assertThat(filters.dropReason(fromProject)).contains(IngestFilter.REASON_EXCLUDE_PROJECT);
        JsonObject rejected = configz().getJsonObject("runtime_config");
        assertThat(rejected.getLong("version")).isEqualTo(1);
        assertThat(rejected.getString("source")).isEqualTo("mongodb");
        assertThat(rejected.getLong("consecutive_failures")).isPositive();
        assertThat(rejected.getString("last_error")).contains("version 2")
                .contains("policy.exclude.hosts[0]: invalid regex '([unclosed'")
                .contains("policy.trusted_tls_proxy_cidrs[0]: /0 is not allowed");
        assertThat(rejected.getJsonObject("policy").getJsonObject("exclude").getJsonArray("projects").getList())
                .containsExactly(project);
        FactValue failuresFact = health.report().getFactsMap().get("runtime_config.consecutive_failures");
        assertThat(failuresFact.getIntValue()).isPositive();
        assertThat(health.report().getFactsMap().get("runtime_config.last_error").getStringValue())
                .contains("invalid regex");
        assertThat(health.ready()).as("runtime config never makes the gateway not-ready").isTrue();

        // version 3: valid again -> applied, the error clears
        store(new Document("_id", "default").append("version", 3L)
                .append("policy", new Document("exclude", new Document("hosts", List.of("^internal\\.")))));
        await().atMost(BOUND).until(() -> filters.current().version() == 3);
        assertThat(filters.dropReason(toInternalHost)).contains(IngestFilter.REASON_EXCLUDE_HOST);
        assertThat(filters.dropReason(fromProject)).isEmpty();
        assertThat(counter(RuntimeConfigPoller.RELOADS)).isEqualTo(2);
        JsonObject applied = configz().getJsonObject("runtime_config");
        assertThat(applied.getLong("version")).isEqualTo(3);
        assertThat(applied.getLong("consecutive_failures")).isZero();
        assertThat(applied.getString("last_error")).isEmpty();
        assertThat(health.report().getFactsMap().get("runtime_config.version").getIntValue()).isEqualTo(3);
    }

    private void store(Document document) {
        MongoCollection<Document> configs = mongo.getDatabase(database).getCollection(collection);
        configs.replaceOne(Filters.eq("_id", "default"), document, new ReplaceOptions().upsert(true));
    }

    private double counter(String name) {
        return registry.counter(name).count();
    }

    private static JsonObject configz() throws IOException, InterruptedException {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/configz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new JsonObject(response.body());
    }
}
