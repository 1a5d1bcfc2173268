package dev.periscope.inventory.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.periscope.inventory.domain.InventoryBatch;
import dev.periscope.inventory.mapping.InventoryUpdateMapper;
import dev.periscope.inventory.repository.InventoryRepository;
import dev.periscope.model.InventoryKey;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The read API against documents written to the real MongoDB-API server. */
@QuarkusTest
class InventoryReadApiIT {
    private static final long T0 = 1_780_000_000_000L;

    @Inject
    InventoryRepository repository;

    private final InventoryUpdateMapper mapper = new InventoryUpdateMapper();
    private String project;
    private String loginId;

    @BeforeEach
    void inventory() {
        project = AccessEvents.uniqueProjectId("read-api-it");
        InventoryBatch<Integer> batch = new InventoryBatch<>();
        AccessEvent login = AccessEvents.enriched(project, "POST", "/login", 200).setTsMs(T0).setConfirmed(true)
                .setRiskScore(92).addRiskFlags("brute_force").addEndpointCategories("auth_endpoint")
                .setAuthObserved(false).build();
        loginId = InventoryKey.of(login).id();
        for (int i = 0; i < 3; i++) {
            batch.add(login.toBuilder().setStatusCode(i == 0 ? 401 : 200).build(), 0, i, i);
        }
        AccessEvent user = AccessEvents.enriched(project, "GET", "/users/{id}", 200).setTsMs(T0 + 1000)
                .setConfirmed(true).setRiskScore(45).addPiiCategories("email").setAuthObserved(true)
                .addAuthSchemes("jwt").addQueryParamNames("fields").build();
        batch.add(user, 0, 3, 3);
        batch.add(user.toBuilder().setAuthObserved(false).clearAuthSchemes().build(), 0, 4, 4);
        for (int i = 0; i < 6; i++) {
            batch.add(AccessEvents.enriched(project, "GET", "/orders/" + (7000 + i), 404).setTsMs(T0 + 2000 + i)
                    .setHost("shop.example.test").build(), 0, 5 + i, 5 + i);
        }
        batch.add(AccessEvents.enriched(project, "GET", "/.env", 404).setTsMs(T0 + 9000).addRiskFlags("scanner")
                .setRiskScore(70).build(), 0, 20, 20);
        repository.upsert(batch.deltas().stream().map(mapper::toWriteModel).toList());
    }

    @Test
    void listsFiltersSortsAndPages() {
        JsonPath all = given().queryParam("project", project).when().get("/api/inventory").then().statusCode(200)
                .extract().jsonPath();
        assertThat(all.getLong("total")).isEqualTo(9);
        assertThat(all.getInt("limit")).isEqualTo(20);
        assertThat(all.getString("items[0].normalized_path")).as("last_seen desc by default").isEqualTo("/.env");

        given().queryParam("project", project).queryParam("method", "post").when().get("/api/inventory").then()
                .statusCode(200).body("total", equalTo(1)).body("items[0]._id", equalTo(loginId))
                .body("items[0].seen_count", equalTo(3)).body("items[0].status_dist.'401'", equalTo(1));
        given().queryParam("project", project).queryParam("risk_flag", "brute_force").when().get("/api/inventory")
                .then().body("total", equalTo(1));
        given().queryParam("project", project).queryParam("risk_flag", "auth_inconsistent").when()
                .get("/api/inventory").then().body("total", equalTo(1))
                .body("items[0].normalized_path", equalTo("/users/{id}"))
                .body("items[0].auth_inconsistent", equalTo(true))
                .body("items[0].risk_flags", hasItem("auth_inconsistent"));
        given().queryParam("project", project).queryParam("category", "auth_endpoint").when().get("/api/inventory")
                .then().body("total", equalTo(1));
        given().queryParam("project", project).queryParam("pii_category", "email").when().get("/api/inventory")
                .then().body("total", equalTo(1));
        given().queryParam("project", project).queryParam("host_prefix", "shop.").when().get("/api/inventory")
                .then().body("total", equalTo(6));
        given().queryParam("project", project).queryParam("path_prefix", "/orders/70").queryParam("sort",
                "normalized_path").queryParam("order", "asc").queryParam("limit", 2).queryParam("offset", 2).when()
                .get("/api/inventory").then().body("total", equalTo(6)).body("items.size()", equalTo(2))
                .body("items[0].normalized_path", equalTo("/orders/7002"));
        given().queryParam("project", project).queryParam("min_risk", 50).queryParam("max_risk", 80).when()
                .get("/api/inventory").then().body("total", equalTo(1))
                .body("items[0].normalized_path", equalTo("/.env"));
        given().queryParam("project", project).queryParam("min_seen", 2).when().get("/api/inventory").then()
                .body("total", equalTo(2));
        given().queryParam("project", project).queryParam("last_seen_from", T0 + 1000)
                .queryParam("last_seen_to", T0 + 2002).when().get("/api/inventory").then()
                .body("total", equalTo(4));
        given().queryParam("project", project).queryParam("confirmed", "true").when().get("/api/inventory").then()
                .body("total", equalTo(2));
    }

