package dev.periscope.eventwriter.writer;

/** A failed write, classified where it arises: retryable (try again later) or permanent (dead-letter the data). */
public class SinkException extends RuntimeException {
    private final boolean retryable;
    private final String operation;

    public SinkException(String operation, boolean retryable, String message, Throwable cause) {
        super(message, cause);
        this.operation = operation;
        this.retryable = retryable;
    }

    public static SinkException retryable(String operation, String message, Throwable cause) {
        return new SinkException(operation, true, message, cause);
    }

    public static SinkException permanent(String operation, String message, Throwable cause) {
        return new SinkException(operation, false, message, cause);
    }

    public boolean retryable() {
        return retryable;
    }

    /** What was being done: schema, insert, timeout. */
    public String operation() {
        return operation;
    }
}
