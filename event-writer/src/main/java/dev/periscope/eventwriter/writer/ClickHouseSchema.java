package dev.periscope.eventwriter.writer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;


/**
 * Brings the database to the shipped schema: applies every migration not yet recorded in {@code schema_migrations}
 * (and records it with its checksum), refuses to go on when a recorded migration was edited since, and makes the
 * raw table's TTL match RETENTION_DAYS ({@code ALTER TABLE … MODIFY TTL}) also for a table created earlier. Runs once
 * per process, and again after the table went missing.
 */
public class ClickHouseSchema {
    private static final Logger LOG = Logger.getLogger(ClickHouseSchema.class);
    public static final String MIGRATIONS_TABLE = "schema_migrations";
    private static final Pattern TTL_DAYS = Pattern.compile("TTL toDateTime\\(ts\\) \\+ toIntervalDay\\((\\d+)\\)");

    private final Client client;
    private final String database;
    private final int retentionDays;
    private final List<SchemaScripts.Migration> migrations;
    private final Duration timeout;
    private volatile boolean applied;

    public ClickHouseSchema(Client client, String database, int retentionDays, Duration timeout) {
        this.client = client;
        this.database = database;
        this.retentionDays = retentionDays;
        this.timeout = timeout;
        this.migrations = SchemaScripts.migrations(ClickHouseSchema.class.getClassLoader(),
                Map.of("database", database, "retention_days", Integer.toString(retentionDays)));
    }

    public boolean applied() {
        return applied;
    }

    /** The newest migration version this build ships. */
    public int latestVersion() {
        return migrations.get(migrations.size() - 1).version();
    }

    /** The next write re-applies the schema first (someone dropped the table or database). */
    public void markStale() {
        applied = false;
    }

    /** @throws SinkException (retryable) when ClickHouse did not accept every statement */
    public synchronized void ensureApplied() {
        if (applied) {
            return;
        }
        try {
            execute("CREATE DATABASE IF NOT EXISTS `" + database + "`");
            execute("CREATE TABLE IF NOT EXISTS " + migrationsTable() + " (version UInt32, name String,"
                    + " checksum String, applied_at DateTime64(3) DEFAULT now64(3)) ENGINE = MergeTree ORDER BY version");
            Map<Integer, String> recorded = recordedChecksums();
            int newlyApplied = 0;
            for (SchemaScripts.Migration migration : migrations) {
                String checksum = recorded.get(migration.version());
                if (checksum != null) {
                    if (!checksum.equals(migration.checksum())) {
                        throw new IllegalStateException(String.format("migration V%03d__%s was edited after it was"
                                + " applied (recorded checksum %s, shipped %s); migrations are append-only",
                                migration.version(), migration.name(), checksum, migration.checksum()));
                    }
                    continue;
                }
                for (String statement : migration.statements()) {
                    execute(statement);
                }
                execute("INSERT INTO " + migrationsTable() + " (version, name, checksum) VALUES (" + migration.version()
                        + ", '" + migration.name() + "', '" + migration.checksum() + "')");
                newlyApplied++;
                LOG.infof("ClickHouse migration V%03d__%s applied to %s", migration.version(), migration.name(),
                        database);
            }
            alignRetention();
            applied = true;
            LOG.infof("ClickHouse schema of %s at version %d (%d migrations applied now)", database, latestVersion(),
                    newlyApplied);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SinkException.retryable("schema", "interrupted while applying the schema", e);
        } catch (SinkException e) {
            throw e;
        } catch (Exception e) {
            throw SinkException.retryable("schema", "schema not applied: " + ClickHouseErrors.describe(e), e);
        }
    }

    /** The raw table's TTL in days as ClickHouse reports it, if the table exists and has one. */
    public OptionalInt currentRetentionDays() {
        List<GenericRecord> rows = client.queryAll("SELECT engine_full FROM system.tables WHERE database = '"
                + database + "' AND name = '" + ApiEventsRawTable.NAME + "'");
        if (rows.isEmpty()) {
            return OptionalInt.empty();
        }
        Matcher matcher = TTL_DAYS.matcher(rows.get(0).getString("engine_full"));
        return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
    }

    private void alignRetention() throws Exception {
        OptionalInt current = currentRetentionDays();
        if (current.isPresent() && current.getAsInt() == retentionDays) {
            return;
        }
        execute("ALTER TABLE " + ApiEventsRawTable.qualifiedName(database) + " MODIFY TTL toDateTime(ts) + INTERVAL "
                + retentionDays + " DAY");
        LOG.infof("api_events_raw TTL changed from %s to %d days (RETENTION_DAYS)",
                current.isPresent() ? current.getAsInt() + " days" : "none", retentionDays);
    }

    private Map<Integer, String> recordedChecksums() {
        Map<Integer, String> recorded = new HashMap<>();
        for (GenericRecord row : client.queryAll("SELECT version, any(checksum) AS checksum FROM "
                + migrationsTable() + " GROUP BY version")) {
            recorded.put(row.getInteger("version"), row.getString("checksum"));
        }
        return recorded;
    }

    private String migrationsTable() {
        return "`" + database + "`." + MIGRATIONS_TABLE;
    }

    private void execute(String statement) throws Exception {
        client.execute(statement).get(timeout.toMillis(), TimeUnit.MILLISECONDS).close();
    }
}
