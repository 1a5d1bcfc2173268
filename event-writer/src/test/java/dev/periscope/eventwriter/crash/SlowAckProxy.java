package dev.periscope.eventwriter.crash;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP forwarder to ClickHouse that passes requests at once but holds every response chunk back for a
 * while. An insert is then stored in ClickHouse well before the writer hears of it, so a test that kills the
 * writer as soon as it sees new rows kills it between the insert and the offset commit.
 */
final class SlowAckProxy implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final String targetHost;
    private final int targetPort;
    private final Duration delay;

    SlowAckProxy(String targetHost, int targetPort, Duration delay) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.delay = delay;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "slow-ack-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(upstream);
                pump(client, upstream, Duration.ZERO);
                pump(upstream, client, delay);
            } catch (IOException e) {
                // closed, or ClickHouse refused: the client sees a dropped connection
            }
        }
    }

    private void pump(Socket from, Socket to, Duration hold) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (!hold.isZero()) {
                        Thread.sleep(hold.toMillis());
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // connection over
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "slow-ack-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(SlowAckProxy::closeQuietly);
    }
}
