package dev.periscope.gateway.grpc;

import java.io.File;
import java.util.Optional;

import javax.net.ssl.SSLException;

import dev.periscope.gateway.config.GatewayConfig;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * Transport security of the ALS port from {@code PERISCOPE_GRPC_TLS_*}: plaintext when no certificate is set, TLS
 * with cert + key, mTLS (client certificate required and verified) when a client CA is set too. The client
 * certificate only authenticates the Envoy that connects; the end user's TLS facts come from the log entries.
 */
public final class GrpcTls {
    private GrpcTls() {
    }

    public enum Mode {
        PLAINTEXT, TLS, MTLS
    }

    /** @throws IllegalStateException on a half configuration (fail fast at start) */
    public static Mode mode(GatewayConfig.Tls tls) {
        boolean cert = present(tls.certFile());
        boolean key = present(tls.keyFile());
        boolean ca = present(tls.clientCaFile());
        if (cert != key) {
            throw new IllegalStateException("PERISCOPE_GRPC_TLS_CERT_FILE and PERISCOPE_GRPC_TLS_KEY_FILE must be set "
                    + "together");
        }
        if (ca && !cert) {
            throw new IllegalStateException("PERISCOPE_GRPC_TLS_CLIENT_CA_FILE needs PERISCOPE_GRPC_TLS_CERT_FILE and "
                    + "PERISCOPE_GRPC_TLS_KEY_FILE (mTLS is TLS plus client certificates)");
        }
        return !cert ? Mode.PLAINTEXT : ca ? Mode.MTLS : Mode.TLS;
    }

    /** The Netty server context (ALPN h2), or empty for plaintext. */
    public static Optional<SslContext> serverContext(GatewayConfig.Tls tls) {
        Mode mode = mode(tls);
        if (mode == Mode.PLAINTEXT) {
            return Optional.empty();
        }
        File cert = readable(tls.certFile().get(), "PERISCOPE_GRPC_TLS_CERT_FILE");
        File key = readable(tls.keyFile().get(), "PERISCOPE_GRPC_TLS_KEY_FILE");
        try {
            SslContextBuilder builder = GrpcSslContexts.forServer(cert, key);
            if (mode == Mode.MTLS) {
                builder.trustManager(readable(tls.clientCaFile().get(), "PERISCOPE_GRPC_TLS_CLIENT_CA_FILE"))
                        .clientAuth(ClientAuth.REQUIRE);
            }
            return Optional.of(builder.build());
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("gRPC TLS material is not usable: " + e.getMessage(), e);
        }
    }

    private static File readable(String path, String name) {
        File file = new File(path);
        if (!file.canRead()) {
            throw new IllegalStateException(name + " " + path + " is not a readable file");
        }
        return file;
    }

    private static boolean present(Optional<String> value) {
        return value.filter(v -> !v.isBlank()).isPresent();
    }
}
