package dev.periscope.eventwriter.writer;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.clickhouse.client.api.Client;

/** A client for the ClickHouse under test (CLICKHOUSE_URI, default the local endpoint) and throw-away databases. */
public final class ClickHouseTestSupport {
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ClickHouseTestSupport() {
    }

    public static Client client() {
        String uri = Optional.ofNullable(System.getenv("CLICKHOUSE_URI")).orElse("http://127.0.0.1:8123");
        ClickHouseEndpoint endpoint = ClickHouseEndpoint.of(uri,
                Optional.ofNullable(System.getenv("CLICKHOUSE_USERNAME")),
                Optional.ofNullable(System.getenv("CLICKHOUSE_PASSWORD")));
        return new Client.Builder().addEndpoint(endpoint.url()).setUsername(endpoint.username())
                .setPassword(endpoint.password()).setDefaultDatabase("default").compressServerResponse(true)
                .setSocketTimeout(TIMEOUT.toMillis(), ChronoUnit.MILLIS).setMaxRetries(0).build();
    }

    public static String uniqueDatabase(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static void execute(Client client, String sql) {
        try {
            client.execute(sql).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).close();
        } catch (Exception e) {
            throw new IllegalStateException(sql + ": " + e, e);
        }
    }

    public static void drop(Client client, String database) {
        execute(client, "DROP DATABASE IF EXISTS `" + database + "`");
    }
}
