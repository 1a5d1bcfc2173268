package dev.periscope.eventwriter.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.clickhouse.client.api.Client;

import dev.periscope.eventwriter.writer.ClickHouseEndpoint;
import dev.periscope.eventwriter.writer.ClickHouseSchema;
import dev.periscope.eventwriter.writer.WriteStatus;
import dev.periscope.kit.health.BackendProbe;

/** ClickHouse is UP when it answers a ping and the last write did not fail; otherwise the service is DEGRADED. */
@ApplicationScoped
public class ClickHouseProbe implements BackendProbe {
    private final Client client;
    private final ClickHouseEndpoint endpoint;
    private final WriteStatus writes;
    private final ClickHouseSchema schema;

    public ClickHouseProbe(Client client, ClickHouseEndpoint endpoint, WriteStatus writes, ClickHouseSchema schema) {
        this.client = client;
        this.endpoint = endpoint;
        this.writes = writes;
        this.schema = schema;
    }

    @Override
    public String name() {
        return "clickhouse";
    }

    @Override
    public ProbeResult probe(Duration timeout) {
        boolean reachable;
        try {
            reachable = client.ping(timeout.toMillis());
        } catch (RuntimeException e) {
            reachable = false;
        }
        if (!reachable) {
            return ProbeResult.down("unreachable at " + endpoint);
        }
        if (writes.failure().isPresent()) {
            return ProbeResult.down(writes.failure().get());
        }
        return ProbeResult.up(endpoint + (schema.applied() ? " (schema applied)" : " (schema pending)"));
    }
}
