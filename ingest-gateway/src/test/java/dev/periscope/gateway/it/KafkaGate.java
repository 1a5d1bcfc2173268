package dev.periscope.gateway.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A closed door in front of the real broker: the gateway's {@code kafka.bootstrap.servers} points at a free local
 * port where nothing listens, so Kafka is unreachable; {@link #open(int)} starts forwarding that port to the real
 * broker. Kafka clients bootstrap through it and then follow the broker's advertised address, so opening the gate
 * is "Kafka came back". Test resource: only reserves the port (the test opens the gate itself).
 */
public class KafkaGate implements QuarkusTestResourceLifecycleManager {
    public static final String PORT_PROPERTY = "test.kafka-gate-port";

    private static final List<AutoCloseable> OPEN = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> start() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = socket.getLocalPort();
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:" + port, PORT_PROPERTY, Integer.toString(port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        closeAll();
    }

    /** Forwards 127.0.0.1:{@code port} to the real broker until {@link #closeAll()}. */
    public static void open(int port) throws IOException {
        String[] target = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092").split(",")[0]
                .split(":");
        InetSocketAddress broker = new InetSocketAddress(target[0], Integer.parseInt(target[1]));
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        OPEN.add(server);
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(broker.getAddress(), broker.getPort());
                    OPEN.add(client);
                    OPEN.add(upstream);
                    pump(client.getInputStream(), upstream.getOutputStream());
                    pump(upstream.getInputStream(), client.getOutputStream());
                } catch (IOException e) {
                    // closed
                }
            }
        }, "kafka-gate");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static void closeAll() {
        for (AutoCloseable closeable : OPEN) {
            try {
                closeable.close();
            } catch (Exception e) {
                // best effort
            }
        }
        OPEN.clear();
    }

    private static void pump(InputStream in, OutputStream out) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // either side closed
            } finally {
                try {
                    out.close();
                } catch (IOException e) {
                    // ignore
                }
            }
        }, "kafka-gate-pump");
        thread.setDaemon(true);
        thread.start();
    }
}
