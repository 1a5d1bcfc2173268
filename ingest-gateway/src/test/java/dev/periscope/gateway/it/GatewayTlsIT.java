package dev.periscope.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.periscope.gateway.service.IngestMetrics;
import dev.periscope.kit.health.ServiceHealth;
import dev.periscope.model.testing.AccessEvents;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContextBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The ALS port with TLS and a client CA (mTLS): certificates generated at test time, the real broker behind. */
@QuarkusTest
@TestProfile(GatewayTlsIT.MutualTls.class)
class GatewayTlsIT {

    public static class MutualTls implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TestCertificates.class), new TestResourceEntry(FreeGrpcPort.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("periscope.gateway.grpc.max-connection-age", "30m");
        }
    }

    @Inject
    IngestMetrics metrics;

    @Inject
    ServiceHealth health;

    @Test
    void clientWithACertificateFromTheClientCaStreamsOverTls() throws Exception {
        long received = metrics.receivedTotal();
        long published = metrics.publishedTotal();
        ManagedChannel channel = tls(SslContextBuilder::keyManager, "client");
        try {
            Status status = Als.await(Als.stream(channel, List.of(
                    Als.http("edge::" + AccessEvents.uniqueProjectId("gw-tls"), 3, "/tls"))));
            assertThat(status.isOk()).as("%s", status).isTrue();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        assertThat(metrics.receivedTotal() - received).isEqualTo(3);
        await().atMost(Als.BOUND).untilAsserted(() -> assertThat(metrics.publishedTotal() - published).isEqualTo(3));
    }

    @Test
    void clientWithoutACertificateIsRefused() throws Exception {
        assertRefused(tls(null, null));
    }

    @Test
    void clientWithACertificateFromAnotherCaIsRefused() throws Exception {
        assertRefused(tls(SslContextBuilder::keyManager, "rogue"));
    }

    @Test
    void plaintextClientIsRefused() throws Exception {
        assertRefused(ManagedChannelBuilder.forAddress("127.0.0.1", port()).usePlaintext().build());
    }

    @Test
    void healthReportSaysTlsAndMutualTls() {
        var facts = health.report().getFactsMap();
        assertThat(facts.get("grpc.tls.enabled").getBoolValue()).isTrue();
        assertThat(facts.get("grpc.mtls.enabled").getBoolValue()).isTrue();
        assertThat(facts.get("security.hash_salt.length").getIntValue()).isEqualTo("test-salt-7c1e94b2a05fd63e".length());
    }

    private void assertRefused(ManagedChannel channel) throws InterruptedException {
        long received = metrics.receivedTotal();
        try {
            Status status = Als.await(Als.stream(channel, List.of(Als.http("edge::refused", 1, "/no"))));
            assertThat(status.getCode()).as("%s", status).isEqualTo(Status.Code.UNAVAILABLE);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        assertThat(metrics.receivedTotal()).isEqualTo(received);
    }

    interface KeyManager {
        SslContextBuilder apply(SslContextBuilder builder, File cert, File key);
    }

    private static ManagedChannel tls(KeyManager keyManager, String client) throws SSLException {
        SslContextBuilder ssl = GrpcSslContexts.forClient().trustManager(TestCertificates.file("ca.crt").toFile());
        if (keyManager != null) {
            ssl = keyManager.apply(ssl, TestCertificates.file(client + ".crt").toFile(),
                    TestCertificates.file(client + ".key").toFile());
        }
        return NettyChannelBuilder.forAddress("127.0.0.1", port()).sslContext(ssl.build()).build();
    }

    private static int port() {
        return ConfigProvider.getConfig().getValue(FreeGrpcPort.PROPERTY, Integer.class);
    }
}
