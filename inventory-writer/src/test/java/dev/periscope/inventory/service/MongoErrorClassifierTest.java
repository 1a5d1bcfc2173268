package dev.periscope.inventory.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.BsonDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;

class MongoErrorClassifierTest {

    @ParameterizedTest(name = "code {0} retryable={1}")
    @CsvSource({"11000, false", "2, false", "52, false", "10334, false", "17419, false", "40, false",
        "91, true", "189, true", "10107, true", "11600, true", "50, true", "112, true", "13, true", "64, true"})
    void perDocumentCodes(int code, boolean retryable) {
        assertThat(MongoErrorClassifier.retryableCode(code)).isEqualTo(retryable);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"timeout, true", "socket, true", "command-bad-value, false", "command-stepped-down, true",
        "driver-without-code, true"})
    void wholeCommandFailures(String kind, boolean retryable) {
        ServerAddress address = new ServerAddress("127.0.0.1", 27017);
        MongoException e = switch (kind) {
            case "timeout" -> new MongoTimeoutException("no server");
            case "socket" -> new MongoSocketReadException("reset", address);
            case "command-bad-value" -> new MongoCommandException(BsonDocument.parse("{ok: 0, code: 2, errmsg: 'x'}"),
                    address);
            case "command-stepped-down" -> new MongoCommandException(
                    BsonDocument.parse("{ok: 0, code: 189, errmsg: 'x'}"), address);
            default -> new MongoException("interrupted");
        };
        assertThat(MongoErrorClassifier.retryable(e)).isEqualTo(retryable);
    }
}
