package dev.periscope.inventory.service;

import java.util.Set;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;

/**
 * Where a MongoDB failure is classified: <em>retryable</em> (the store or the path to it is unwell; wait and try
 * the same write again, it is fenced) or <em>permanent</em> (this document or this write can never succeed; dead-letter
 * it and move on). Pure.
 */
public final class MongoErrorClassifier {
    /** "Already applied" under the offset fencing, or a foreign document holding the same eight-field key. */
    public static final int DUPLICATE_KEY = 11000;

    /**
     * Server codes that describe the server's state, not the write: network, elections, shutdown, time limits,
     * write conflicts, and authentication/authorization (an operator fixes those; dead-lettering the stream meanwhile
     * would lose it).
     */
    private static final Set<Integer> RETRYABLE_CODES = Set.of(
            6, // HostUnreachable
            7, // HostNotFound
            13, // Unauthorized
            18, // AuthenticationFailed
            50, // MaxTimeMSExpired
            64, // WriteConcernFailed
            89, // NetworkTimeout
            91, // ShutdownInProgress
            112, // WriteConflict
            189, // PrimarySteppedDown
            262, // ExceededTimeLimit
            9001, // SocketException
            10107, // NotWritablePrimary
            11600, // InterruptedAtShutdown
            11602, // InterruptedDueToReplStateChange
            13435, // NotPrimaryNoSecondaryOk
            13436); // NotPrimaryOrSecondary

    private MongoErrorClassifier() {
    }

    /** For a per-document write error code inside a bulk write. */
    public static boolean retryableCode(int code) {
        return RETRYABLE_CODES.contains(code);
    }

    /** For a failure of the whole command (no per-document errors). */
    public static boolean retryable(MongoException e) {
        if (e instanceof MongoSocketException || e instanceof MongoTimeoutException
                || e instanceof MongoNotPrimaryException || e instanceof MongoNodeIsRecoveringException
                || e instanceof MongoExecutionTimeoutException || e instanceof MongoWriteConcernException
                || e instanceof MongoSecurityException) {
            return true;
        }
        if (e instanceof MongoCommandException command) {
            return retryableCode(command.getErrorCode())
                    || command.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                    || command.hasErrorLabel("RetryableWriteError");
        }
        // Anything else from the driver without a server verdict (e.g. an interrupted connection) is about the path.
        return e.getCode() < 0 || retryableCode(e.getCode());
    }
}
