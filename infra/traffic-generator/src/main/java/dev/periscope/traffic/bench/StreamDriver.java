package dev.periscope.traffic.bench;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;

/**
 * One closed-loop ALS stream, as one Envoy worker drives it: the identifier-bearing first message, then the node's
 * pre-serialized batches in a cycle, each sent only while the call {@link ClientCall#isReady() is ready} (gRPC flow
 * control: the server's HTTP/2 window and the transport buffer). ALS has no per-message response, so the only
 * per-message latency a client can see is send → ready again: how long until the transport would take the next
 * message. A stream the server closes before {@link #stop()} is reopened (identifier first), as Envoy does.
 * All call methods run under this object's lock (gRPC calls are not thread-safe).
 */
final class StreamDriver {
    private static final int MAX_REOPENS = 100;

    private final Channel channel;
    private final LoadPlan.Node node;
    private final int batch;
    private final CompletableFuture<Status> finished = new CompletableFuture<>();
    private volatile boolean recording;

    private ClientCall<byte[], byte[]> call;
    private boolean sentFirst;
    private int next;
    private boolean stopping;
    private boolean halfClosed;
    private long waitingSince = -1;
    private long sentMessages;
    private long sentEntries;
    private long sentBytes;
    private int reopens;
    private Status lastUnexpectedClose;
    private long[] latencies = new long[4096];
    private int latencyCount;

    StreamDriver(Channel channel, LoadPlan.Node node, int batch) {
        this.channel = channel;
        this.node = node;
        this.batch = batch;
    }

    synchronized void start() {
        open();
    }

    private void open() {
        ClientCall<byte[], byte[]> opened = channel.newCall(RawAls.STREAM_ACCESS_LOGS, CallOptions.DEFAULT);
        call = opened;
        sentFirst = false;
        halfClosed = false;
        waitingSince = -1;
        opened.start(new ClientCall.Listener<>() {
            @Override
            public void onReady() {
                pump(opened);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                closed(opened, status);
            }
        }, new Metadata());
        opened.request(1);
    }

    private synchronized void pump(ClientCall<byte[], byte[]> current) {
        if (current != call) {
            return;
        }
        if (waitingSince >= 0 && current.isReady()) {
            record(System.nanoTime() - waitingSince);
            waitingSince = -1;
        }
        while (!stopping && current.isReady()) {
            byte[] message;
            if (!sentFirst) {
                message = node.first();
                sentFirst = true;
            } else {
                List<byte[]> pool = node.pool();
                message = pool.get(next);
                next = (next + 1) % pool.size();
            }
            long sent = System.nanoTime();
            current.sendMessage(message);
            sentMessages++;
            sentEntries += batch;
            sentBytes += message.length;
            if (current.isReady()) {
                record(System.nanoTime() - sent);
            } else {
                waitingSince = sent;
            }
        }
        if (stopping && !halfClosed) {
            halfClosed = true;
            current.halfClose();
        }
    }

    private synchronized void closed(ClientCall<byte[], byte[]> current, Status status) {
        if (current != call) {
            return;
        }
        if (stopping) {
            finished.complete(status);
            return;
        }
        lastUnexpectedClose = status;
        if (++reopens > MAX_REOPENS) {
            stopping = true;
            finished.complete(status);
            return;
        }
        open();
    }

    private void record(long nanos) {
        if (!recording) {
            return;
        }
        if (latencyCount == latencies.length) {
            latencies = Arrays.copyOf(latencies, latencies.length * 2);
        }
        latencies[latencyCount++] = nanos;
    }

    void recording(boolean on) {
        recording = on;
    }

    /** Stop sending and half-close; {@link #finished()} completes when the server closed the stream. */
    synchronized void stop() {
        stopping = true;
        if (call != null && !halfClosed) {
            halfClosed = true;
            call.halfClose();
        }
    }

    CompletableFuture<Status> finished() {
        return finished;
    }

    synchronized Counts counts() {
        return new Counts(sentMessages, sentEntries, sentBytes);
    }

    synchronized long[] latencies() {
        return Arrays.copyOf(latencies, latencyCount);
    }

    synchronized int reopens() {
        return reopens;
    }

    synchronized Status lastUnexpectedClose() {
        return lastUnexpectedClose;
    }

    record Counts(long messages, long entries, long bytes) {
        Counts plus(Counts other) {
            return new Counts(messages + other.messages, entries + other.entries, bytes + other.bytes);
        }

        Counts minus(Counts other) {
            return new Counts(messages - other.messages, entries - other.entries, bytes - other.bytes);
        }
    }
}
