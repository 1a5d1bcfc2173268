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
        List<String> statements = SchemaScripts.load(getClass().getClassLoader(), VARS);
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0)).isEqualTo("CREATE DATABASE IF NOT EXISTS `periscope`");
        String table = statements.get(1);
        assertThat(table).startsWith("CREATE TABLE IF NOT EXISTS `periscope`.api_events_raw")
                .contains("ENGINE = MergeTree", "PARTITION BY toYYYYMMDD(ts)",
                        "ORDER BY (project_id, normalized_path, ts)", "TTL toDateTime(ts) + INTERVAL 7 DAY",
                        "non_replicated_deduplication_window", "CODEC(Gorilla", "CODEC(DoubleDelta",
                        "grpc_status         Nullable(Int32)", "Map(LowCardinality(String), String)",
                        "Array(LowCardinality(String))", "query_params        Array(String)");
        for (String column : ApiEventsRawTable.COLUMNS) {
            assertThat(table).containsPattern("\\n\\s+" + column + "\\s");
        }
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
