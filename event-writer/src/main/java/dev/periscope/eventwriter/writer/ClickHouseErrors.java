package dev.periscope.eventwriter.writer;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import com.clickhouse.client.api.ServerException;

/** Sorts client and server failures into retryable and permanent. */
public final class ClickHouseErrors {
    static final int UNKNOWN_TABLE = 60;
    static final int UNKNOWN_DATABASE = 81;

    private ClickHouseErrors() {
    }

    public static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof ExecutionException || current instanceof java.util.concurrent.CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * The server refusing the data itself (HTTP 400: parse errors, type mismatch, bad arguments) will refuse it
     * again; everything else (unreachable, timeouts, 5xx, a table that vanished) may succeed later.
     */
    public static boolean isRetryable(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof ServerException server) {
            if (isMissingSchema(server)) {
                return true;
            }
            return server.isRetryable() || server.getTransportProtocolCode() != 400;
        }
        return true;
    }

    /** The table or database is gone: re-apply the schema before the next attempt. */
    public static boolean isMissingSchema(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof ServerException server
                && (server.getCode() == UNKNOWN_TABLE || server.getCode() == UNKNOWN_DATABASE);
    }

    public static boolean isTimeout(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof TimeoutException || cause instanceof java.net.SocketTimeoutException;
    }

    /** One line for logs, health reasons and dead-letter headers. */
    public static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        String message = cause.getMessage() == null ? "" : cause.getMessage().replaceAll("\\s+", " ").strip();
        if (message.length() > 300) {
            message = message.substring(0, 300) + "…";
        }
        return cause.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
