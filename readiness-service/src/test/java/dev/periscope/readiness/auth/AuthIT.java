package dev.periscope.readiness.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;

import dev.periscope.kit.config.InstanceIdentity;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Auth on the real HTTP stack: 401/403/429 as problem+json, the lock-out per client address (each test poses as its
 * own address through X-Forwarded-For, which this profile trusts), CORS preflights, the stream ticket, audit records
 * in the real local MongoDB, and the auth facts in the service's own HealthReport read back through Kafka.
 */
@QuarkusTest
@TestProfile(AuthIT.ShortLockout.class)
class AuthIT {
    private static final String ALLOWED_ORIGIN = "http://localhost:18400";

    public static class ShortLockout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("periscope.readiness.auth.lockout.max-failures", "3",
                    "periscope.readiness.auth.lockout.cool-down", "3s",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    @Inject
    MongoClient mongo;

    @Inject
    InstanceIdentity identity;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @TestHTTPResource("/api/checklist/stream")
    URL stream;

    private final String address = "198.51.100." + (1 + (int) (Math.random() * 250));

    @Test
    void noBadOrInsufficientTokenIsRefusedAsProblemJson() {
        from(address).when().get("/api/checklist").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"))
                .body("detail", startsWith("missing bearer token"));
        from(address).header("Authorization", "Bearer not-a-token-but-long-enough-to-look-like-one")
                .when().get("/api/instances").then().statusCode(401)
                .body("detail", equalTo("invalid bearer token"));
        as(TestTokens.DRILLS_ONLY).when().get("/api/checklist").then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("token 'test-drills-only' lacks the scope readiness:read"));
        as(TestTokens.READ).when().post("/api/checklist/rules/reload").then().statusCode(403)
                .body("detail", equalTo("token 'test-reader' lacks the scope admin"));
        as(TestTokens.READ).when().get("/api/checklist").then().statusCode(200);
        as(TestTokens.READ).when().get("/api/auth/whoami").then().statusCode(200)
                .body("id", equalTo(TestTokens.READ_ID))
                .body("scopes", equalTo(List.of("readiness:read")))
                .body("auth_enabled", equalTo(true));
        // the dashboard's login shell is public, its data is not
        from(address).when().get("/").then().statusCode(200);
        from(address).when().get("/dashboard/checklist").then().statusCode(401);
    }

