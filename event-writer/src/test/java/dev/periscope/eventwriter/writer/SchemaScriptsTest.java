package dev.periscope.eventwriter.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class SchemaScriptsTest {
    private static final Map<String, String> VARS = Map.of("database", "periscope", "retention_days", "7");

    @Test
    void splitsStatementsAndDropsCommentLines() {
        List<String> statements = SchemaScripts.statements("""
                -- a comment; with a semicolon
                CREATE DATABASE IF NOT EXISTS `${database}`;

                CREATE TABLE IF NOT EXISTS `${database}`.t (a UInt8) ENGINE = MergeTree ORDER BY a
                TTL now() + INTERVAL ${retention_days} DAY;
                """, VARS);
        assertThat(statements).containsExactly("CREATE DATABASE IF NOT EXISTS `periscope`",
                "CREATE TABLE IF NOT EXISTS `periscope`.t (a UInt8) ENGINE = MergeTree ORDER BY a\n"
                        + "TTL now() + INTERVAL 7 DAY");
    }

    @Test
    void unknownPlaceholderIsAnError() {
        assertThatThrownBy(() -> SchemaScripts.statements("SELECT ${nope}", VARS))
                .hasMessageContaining("${nope}");
    }

    @Test
    void indexAcceptsOnlyVersionedFileNames() {
        assertThat(SchemaScripts.fileNames("# header\n\nV001__a.sql\nV002__b_c.sql\n"))
                .containsExactly("V001__a.sql", "V002__b_c.sql");
        assertThatThrownBy(() -> SchemaScripts.fileNames("rollups.sql")).hasMessageContaining("rollups.sql");
    }

    @Test
    void shippedSchemaCreatesTheRawTableWithTheSeedLayout() {
        List<SchemaScripts.Migration> migrations = SchemaScripts.migrations(getClass().getClassLoader(), VARS);
        assertThat(migrations).extracting(SchemaScripts.Migration::version).containsExactly(1, 2, 3);
        List<String> statements = migrations.get(0).statements();
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0)).isEqualTo("CREATE DATABASE IF NOT EXISTS `periscope`");
        String table = statements.get(1) + "\n" + migrations.get(1).statements().get(0);
        assertThat(table).startsWith("CREATE TABLE IF NOT EXISTS `periscope`.api_events_raw")
                .contains("ENGINE = MergeTree", "PARTITION BY toYYYYMMDD(ts)",
                        "ORDER BY (project_id, normalized_path, ts)", "TTL toDateTime(ts) + INTERVAL 7 DAY",
                        "non_replicated_deduplication_window", "CODEC(Gorilla", "CODEC(DoubleDelta",
                        "grpc_status         Nullable(Int32)", "Map(LowCardinality(String), String)",
                        "Array(LowCardinality(String))", "query_params        Array(String)");
        for (String column : ApiEventsRawTable.COLUMNS) {
            assertThat(table).containsPattern("\\n\\s+(ADD COLUMN IF NOT EXISTS )?" + column + "\\s");
        }
        assertThat(table).contains("sample_weight        UInt32 DEFAULT 1");
    }

    @Test
    void rollupsAreAggregatingTablesFedByViewsWithTheSeedRetention() {
        List<String> rollups = SchemaScripts.migrations(getClass().getClassLoader(), VARS).get(2).statements();
        assertThat(rollups).hasSize(6);
        String[][] expected = {{"api_events_1m", "30", "toStartOfMinute(ts)"}, {"api_events_1h", "180",
                "toStartOfHour(ts)"}, {"api_events_1d", "730", "toDate(ts)"}};
        for (int i = 0; i < 3; i++) {
            String table = rollups.get(2 * i);
            String view = rollups.get(2 * i + 1);
            assertThat(table).startsWith("CREATE TABLE IF NOT EXISTS `periscope`." + expected[i][0] + "\n")
                    .contains("ENGINE = AggregatingMergeTree", "TTL bucket + INTERVAL " + expected[i][1] + " DAY",
                            "non_replicated_deduplication_window", "events_count       AggregateFunction(sum, UInt64)",
                            "quantilesTDigestWeighted(0.5, 0.95, 0.99)", "uniqHLL12", "error_count",
                            "client_error_count", "response_bytes_max", "max_risk_score", "duration_avg");
            assertThat(view).startsWith("CREATE MATERIALIZED VIEW IF NOT EXISTS `periscope`." + expected[i][0]
                    + "_mv TO `periscope`." + expected[i][0]).contains(expected[i][2] + " AS bucket",
                            "sumState(toUInt64(sample_weight)) AS events_count");
            assertThat(table.contains("normalized_path")).isEqualTo(i < 2); // the day rollup has no path
        }
    }

    @Test
    void checksumIgnoresSettingsButNotEdits() {
        String text = "CREATE TABLE t TTL x + INTERVAL ${retention_days} DAY;";
        assertThat(SchemaScripts.checksum(text)).isEqualTo(SchemaScripts.checksum(text.replace("\n", "\r\n")))
                .isNotEqualTo(SchemaScripts.checksum(text + " "));
        assertThat(SchemaScripts.checksum(text)).hasSize(64);
    }

    @Test
    void everySchemaFileIsListedInTheIndex() throws IOException {
        Path dir = Path.of("src/main/resources/db/clickhouse");
        List<String> listed = SchemaScripts.fileNames(Files.readString(dir.resolve("index.txt")));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted())
                    .containsExactlyElementsOf(listed);
        }
    }
}
