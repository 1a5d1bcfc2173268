package dev.periscope.gateway.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Picks a free loopback port for the gRPC test server: Quarkus does not expose the actual port of a port-0 gRPC
 * server, and a fixed test port would collide with a running stack or a parallel build.
 */
public class FreeGrpcPort implements QuarkusTestResourceLifecycleManager {
    public static final String PROPERTY = "quarkus.grpc.server.test-port";

    @Override
    public Map<String, String> start() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return Map.of(PROPERTY, Integer.toString(socket.getLocalPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}