    @Test
    void repeatedBadTokensLockTheAddressOutForTheCoolDown() {
        String other = "203.0.113." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 3; i++) {
            from(address).header("Authorization", "Bearer wrong-" + i).when().get("/api/checklist")
                    .then().statusCode(401);
        }
        Response locked = from(address).header("Authorization", TestTokens.bearer(TestTokens.READ))
                .when().get("/api/checklist");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(1, 3);
        // another address goes on
        from(other).header("Authorization", TestTokens.bearer(TestTokens.READ)).when().get("/api/checklist")
                .then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                from(address).header("Authorization", TestTokens.bearer(TestTokens.READ))
                        .when().get("/api/checklist").then().statusCode(200));
    }

    @Test
    void corsPreflightsAreAnsweredForAllowedOriginsOnly() {
        from(address).header("Origin", ALLOWED_ORIGIN).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .when().options("/api/checklist").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(ALLOWED_ORIGIN));
        from(address).header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .when().options("/api/checklist").then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
        // a cross-origin request from a refused origin is refused even with a good token
        as(TestTokens.READ).header("Origin", "https://evil.example").when().get("/api/checklist").then()
                .statusCode(403).header("Access-Control-Allow-Origin", nullValue());
        as(TestTokens.READ).header("Origin", ALLOWED_ORIGIN).when().get("/api/checklist").then()
                .statusCode(200).header("Access-Control-Allow-Origin", equalTo(ALLOWED_ORIGIN));
    }

    @Test
    void adminActionsAndRefusalsAreAuditedInMongoDbByTokenId() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String adminAddress = "192.0.2." + (1 + (int) (Math.random() * 250)) + "";
        Date before = new Date(System.currentTimeMillis() - 1_000);
        given().header("X-Forwarded-For", adminAddress).header("X-Test-Run", marker)
                .header("Authorization", TestTokens.bearer(TestTokens.ADMIN))
                .when().post("/api/checklist/rules/reload").then().statusCode(200);
        given().header("X-Forwarded-For", adminAddress)
                .header("Authorization", TestTokens.bearer(TestTokens.READ))
                .when().post("/api/checklist/rules/reload").then().statusCode(403);
        given().header("X-Forwarded-For", adminAddress)
                .when().post("/api/drills/mongo-backup-restore").then().statusCode(401);

        var audit = mongo.getDatabase(database).getCollection("readiness_audit");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(audit.find(Filters.and(Filters.eq("address", adminAddress),
                        Filters.gte("when", before))).into(new ArrayList<>())).hasSize(3));
        List<Document> records = audit.find(Filters.and(Filters.eq("address", adminAddress),
                Filters.gte("when", before))).into(new ArrayList<>());
        assertThat(records).extracting(d -> d.getString("who") + " " + d.getString("what") + " "
                + d.getInteger("status") + " " + d.getString("outcome")).containsExactlyInAnyOrder(
                "test-admin POST /api/checklist/rules/reload 200 allowed",
                "test-reader POST /api/checklist/rules/reload 403 refused",
                "anonymous POST /api/drills/mongo-backup-restore 401 refused");
        assertThat(records).allSatisfy(d -> assertThat(d.toJson()).doesNotContain(TestTokens.ADMIN)
                .doesNotContain(TestTokens.READ));
        // reads are not audited
        as(TestTokens.READ).header("X-Forwarded-For", adminAddress).when().get("/api/checklist").then().statusCode(200);
        assertThat(audit.countDocuments(Filters.and(Filters.eq("address", adminAddress),
                Filters.eq("what", "GET /api/checklist")))).isZero();
    }

    @Test
    void aStreamTicketOpensTheEventStreamWithoutHeaders() throws Exception {
        String ticket = as(TestTokens.READ).when().get("/api/auth/stream-ticket").then().statusCode(200)
                .body("expires_at", org.hamcrest.Matchers.notNullValue())
                .extract().path("ticket");
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> opened = client.send(HttpRequest.newBuilder(
                URI.create(stream + "?ticket=" + ticket)).header("Accept", "text/event-stream")
                .header("X-Forwarded-For", address).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
        opened.body().close();

        HttpResponse<String> forged = client.send(HttpRequest.newBuilder(URI.create(stream + "?ticket=x" + ticket))
                .header("X-Forwarded-For", address).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(401);
        // the ticket opens nothing else
        from(address).when().get("/api/checklist?ticket=" + ticket).then().statusCode(401);
    }

    @Test
    void itsOwnHealthReportSaysTheAdminTokenIsStrongAndCorsIsNoWildcard() {
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                as(TestTokens.READ).when().get("/api/instances/readiness-service").then().statusCode(200)
                        .body("find { it.instance_id == '" + identity.instanceId() + "' }.facts", org.hamcrest.Matchers
                                .allOf(org.hamcrest.Matchers.hasEntry("security.admin_token.strong", (Object) true),
                                        org.hamcrest.Matchers.hasEntry("http.cors.wildcard", (Object) false))));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                as(TestTokens.READ).when().get("/api/checklist/security.admin-token").then().statusCode(200)
                        .body("evidence.findAll { it.subject == 'readiness-service/" + identity.instanceId()
                                + "' }.status", hasItem("pass")));
    }

    private RequestSpecification as(String token) {
        return from(address).header("Authorization", TestTokens.bearer(token));
    }

    private static RequestSpecification from(String address) {
        return given().header("X-Forwarded-For", address);
    }
}
