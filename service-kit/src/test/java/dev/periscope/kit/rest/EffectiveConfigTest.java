package dev.periscope.kit.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EffectiveConfigTest {
    @Test
    void secretsAreRedactedByName() {
        assertThat(EffectiveConfig.redact("periscope.hash-salt", "s3cr3t-s3cr3t-s3cr3t")).isEqualTo("<redacted>");
        assertThat(EffectiveConfig.redact("periscope.clickhouse.password", "pw")).isEqualTo("<redacted>");
        assertThat(EffectiveConfig.redact("periscope.grpc.tls.key", "/x.pem")).isEqualTo("<redacted>");
    }

    @Test
    void credentialsInUrisAreRedactedButTheRestStays() {
        assertThat(EffectiveConfig.redact("quarkus.mongodb.connection-string", "mongodb://admin:pw@db:27017/x"))
                .isEqualTo("mongodb://<redacted>@db:27017/x");
        assertThat(EffectiveConfig.redact("kafka.bootstrap.servers", "127.0.0.1:9092")).isEqualTo("127.0.0.1:9092");
    }
}
