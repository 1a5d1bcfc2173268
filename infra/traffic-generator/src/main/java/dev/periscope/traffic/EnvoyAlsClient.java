package dev.periscope.traffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.accesslog.v3.AccessLogServiceGrpc;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsMessage;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsResponse;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

/**
 * Plays Envoy's gRPC access-log sink client: opens one ALS v3 {@code StreamAccessLogs} stream per {@link AlsStream},
 * sends its messages respecting gRPC flow control, half-closes, and waits until the server closed every stream.
 */
public final class EnvoyAlsClient implements AutoCloseable {
    private final ManagedChannel channel;
    private final String target;

    public EnvoyAlsClient(String host, int port) {
        this.target = host + ":" + port;
        this.channel = ManagedChannelBuilder.forAddress(host, port).usePlaintext().build();
    }

    /** Parses {@code host:port}. */
    public static EnvoyAlsClient connect(String target) {
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || colon == target.length() - 1) {
            throw new IllegalArgumentException("target must be host:port, got '" + target + "'");
        }
        return new EnvoyAlsClient(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
    }

    /** The identifier Envoy puts into the first message of a stream. */
    public static StreamAccessLogsMessage.Identifier identifier(String nodeId, String logName) {
        return StreamAccessLogsMessage.Identifier.newBuilder()
                .setNode(Node.newBuilder().setId(nodeId).setCluster("envoy"))
                .setLogName(logName)
                .build();
    }

    /**
     * Sends all streams concurrently and returns when the server completed (acknowledged) each of them.
     *
     * @throws AlsSendException when a stream failed or did not complete within the timeout
     */
    public SendResult send(List<AlsStream> streams, Duration timeout) {
        long started = System.nanoTime();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        AtomicInteger messages = new AtomicInteger();
        for (AlsStream stream : streams) {
            done.add(open(stream, messages));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
        try {
            all.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlsSendException("interrupted while streaming to " + target, e);
        } catch (ExecutionException e) {
            throw new AlsSendException("ALS stream to " + target + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AlsSendException("ALS streams to " + target + " did not complete within " + timeout, e);
        }
        int entries = streams.stream().mapToInt(AlsStream::entryCount).sum();
        return new SendResult(streams.size(), messages.get(), entries,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private CompletableFuture<Void> open(AlsStream stream, AtomicInteger sentMessages) {
        CompletableFuture<Void> completed = new CompletableFuture<>();
        Iterator<StreamAccessLogsMessage> pending = stream.messages().iterator();
        AccessLogServiceGrpc.newStub(channel).streamAccessLogs(
                new ClientResponseObserver<StreamAccessLogsMessage, StreamAccessLogsResponse>() {
                    private final AtomicBoolean halfClosed = new AtomicBoolean();

                    @Override
                    public void beforeStart(ClientCallStreamObserver<StreamAccessLogsMessage> requests) {
                        // Called on a gRPC thread whenever the transport can take more: send while ready.
                        requests.setOnReadyHandler(() -> {
                            synchronized (pending) {
                                while (requests.isReady() && pending.hasNext()) {
                                    requests.onNext(pending.next());
                                    sentMessages.incrementAndGet();
                                }
                                if (!pending.hasNext() && halfClosed.compareAndSet(false, true)) {
                                    requests.onCompleted();
                                }
                            }
                        });
                    }

                    @Override
                    public void onNext(StreamAccessLogsResponse value) {
                        // ALS answers with one empty response when it closes the stream; nothing to read.
                    }

                    @Override
                    public void onError(Throwable t) {
                        completed.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        completed.complete(null);
                    }
                });
        return completed;
    }

    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** What was sent and acknowledged. */
    public record SendResult(int streams, int messages, int entries, Duration elapsed) {
    }

    /** A stream failed or timed out; nothing is retried (the caller decides). */
    public static final class AlsSendException extends RuntimeException {
        public AlsSendException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