    @Test
    void badParametersAreProblems() {
        given().queryParam("project", project).queryParam("limit", 500).queryParam("min_risk", "high").when()
                .get("/api/inventory").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400)).body("title", equalTo("Invalid query parameters"))
                .body("invalid_params.name", hasItem("limit")).body("invalid_params.name", hasItem("min_risk"));
        given().when().get("/api/inventory/risk-summary").then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        given().queryParam("project", project).when().get("/api/inventory/not-an-id").then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
        given().queryParam("project", "another-project").when().get("/api/inventory/" + loginId).then()
                .statusCode(404);
    }

    @Test
    void aDocumentOfAnotherShapeIsAProblemNotAStackTrace() {
        repository.documents().insertOne(new org.bson.Document("_id", "foreign-" + project)
                .append("project_id", project).append("seen_count", "many"));

        given().queryParam("project", project).when().get("/api/inventory/foreign-" + project).then()
                .statusCode(500).contentType(Problem.MEDIA_TYPE).body("title", equalTo("Unreadable document"));
    }

    @Test
    void oneEndpointAndTheLenses() {
        given().queryParam("project", project).when().get("/api/inventory/" + loginId).then().statusCode(200)
                .body("method", equalTo("POST")).body("confirmed", equalTo(true))
                .body("max_risk_score", equalTo(92)).body("latency_buckets.lt25", equalTo(3.0f))
                .body("flag_last_seen", hasKey("brute_force")).body("applied.'0'", equalTo(2));

        given().queryParam("project", project).when().get("/api/inventory/attack-surface").then().statusCode(200)
                .body("total", equalTo(7));
        given().queryParam("project", project).queryParam("confirmed", "true").when()
                .get("/api/inventory/attack-surface").then().statusCode(400);

        JsonPath summary = given().queryParam("project", project).when().get("/api/inventory/risk-summary").then()
                .statusCode(200).extract().jsonPath();
        assertThat(summary.getLong("endpoints")).isEqualTo(9);
        assertThat(summary.getLong("attack_surface")).isEqualTo(7);
        assertThat(summary.getLong("seen_total")).isEqualTo(12);
        assertThat(summary.getList("riskiest.normalized_path")).startsWith("/login", "/.env");

        given().queryParam("project", project).when().get("/api/inventory/normalize-gaps").then().statusCode(200)
                .body("[0].suggested_path", equalTo("/orders/{id}")).body("[0].distinct_values", equalTo(6));
        given().queryParam("project", project).queryParam("min_distinct", 1).when()
                .get("/api/inventory/normalize-gaps").then().statusCode(400);

        JsonPath openApi = given().queryParam("project", project).when().get("/api/inventory/openapi").then()
                .statusCode(200).header("X-Periscope-Truncated", "false").extract().jsonPath();
        assertThat(openApi.getString("openapi")).isEqualTo("3.0.3");
        assertThat(openApi.getMap("paths")).containsOnlyKeys("/login", "/users/{id}");
        assertThat(openApi.getList("paths.'/users/{id}'.get.parameters.name")).containsExactly("id", "fields");
    }

    @Test
    void theReadApiIsDescribedInOpenApi() {
        int managementPort = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        String description = given().when().get("http://127.0.0.1:" + managementPort + "/openapi").then()
                .statusCode(200).extract().asString();

        assertThat(description).contains("/api/inventory/risk-summary", "/api/inventory/attack-surface",
                "/api/inventory/{id}", "application/problem+json", "min_risk");
    }
}
