package dev.periscope.gateway.it;

import static dev.periscope.gateway.it.Als.await;
import static dev.periscope.gateway.it.Als.entry;
import static dev.periscope.gateway.it.Als.identifier;
import static dev.periscope.gateway.it.Als.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.periscope.kit.health.ServiceHealth;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.FactValue;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPAccessLogEntry;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsMessage;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The source-IP window is fed by the running gateway: entries sent over ALS move the gateway.source_ip.* facts. */
@QuarkusTest
@QuarkusTestResource(FreeGrpcPort.class)
class SourceIpFactIT {
    @Inject
    ServiceHealth health;

    /**
     * Other ITs of this application may have sent entries into the 5-minute window before: the expected share is
     * computed from the window as it was just before. A slice expiring mid-test changes the count; then measure again.
     */
    @Test
    void privateShareFollowsTheDownstreamAddresses() throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            long before = fact("gateway.source_ip.window_entries").getIntValue();
            double privateBefore = before == 0 ? 0
                    : before * fact("gateway.source_ip.private_percent").getDoubleValue() / 100.0;
            sendNinePrivateAndOnePublic();
            long after = fact("gateway.source_ip.window_entries").getIntValue();
            if (after != before + 10) {
                continue; // the window rolled while we measured
            }
            double expected = (privateBefore + 9) * 100.0 / after;
            assertThat(fact("gateway.source_ip.private_percent").getDoubleValue()).isCloseTo(expected, within(0.2));
            return;
        }
        throw new AssertionError("the source-IP window changed by more than this test's 10 entries three times");
    }

    private static void sendNinePrivateAndOnePublic() throws Exception {
        int port = ConfigProvider.getConfig().getValue(FreeGrpcPort.PROPERTY, Integer.class);
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            List<HTTPAccessLogEntry> entries = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                entries.add(withSource(String.format("10.1.0.%d", i + 1)));
            }
            entries.add(withSource("203.0.113.7"));
            StreamAccessLogsMessage message = StreamAccessLogsMessage.newBuilder()
                    .setIdentifier(identifier("public-edge::" + AccessEvents.uniqueProjectId("gw-it-srcip")))
                    .setHttpLogs(StreamAccessLogsMessage.HTTPAccessLogEntries.newBuilder().addAllLogEntry(entries))
                    .build();
            assertThat(await(stream(channel, List.of(message))).getCode()).isEqualTo(Status.Code.OK);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private FactValue fact(String name) {
        return health.report().getFactsMap().getOrDefault(name, FactValue.getDefaultInstance());
    }

    private static HTTPAccessLogEntry withSource(String ip) {
        HTTPAccessLogEntry.Builder entry = entry("/api/v1/items");
        entry.getCommonPropertiesBuilder().setDownstreamRemoteAddress(Address.newBuilder()
                .setSocketAddress(SocketAddress.newBuilder().setAddress(ip).setPortValue(40000)));
        return entry.build();
    }
}
