package dev.periscope.eventwriter.writer;

import static dev.periscope.eventwriter.writer.ClickHouseTestSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;

/** Versioned migrations and RETENTION_DAYS against the real engine (own database, dropped afterwards). */
class SchemaMigrationsIT {
    private Client client;
    private String database;

    @BeforeEach
    void connect() {
        client = ClickHouseTestSupport.client();
        database = ClickHouseTestSupport.uniqueDatabase("periscope_mig");
    }

    @AfterEach
    void drop() {
        ClickHouseTestSupport.drop(client, database);
        client.close();
    }

    @Test
    void everyMigrationIsAppliedOnceAndRecordedWithItsChecksum() {
        new ClickHouseSchema(client, database, 7, TIMEOUT).ensureApplied();
        ClickHouseSchema again = new ClickHouseSchema(client, database, 7, TIMEOUT);
        again.ensureApplied(); // a second start applies nothing new

        List<GenericRecord> recorded = client.queryAll("SELECT version, name, checksum FROM `" + database
                + "`.schema_migrations ORDER BY version");
        assertThat(recorded).extracting(r -> r.getInteger("version")).containsExactly(1, 2, 3);
        assertThat(recorded).extracting(r -> r.getString("name"))
                .containsExactly("api_events_raw", "raw_contract_columns", "rollups");
        assertThat(recorded).allSatisfy(r -> assertThat(r.getString("checksum")).hasSize(64));

        List<GenericRecord> tables = client.queryAll("SELECT name, engine FROM system.tables WHERE database = '"
                + database + "' ORDER BY name");
        assertThat(tables).extracting(r -> r.getString("name") + ":" + r.getString("engine")).containsExactly(
                "api_events_1d:AggregatingMergeTree", "api_events_1d_mv:MaterializedView",
                "api_events_1h:AggregatingMergeTree", "api_events_1h_mv:MaterializedView",
                "api_events_1m:AggregatingMergeTree", "api_events_1m_mv:MaterializedView",
                "api_events_raw:MergeTree", "schema_migrations:MergeTree");
        List<String> columns = client.queryAll("SELECT name FROM system.columns WHERE database = '" + database
                + "' AND table = 'api_events_raw' ORDER BY position").stream().map(r -> r.getString("name")).toList();
        assertThat(columns).containsExactlyElementsOf(ApiEventsRawTable.COLUMNS);
    }

    @Test
    void aChangedRetentionIsAppliedToTheExistingTable() {
        ClickHouseSchema sevenDays = new ClickHouseSchema(client, database, 7, TIMEOUT);
        sevenDays.ensureApplied();
        assertThat(sevenDays.currentRetentionDays()).hasValue(7);

        ClickHouseSchema thirtyDays = new ClickHouseSchema(client, database, 30, TIMEOUT);
        thirtyDays.ensureApplied();
        assertThat(thirtyDays.currentRetentionDays()).hasValue(30);
        assertThat(client.queryAll("SELECT count() AS n FROM `" + database + "`.schema_migrations").get(0)
                .getLong("n")).isEqualTo(3);
    }

    @Test
    void anEditedMigrationIsRefusedAndNothingIsMarkedApplied() {
        ClickHouseSchema schema = new ClickHouseSchema(client, database, 7, TIMEOUT);
        schema.ensureApplied();
        ClickHouseTestSupport.execute(client, "TRUNCATE TABLE `" + database + "`.schema_migrations");
        for (SchemaScripts.Migration m : SchemaScripts.migrations(getClass().getClassLoader(),
                java.util.Map.of("database", database, "retention_days", "7"))) {
            ClickHouseTestSupport.execute(client, "INSERT INTO `" + database + "`.schema_migrations (version, name,"
                    + " checksum) VALUES (" + m.version() + ", '" + m.name() + "', '"
                    + (m.version() == 2 ? "edited" : m.checksum()) + "')");
        }

        ClickHouseSchema next = new ClickHouseSchema(client, database, 7, TIMEOUT);
        assertThatThrownBy(next::ensureApplied).isInstanceOf(SinkException.class)
                .hasMessageContaining("V002__raw_contract_columns was edited after it was applied");
        assertThat(next.applied()).isFalse();
    }

    @Test
    void aDatabaseCreatedBeforeMigrationsWereRecordedIsBroughtUpToDate() {
        // the skeleton's V001 table, without the migrations table
        List<String> v001 = SchemaScripts.migrations(getClass().getClassLoader(),
                java.util.Map.of("database", database, "retention_days", "7")).get(0).statements();
        v001.forEach(sql -> ClickHouseTestSupport.execute(client, sql));

        new ClickHouseSchema(client, database, 7, TIMEOUT).ensureApplied();
        assertThat(client.queryAll("SELECT count() AS n FROM system.columns WHERE database = '" + database
                + "' AND table = 'api_events_raw' AND name = 'sample_weight'").get(0).getLong("n")).isEqualTo(1);
    }
}
