package dev.periscope.gateway.grpc;

import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.periscope.gateway.config.GatewayConfig;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.ChannelOption;
import io.quarkus.grpc.api.ServerBuilderCustomizer;
import io.quarkus.grpc.runtime.config.GrpcServerConfiguration;
import io.vertx.grpc.VertxServerBuilder;

/**
 * Applies the seed's gRPC server limits and TLS to Quarkus' separate gRPC server (a Vert.x-hosted Netty server,
 * {@code quarkus.grpc.server.use-separate-server=true}). Quarkus has keys only for the message size and some
 * keep-alive settings, and its TLS takes key stores rather than a PEM client-CA bundle; so this customizer sets the
 * Netty builder directly. The message-size cap stays Quarkus' key ({@code quarkus.grpc.server.max-inbound-message-size},
 * fed from the same setting), because Quarkus applies it after customizers.
 * <p>
 * TLS: the Netty {@code SslContext} is installed on the Netty builder; Vert.x' own SSL stays off (Quarkus sees a
 * plaintext server and logs "TLS enabled: false" — the gateway's own start-up line and the health facts are the truth).
 */
@Singleton
public class GrpcServerTuning implements ServerBuilderCustomizer<VertxServerBuilder> {
    private static final Logger LOG = Logger.getLogger(GrpcServerTuning.class);

    private final GatewayConfig.Grpc config;

    public GrpcServerTuning(GatewayConfig config) {
        this.config = config.grpc();
    }

    @Override
    public void customize(GrpcServerConfiguration quarkusConfig, VertxServerBuilder builder) {
        NettyServerBuilder netty = builder.nettyBuilder();
        netty.maxConcurrentCallsPerConnection(config.maxConcurrentStreams())
                .maxConnectionAge(config.maxConnectionAge().toMillis(), TimeUnit.MILLISECONDS)
                .maxConnectionAgeGrace(config.maxConnectionAgeGrace().toMillis(), TimeUnit.MILLISECONDS)
                .maxConnectionIdle(config.maxConnectionIdle().toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTime(config.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(config.keepAliveTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveTime(config.permitKeepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveWithoutCalls(config.permitKeepAliveWithoutCalls());
        if (config.readBufferSize() > 0) {
            netty.withChildOption(ChannelOption.SO_RCVBUF, config.readBufferSize());
        }
        if (config.writeBufferSize() > 0) {
            netty.withChildOption(ChannelOption.SO_SNDBUF, config.writeBufferSize());
        }
        GrpcTls.Mode mode = GrpcTls.mode(config.tls());
        GrpcTls.serverContext(config.tls()).ifPresent(netty::sslContext);
        LOG.infof("ALS gRPC server: transport %s, max message %d bytes, max %d streams per connection, "
                + "connection age %s + grace %s, idle %s", mode, config.maxRecvMsgSize(),
                config.maxConcurrentStreams(), config.maxConnectionAge(), config.maxConnectionAgeGrace(),
                config.maxConnectionIdle());
    }
}
