package dev.periscope.readiness.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

import dev.periscope.kit.config.InstanceIdentity;
import dev.periscope.readiness.auth.TestTokens;
import dev.periscope.readiness.backup.BackupFiles;
import dev.periscope.readiness.backup.BackupService;
import dev.periscope.readiness.dr.BackupRecord;
import dev.periscope.readiness.dr.BackupTrigger;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Backups and the mongo-backup-restore drill against the real MongoDB-API server, in a database of the test run's
 * own: a backup with manifest and checksums, a drill that restores it into a scratch database and passes, a drill
 * over a corrupted backup that fails — and with it the checklist item {@code ha.restore-drill-passed}.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupDrillIT {
    private static final int INVENTORY_DOCUMENTS = 25;

    @Inject
    MongoClient mongo;

    @Inject
    InstanceIdentity identity;

    @Inject
    BackupService backups;

    @Inject
    dev.periscope.readiness.drill.DrillScheduler scheduler;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String auditDatabase;

    @ConfigProperty(name = "periscope.readiness.backup.database")
    String database;

    private MongoDatabase db() {
        return mongo.getDatabase(database);
    }

    @Test
    @Order(1)
    void aBackupWritesEveryCollectionWithManifestAndChecksums() throws Exception {
        db().drop();
        List<Document> inventory = new ArrayList<>();
        for (int i = 0; i < INVENTORY_DOCUMENTS; i++) {
            inventory.add(new Document("_id", "key-" + i).append("hits", (long) i * 1_000_000_000L)
                    .append("status_dist", new Document("200", i)).append("ratio", i / 3.0)
                    .append("first_seen", new Date(1_764_000_000_000L + i)).append("ref", new ObjectId())
                    .append("tags", List.of("pii", "auth-" + i)));
        }
        db().getCollection("api_inventory").insertMany(inventory);
        db().getCollection("runtime_config").insertOne(new Document("_id", "default").append("version", 7));

        JsonPath backup = driller().post("/api/backups").then().statusCode(200).extract().jsonPath();

        assertThat(backup.getString("trigger")).isEqualTo("manual");
        assertThat(backup.getInt("collections")).isEqualTo(8);
        assertThat(backup.getLong("documents")).isEqualTo(INVENTORY_DOCUMENTS + 1);
        Path dir = Path.of(backup.getString("path"));
        assertThat(dir.resolve("api_inventory.ejson.gz")).isRegularFile();
        assertThat(dir.resolve(BackupFiles.MANIFEST_CHECKSUM)).content()
                .startsWith(backup.getString("manifest_sha256") + "  manifest.json");
        assertThat(Files.readString(dir.resolve(BackupFiles.MANIFEST)))
                .contains("\"collection\" : \"threat_intel_feeds\"", "\"existed\" : false");

        JsonPath list = reader().get("/api/backups").then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("backups.id")).contains(backup.getString("id"));
        assertThat(list.getList("schedule.name")).containsExactly("hourly", "daily", "weekly");

        // readers may look, not take backups
        reader().post("/api/backups").then().statusCode(403);
    }

    @Test
    @Order(2)
    void aDrillRestoresIntoAScratchDatabaseVerifiesAndDropsIt() {
        JsonPath drill = driller().post("/api/drills/mongo-backup-restore").then().statusCode(200).extract()
                .jsonPath();

        assertThat(drill.getBoolean("passed")).as(drill.prettify()).isTrue();
        assertThat(drill.getString("drill")).isEqualTo("mongo-backup-restore");
        assertThat(drill.getString("error")).isNull();
        assertThat(drill.getList("checks.name")).contains("backup", "verify files", "restore",
                "compare api_inventory", "compare runtime_config", "compare threat_intel_feeds", "drop scratch database");
        assertThat(drill.getList("checks.ok", Boolean.class)).containsOnly(true);
        assertThat(drill.getString("checks.find { it.name == 'compare api_inventory' }.detail"))
                .isEqualTo(INVENTORY_DOCUMENTS + "/" + INVENTORY_DOCUMENTS + " documents, digest matches");
        String scratch = drill.getString("scratch_database");
        assertThat(scratch).startsWith("readiness_drill_");
        assertThat(mongo.listDatabaseNames().into(new ArrayList<>())).doesNotContain(scratch);

        String id = drill.getString("id");
        reader().get("/api/drills/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(reader().get("/api/drills/" + id).then().extract().jsonPath().getBoolean("passed")).isTrue();
        JsonPath drills = reader().get("/api/drills").then().statusCode(200).extract().jsonPath();
        assertThat(drills.getList("drills.id")).contains(id);
        assertThat(drills.getString("last_passed.id")).isEqualTo(id);
        assertThat(reader().get("/api/dr").then().statusCode(200).extract().jsonPath().getBoolean("drill.current"))
                .isTrue();
    }

    @Test
    @Order(3)
    void aDrillOverACorruptedBackupFailsAndFailsTheChecklistItem() throws Exception {
        JsonPath backup = driller().post("/api/backups").then().statusCode(200).extract().jsonPath();
        Path file = Path.of(backup.getString("path")).resolve("api_inventory.ejson.gz");
        // a well-formed file whose content changed after the backup (one document missing, one edited)
        try (BufferedWriter out = BackupFiles.writer(file)) {
            out.write("{\"_id\": \"key-0\", \"hits\": {\"$numberLong\": \"1\"}}\n");
        }

        JsonPath drill = driller().queryParam("backup", backup.getString("id"))
                .post("/api/drills/mongo-backup-restore").then().statusCode(200).extract().jsonPath();

        assertThat(drill.getBoolean("passed")).isFalse();
        assertThat(drill.getString("backup_id")).isEqualTo(backup.getString("id"));
        assertThat(drill.getString("error")).startsWith("backup files do not match the manifest: "
                + "api_inventory.ejson.gz: file checksum");
        assertThat(drill.getList("checks.name")).doesNotContain("restore");

        JsonPath dr = reader().get("/api/dr").then().statusCode(200).extract().jsonPath();
        assertThat(dr.getBoolean("drill.last.passed")).isFalse();
        assertThat(dr.getString("stores.find { it.name == 'mongodb' }.check.status")).isEqualTo("fail");
        assertThat(dr.getString("runbook.steps.find { it.step == 2 }.result.status")).isEqualTo("fail");

        String subject = identity.service() + "/" + identity.instanceId();
        await("the failed drill reaches the checklist").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    JsonPath item = reader().get("/api/checklist/ha.restore-drill-passed").then().statusCode(200)
                            .extract().jsonPath();
                    Map<String, Object> own = item.getMap("evidence.find { it.subject == '" + subject + "' }");
                    assertThat(own).isNotNull().containsEntry("status", "fail");
                    assertThat((String) own.get("message")).contains("failed " + drill.getString("id"));
                });
        // the backup item passes on the same report: the newest backup is minutes old
        JsonPath fresh = reader().get("/api/checklist/ha.mongodb-backup-fresh").then().statusCode(200).extract()
                .jsonPath();
        assertThat(fresh.getString("evidence.find { it.subject == '" + subject + "' }.status")).isEqualTo("pass");
    }

    @Test
    @Order(4)
    void unknownBackupsAndDrillsAre404() {
        driller().queryParam("backup", "no-such-backup").post("/api/drills/mongo-backup-restore").then()
                .statusCode(404);
        reader().get("/api/drills/no-such-drill").then().statusCode(404);
    }

    @Test
    @Order(5)
    void theScheduleTakesOneBackupForEveryDueTierThenWaits() {
        // the test profile turns the scheduler off; this is what its tick does
        java.util.Optional<BackupRecord> first = backups.takeIfDue();

        assertThat(first).get().satisfies(b -> {
            assertThat(b.trigger()).isEqualTo(BackupTrigger.SCHEDULED);
            assertThat(b.tiers()).containsExactly("hourly", "daily", "weekly");
        });
        assertThat(backups.takeIfDue()).isEmpty();
        assertThat(backups.summary().latest()).contains(first.get());
        assertThat(reader().get("/api/backups").then().statusCode(200).extract().jsonPath()
                .getString("backups[0].trigger")).isEqualTo("scheduled");
    }

    @Test
    @Order(6)
    void aScheduledDrillRunsAndIsAudited() {
        java.time.Instant before = java.time.Instant.now().minusSeconds(1);

        scheduler.run(); // what the schedule's tick does (the test profile turns the schedule off)

        var audit = mongo.getDatabase(auditDatabase).getCollection("readiness_audit");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(audit.find(com.mongodb.client.model.Filters.and(
                        com.mongodb.client.model.Filters.eq("who", "scheduler"),
                        com.mongodb.client.model.Filters.gte("when", java.util.Date.from(before))))
                        .into(new ArrayList<>())).singleElement().satisfies(record -> {
                            assertThat(record.getString("what")).startsWith("scheduled drill mongo-backup-restore ");
                            assertThat(record.getString("outcome")).isEqualTo("passed");
                        }));
        assertThat(reader().get("/api/drills").then().statusCode(200).extract().jsonPath()
                .getBoolean("drills[0].passed")).isTrue();
    }

    @AfterAll
    void dropTheTestDatabase() {
        db().drop();
    }

    private static RequestSpecification reader() {
        return given().header(TestTokens.HEADER, TestTokens.bearer(TestTokens.READ));
    }

    private static RequestSpecification driller() {
        return given().header(TestTokens.HEADER, TestTokens.bearer(TestTokens.DRILLS));
    }
}
