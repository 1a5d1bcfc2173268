package dev.periscope.gateway.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.periscope.gateway.config.GatewayConfig;

class GrpcTlsTest {

    @Test
    void modeFollowsWhatIsSet() {
        assertThat(GrpcTls.mode(tls(null, null, null))).isEqualTo(GrpcTls.Mode.PLAINTEXT);
        assertThat(GrpcTls.mode(tls("", " ", ""))).isEqualTo(GrpcTls.Mode.PLAINTEXT);
        assertThat(GrpcTls.mode(tls("c.pem", "k.pem", null))).isEqualTo(GrpcTls.Mode.TLS);
        assertThat(GrpcTls.mode(tls("c.pem", "k.pem", "ca.pem"))).isEqualTo(GrpcTls.Mode.MTLS);
        assertThat(GrpcTls.serverContext(tls(null, null, null))).isEmpty();
    }

    @Test
    void halfConfigurationsFailFast() {
        assertThatThrownBy(() -> GrpcTls.mode(tls("c.pem", null, null))).hasMessageContaining("together");
        assertThatThrownBy(() -> GrpcTls.mode(tls(null, null, "ca.pem"))).hasMessageContaining("mTLS");
        assertThatThrownBy(() -> GrpcTls.serverContext(tls("/nope/c.pem", "/nope/k.pem", null)))
                .hasMessageContaining("not a readable file");
    }

    private static GatewayConfig.Tls tls(String cert, String key, String ca) {
        return new GatewayConfig.Tls() {
            @Override
            public Optional<String> certFile() {
                return Optional.ofNullable(cert);
            }

            @Override
            public Optional<String> keyFile() {
                return Optional.ofNullable(key);
            }

            @Override
            public Optional<String> clientCaFile() {
                return Optional.ofNullable(ca);
            }
        };
    }
}
