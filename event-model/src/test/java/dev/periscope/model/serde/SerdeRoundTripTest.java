package dev.periscope.model.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import dev.periscope.model.Topics;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;
import dev.periscope.model.v1.BackendStatus;
import dev.periscope.model.v1.FactValue;
import dev.periscope.model.v1.HealthReport;
import dev.periscope.model.v1.HealthStatus;

class SerdeRoundTripTest {

    @Test
    void accessEventRoundTripsThroughKafkaSerdes() {
        AccessEvent event = AccessEvents.rawGrpc("p", "acme.v1.Users", "Get", 5)
                .putHeaders("x-request-id", "abc").addQueryParamNames("page").addResponseFlags("UF").build();

        byte[] bytes = new AccessEventSerializer().serialize(Topics.ACCESS_RAW, event);
        AccessEvent back = new AccessEventDeserializer().deserialize(Topics.ACCESS_RAW, bytes);

        assertThat(back).isEqualTo(event);
        assertThat(back.hasGrpcStatus()).isTrue();
        assertThat(back.getGrpcStatus()).isEqualTo(5);
    }

    @Test
    void grpcStatusZeroIsDistinguishableFromAbsent() {
        AccessEvent ok = AccessEvents.rawGrpc("p", "s", "m", 0).build();
        AccessEvent http = AccessEvents.rawHttp("p", "GET", "/", 200).build();
        AccessEventDeserializer deserializer = new AccessEventDeserializer();

        assertThat(deserializer.deserialize("t", ok.toByteArray()).hasGrpcStatus()).isTrue();
        assertThat(deserializer.deserialize("t", http.toByteArray()).hasGrpcStatus()).isFalse();
    }

    @Test
    void healthReportRoundTripsWithTypedFacts() {
        HealthReport report = HealthReport.newBuilder()
                .setService("enricher").setInstanceId("e-1").setVersion("0.1.0").setTsMs(1L)
                .setStatus(HealthStatus.HEALTH_STATUS_DEGRADED).setReason("kafka lag")
                .addBackends(BackendStatus.newBuilder().setName("kafka").setStatus(HealthStatus.HEALTH_STATUS_UP))
                .putFacts("store.mongodb.embedded", FactValue.newBuilder().setBoolValue(true).build())
                .putFacts("batch.max_size", FactValue.newBuilder().setIntValue(20000).build())
                .putCounters("events.dropped.malformed", 3.0)
                .build();

        byte[] bytes = new HealthReportSerializer().serialize(Topics.OPS_HEALTH, report);

        assertThat(new HealthReportDeserializer().deserialize(Topics.OPS_HEALTH, bytes)).isEqualTo(report);
    }

    @Test
    void nullStaysNullForTombstones() {
        assertThat(new AccessEventSerializer().serialize("t", null)).isNull();
        assertThat(new AccessEventDeserializer().deserialize("t", null)).isNull();
    }

    @Test
    void garbageBytesFailWithASerializationExceptionNamingTheTopic() {
        byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};

        assertThatThrownBy(() -> new AccessEventDeserializer().deserialize(Topics.ACCESS_RAW, garbage))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Topics.ACCESS_RAW);
    }
}
