package dev.periscope.model.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;

import dev.periscope.model.Topics;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;
import dev.periscope.model.v1.EventStage;

/** The writer's bytes are {@code toByteArray()}'s, byte for byte. */
class AccessEventWriterTest {
    private static final int RANDOM_EVENTS = 5_000;

    @Test
    void defaultInstanceIsEmpty() {
        AccessEvent empty = AccessEvent.getDefaultInstance();

        assertThat(AccessEventWriter.toByteArray(empty)).isEqualTo(empty.toByteArray()).isEmpty();
    }

    static Stream<Arguments> everyFieldAloneWithEachEdgeValue() {
        List<Arguments> cases = new ArrayList<>();
        for (FieldDescriptor field : AccessEventSamples.fields()) {
            List<Object> values = AccessEventSamples.edgeValues(field);
            for (int i = 0; i < values.size(); i++) {
                cases.add(Arguments.of(field.getNumber() + " " + field.getName() + " #" + i, field, values.get(i)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void everyFieldAloneWithEachEdgeValue(String name, FieldDescriptor field, Object value) {
        assertIdentical(AccessEventSamples.withOnly(field, value), name);
    }

    @Test
    void seededRandomEventsWithEveryFieldRandomlySet() throws InvalidProtocolBufferException {
        long seed = 0x5EED_2026_1201L;
        Random random = new Random(seed);
        int nonEmpty = 0;
        for (int i = 0; i < RANDOM_EVENTS; i++) {
            AccessEvent event = AccessEventSamples.random(random);
            byte[] expected = assertIdentical(event, "random event #" + i + " of seed " + seed);
            // strings of a parsed event come from the parser, not from setters
            assertIdentical(AccessEvent.parseFrom(expected), "parsed random event #" + i + " of seed " + seed);
            nonEmpty += expected.length > 0 ? 1 : 0;
        }
        assertThat(nonEmpty).isGreaterThan(RANDOM_EVENTS - 5);
    }

    @Test
    void realisticEventsOfEveryStage() {
        assertIdentical(AccessEvents.rawHttp("p", "GET", "/v1/users/42", 200)
                .addQueryParamNames("page").addQueryParamNames("").addAuthHints("bearer")
                .putHeaders("content-type", "application/json").putHeaders("x-request-id", "")
                .addResponseFlags("UF").setTlsVersion("TLSv1.3").setAuthObserved(true).build(), "raw http");
        assertIdentical(AccessEvents.rawGrpc("p", "acme.v1.Users", "Get", -14).build(), "raw grpc, negative status");
        assertIdentical(AccessEvents.enriched("p", "POST", "/v1/orders/{id}", 403)
                .addRiskFlags("bola").setRiskScore(80).putTags("geo.country", "DE").putTags("ua.family", "curl")
                .putTags("", "").setConfirmed(true).build(), "enriched");
    }

    @Test
    void grpcStatusZeroIsWrittenWhenPresentAndNotWhenAbsent() {
        AccessEvent zero = AccessEvent.newBuilder().setGrpcStatus(0).build();
        AccessEvent absent = AccessEvent.newBuilder().build();

        assertThat(assertIdentical(zero, "grpc_status 0")).containsExactly(0x88, 0x01, 0x00);
        assertThat(assertIdentical(absent, "no grpc_status")).isEmpty();
    }

    @Test
    void negativeZeroDurationIsWrittenAndPositiveZeroIsNot() {
        assertThat(assertIdentical(AccessEvent.newBuilder().setDurationMs(-0.0).build(), "-0.0")).hasSize(10);
        assertThat(assertIdentical(AccessEvent.newBuilder().setDurationMs(0.0).build(), "+0.0")).isEmpty();
    }

    @Test
    void unpairedSurrogatesBecomeQuestionMarksLikeProtobufJava() throws InvalidProtocolBufferException {
        AccessEvent event = AccessEvent.newBuilder().setPath("/a\ud800b").addQueryParamNames("\udc00")
                .putHeaders("k\ud83d", "v").build();

        byte[] bytes = assertIdentical(event, "unpaired surrogates");

        AccessEvent back = AccessEvent.parseFrom(bytes);
        assertThat(back.getPath()).isEqualTo("/a?b");
        assertThat(back.getQueryParamNames(0)).isEqualTo("?");
        assertThat(back.getHeadersMap()).containsEntry("k?", "v");
    }

    @Test
    void mapEntryWritesEmptyKeyAndValue() {
        AccessEvent event = AccessEvent.newBuilder().putTags("", "").build();

        // tag 69 (2 bytes), entry length 4, key: tag 1 + length 0, value: tag 2 + length 0
        assertThat(assertIdentical(event, "empty map entry")).containsExactly(0xAA, 0x04, 0x04, 0x0A, 0x00, 0x12,
                0x00);
    }

    @Test
    void stringsSetAsBytesAreWrittenAsTheirUtf8() {
        AccessEvent event = AccessEvent.newBuilder()
                .setEventIdBytes(ByteString.copyFromUtf8("\u00e9v\u4e2d\ud83d\ude00"))
                .addQueryParamNamesBytes(ByteString.copyFromUtf8("na\u00efve")).build();

        assertIdentical(event, "ByteString-backed strings");
    }

    @Test
    void stringsReadAsBytesBeforeWritingAreWrittenTheSame() {
        AccessEvent event = AccessEvents.rawHttp("p", "GET", "/caf\u00e9", 200).addQueryParamNames("q").build();
        event.getPathBytes(); // protobuf-java caches the encoded form in place of the String
        event.getQueryParamNamesBytes(0);

        assertIdentical(event, "strings cached as ByteString");
    }

    @Test
    void unknownFieldsAreKeptByFallingBackToProtobuf() throws InvalidProtocolBufferException {
        UnknownFieldSet unknown = UnknownFieldSet.newBuilder()
                .addField(1000, UnknownFieldSet.Field.newBuilder().addVarint(7).build())
                .addField(1001, UnknownFieldSet.Field.newBuilder()
                        .addLengthDelimited(ByteString.copyFromUtf8("from a newer writer")).build())
                .build();
        AccessEvent event = AccessEvents.rawHttp("p", "GET", "/", 200).setUnknownFields(unknown).build();

        byte[] bytes = assertIdentical(event, "unknown fields");

        assertThat(AccessEvent.parseFrom(bytes).getUnknownFields()).isEqualTo(unknown);
    }

    @Test
    void unknownFieldsParsedFromANewerWriterSurvive() throws InvalidProtocolBufferException {
        byte[] known = AccessEvents.enriched("p", "GET", "/", 200).build().toByteArray();
        byte[] newer = concat(known, new byte[] {(byte) 0xC0, 0x3E, 0x05}); // field 1000, varint 5
        AccessEvent parsed = AccessEvent.parseFrom(newer);

        assertThat(AccessEventWriter.toByteArray(parsed)).isEqualTo(parsed.toByteArray()).isEqualTo(newer);
    }

    @Test
    void serializerUsesTheWriterAndKeepsTombstones() {
        AccessEvent event = AccessEvents.rawGrpc("p", "s", "m", 0).setStage(EventStage.EVENT_STAGE_RAW).build();
        AccessEventSerializer serializer = new AccessEventSerializer();

        assertThat(serializer.serialize(Topics.ACCESS_RAW, event)).isEqualTo(event.toByteArray());
        assertThat(serializer.serialize(Topics.ACCESS_RAW, null)).isNull();
    }

    @Test
    void aStringRememberedFromTheLastEventIsOnlyReusedForTheSameInstance() {
        String constant = "shop-prod";
        String sameText = new String(constant.toCharArray());
        String longConstant = "p".repeat(100);

        for (String projectId : List.of(constant, constant, sameText, "other", constant, "", longConstant,
                longConstant, "\u00e9t\u00e9", constant)) {
            AccessEvent event = AccessEvent.newBuilder().setProjectId(projectId).setListenerName(constant)
                    .addAuthHints(constant).addAuthHints(projectId).build();
            byte[] bytes = assertIdentical(event, "project id '" + projectId + "'");
            assertThat(bytes).isNotEmpty();
        }
    }

    @Test
    void aHugeEventIsWrittenAndTheNextOneStillIs() {
        AccessEvent.Builder huge = AccessEvent.newBuilder().setPath("/big");
        for (int i = 0; i < 3_000; i++) {
            huge.addQueryParamNames("p" + i).putTags("t" + i, i % 2 == 0 ? "" : "v");
        }

        assertIdentical(huge.build(), "3,000 repeated values and map entries");
        assertIdentical(AccessEvents.rawHttp("p", "GET", "/after", 200).build(), "the event after a huge one");
    }

    @Test
    void threadsWritingAtOnceEachGetTheirOwnEventsBytes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long seed = 100 + t;
                results.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < 300; i++) {
                        assertIdentical(AccessEventSamples.random(random), "thread seed " + seed + " event #" + i);
                    }
                    return 300;
                }));
            }
            int written = 0;
            for (Future<Integer> result : results) {
                written += result.get(60, TimeUnit.SECONDS);
            }
            assertThat(written).isEqualTo(1_200);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void varintSizesMatchTheWireFormat() {
        assertThat(WireFields.varintSize(0)).isEqualTo(1);
        assertThat(WireFields.varintSize(127)).isEqualTo(1);
        assertThat(WireFields.varintSize(128)).isEqualTo(2);
        assertThat(WireFields.varintSize(16_383)).isEqualTo(2);
        assertThat(WireFields.varintSize(16_384)).isEqualTo(3);
        assertThat(WireFields.varintSize(Long.MAX_VALUE)).isEqualTo(9);
        assertThat(WireFields.varintSize(-1)).isEqualTo(10);
    }

    private static byte[] assertIdentical(AccessEvent event, String description) {
        byte[] expected = event.toByteArray();
        byte[] actual = AccessEventWriter.toByteArray(event);
        assertThat(actual).as("%s (%d bytes expected)", description, expected.length).isEqualTo(expected);
        return actual;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
