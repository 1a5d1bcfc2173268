package dev.periscope.eventwriter.mapping;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test-side decoder of RowBinary, written from the format description rather than from the encoder. */
final class RowBinaryReader {
    private final ByteBuffer in;

    RowBinaryReader(byte[] data) {
        in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    long varUInt() {
        long value = 0;
        int shift = 0;
        while (true) {
            int b = in.get() & 0xFF;
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
            shift += 7;
        }
    }

    String string() {
        byte[] bytes = new byte[(int) varUInt()];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    int uint8() {
        return in.get() & 0xFF;
    }

    int uint16() {
        return in.getShort() & 0xFFFF;
    }

    int int32() {
        return in.getInt();
    }

    long int64() {
        return in.getLong();
    }

    double float64() {
        return in.getDouble();
    }

    Integer nullableInt32() {
        return uint8() == 1 ? null : int32();
    }

    List<String> stringArray() {
        int n = (int) varUInt();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(string());
        }
        return out;
    }

    Map<String, String> stringMap() {
        int n = (int) varUInt();
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(string(), string());
        }
        return out;
    }

    boolean exhausted() {
        return !in.hasRemaining();
    }
}
