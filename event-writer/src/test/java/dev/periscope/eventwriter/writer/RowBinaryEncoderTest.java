package dev.periscope.eventwriter.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RowBinaryEncoderTest {

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void varUIntIsUnsignedLeb128() {
        assertThat(new RowBinaryEncoder().varUInt(0).toByteArray()).isEqualTo(bytes(0x00));
        assertThat(new RowBinaryEncoder().varUInt(127).toByteArray()).isEqualTo(bytes(0x7F));
        assertThat(new RowBinaryEncoder().varUInt(128).toByteArray()).isEqualTo(bytes(0x80, 0x01));
        assertThat(new RowBinaryEncoder().varUInt(300).toByteArray()).isEqualTo(bytes(0xAC, 0x02));
    }

    @Test
    void stringIsLengthPrefixedUtf8() {
        assertThat(new RowBinaryEncoder().string("aé").toByteArray()).isEqualTo(bytes(3, 'a', 0xC3, 0xA9));
        assertThat(new RowBinaryEncoder().string("").toByteArray()).isEqualTo(bytes(0));
        assertThat(new RowBinaryEncoder().string(null).toByteArray()).isEqualTo(bytes(0));
    }

    @Test
    void fixedWidthNumbersAreLittleEndian() {
        assertThat(new RowBinaryEncoder().uint16(0x1234).toByteArray()).isEqualTo(bytes(0x34, 0x12));
        assertThat(new RowBinaryEncoder().int32(-2).toByteArray()).isEqualTo(bytes(0xFE, 0xFF, 0xFF, 0xFF));
        assertThat(new RowBinaryEncoder().uint64(0x0102030405060708L).toByteArray())
                .isEqualTo(bytes(8, 7, 6, 5, 4, 3, 2, 1));
        assertThat(new RowBinaryEncoder().float64(1.0).toByteArray())
                .isEqualTo(bytes(0, 0, 0, 0, 0, 0, 0xF0, 0x3F));
        assertThat(new RowBinaryEncoder().dateTime64Millis(1_000L).toByteArray())
                .isEqualTo(bytes(0xE8, 0x03, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void nullableWritesANullFlagFirst() {
        assertThat(new RowBinaryEncoder().nullableInt32(null).toByteArray()).isEqualTo(bytes(1));
        assertThat(new RowBinaryEncoder().nullableInt32(14).toByteArray()).isEqualTo(bytes(0, 14, 0, 0, 0));
    }

    @Test
    void arraysAndMapsAreCountPrefixed() {
        assertThat(new RowBinaryEncoder().stringArray(List.of("a", "bc")).toByteArray())
                .isEqualTo(bytes(2, 1, 'a', 2, 'b', 'c'));
        Map<String, String> map = new LinkedHashMap<>();
        map.put("k", "v");
        map.put("x", "");
        assertThat(new RowBinaryEncoder().stringMap(map).toByteArray())
                .isEqualTo(bytes(2, 1, 'k', 1, 'v', 1, 'x', 0));
        assertThat(new RowBinaryEncoder().stringMap(Map.of()).toByteArray()).isEqualTo(bytes(0));
    }

    @Test
    void outOfRangeUnsignedValuesAreRefused() {
        assertThatThrownBy(() -> new RowBinaryEncoder().uint8(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RowBinaryEncoder().uint16(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void growsPastItsInitialCapacity() {
        RowBinaryEncoder encoder = new RowBinaryEncoder(16);
        String longText = "x".repeat(10_000);
        encoder.string(longText).uint8(7);
        assertThat(encoder.size()).isEqualTo(2 + 10_000 + 1);
        assertThat(encoder.toInputStream().readAllBytes()).hasSize(encoder.size());
    }
}
