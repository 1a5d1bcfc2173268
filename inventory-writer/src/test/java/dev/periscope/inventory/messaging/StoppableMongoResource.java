package dev.periscope.inventory.messaging;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A MongoDB-API server (mongo-java-server, in memory) on a fixed free loopback port that a failure test may stop
 * and start again: the shared local server must never be stopped by a test.
 */
public class StoppableMongoResource implements QuarkusTestResourceLifecycleManager {
    private static final String HOST = "127.0.0.1";
    private static int port;
    private static MongoServer server;

    @Override
    public Map<String, String> start() {
        port = freePort();
        startServer();
        return Map.of("quarkus.mongodb.connection-string", "mongodb://" + HOST + ":" + port,
                "quarkus.mongodb.server-selection-timeout", "1s",
                "quarkus.mongodb.connect-timeout", "1s");
    }

    @Override
    public void stop() {
        stopServer();
    }

    static synchronized void startServer() {
        server = new MongoServer(new MemoryBackend());
        server.bind(new InetSocketAddress(HOST, port));
    }

    static synchronized void stopServer() {
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
