package dev.periscope.eventwriter.messaging;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the service at the real ClickHouse through a {@link TcpSwitch} that starts switched off. */
public class ClickHouseBehindSwitch implements QuarkusTestResourceLifecycleManager {
    static volatile TcpSwitch tcpSwitch;
    private String topic;

    @Override
    public Map<String, String> start() {
        URI target = URI.create(Optional.ofNullable(System.getenv("CLICKHOUSE_URI")).orElse("http://127.0.0.1:8123"));
        try {
            tcpSwitch = new TcpSwitch(target.getHost(), target.getPort() > 0 ? target.getPort() : 8123);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String userInfo = target.getRawUserInfo() == null ? "" : target.getRawUserInfo() + "@";
        topic = OwnTopic.create("periscope.event-writer.failure-it", 2);
        return Map.of(
                "periscope.event-writer.kafka.topic", topic,
                "periscope.event-writer.clickhouse.uri", "http://" + userInfo + "127.0.0.1:" + tcpSwitch.port(),
                "periscope.event-writer.clickhouse.connect-timeout", "1s",
                "periscope.event-writer.retry.max-backoff", "500ms",
                "periscope.event-writer.kafka.group-id",
                "event-writer-failure-it-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Override
    public void stop() {
        if (tcpSwitch != null) {
            tcpSwitch.close();
        }
        OwnTopic.delete(topic);
    }
}
