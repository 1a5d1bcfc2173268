package dev.periscope.eventwriter.writer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * Writes values in ClickHouse's RowBinary format (little-endian fixed-width numbers, LEB128 lengths), the format
 * every insert of this service uses. LowCardinality(T) is written as T, Nullable(T) as a null byte then T.
 */
public final class RowBinaryEncoder {
    private byte[] buffer;
    private int size;

    public RowBinaryEncoder() {
        this(64 * 1024);
    }

    public RowBinaryEncoder(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    public RowBinaryEncoder uint8(int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("UInt8 out of range: " + value);
        }
        return rawByte(value);
    }

    public RowBinaryEncoder uint16(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("UInt16 out of range: " + value);
        }
        ensure(2);
        buffer[size++] = (byte) value;
        buffer[size++] = (byte) (value >>> 8);
        return this;
    }

    /** UInt32 carried in a Java int: the bits are written as they are (protobuf uint32 has the same meaning). */
    public RowBinaryEncoder uint32(int value) {
        return int32(value);
    }

    public RowBinaryEncoder int32(int value) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buffer[size++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    public RowBinaryEncoder int64(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buffer[size++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    /** UInt64 carried in a Java long: the bits are written as they are (protobuf uint64 has the same meaning). */
    public RowBinaryEncoder uint64(long value) {
        return int64(value);
    }

    public RowBinaryEncoder float64(double value) {
        return int64(Double.doubleToRawLongBits(value));
    }

    /** DateTime64(3): milliseconds since the epoch as Int64. */
    public RowBinaryEncoder dateTime64Millis(long epochMillis) {
        return int64(epochMillis);
    }

    public RowBinaryEncoder string(String value) {
        byte[] bytes = (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
        varUInt(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
        return this;
    }

    /** Nullable(Int32): 1 then nothing for NULL, 0 then the value otherwise. */
    public RowBinaryEncoder nullableInt32(Integer value) {
        if (value == null) {
            return rawByte(1);
        }
        rawByte(0);
        return int32(value);
    }

    /** Array(String) or Array(LowCardinality(String)). */
    public RowBinaryEncoder stringArray(Collection<String> values) {
        varUInt(values.size());
        for (String value : values) {
            string(value);
        }
        return this;
    }

    /** Map(String, String) or Map(LowCardinality(String), String), in the map's iteration order. */
    public RowBinaryEncoder stringMap(Map<String, String> values) {
        varUInt(values.size());
        for (Map.Entry<String, String> entry : values.entrySet()) {
            string(entry.getKey());
            string(entry.getValue());
        }
        return this;
    }

    /** Unsigned LEB128, the length prefix of strings, arrays and maps. */
    public RowBinaryEncoder varUInt(long value) {
        long rest = value;
        do {
            int b = (int) (rest & 0x7F);
            rest >>>= 7;
            rawByte(rest != 0 ? b | 0x80 : b);
        } while (rest != 0);
        return this;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    /** The encoded bytes without copying; {@code reset()} on retry re-sends the same body. */
    public ByteArrayInputStream toInputStream() {
        return new ByteArrayInputStream(buffer, 0, size);
    }

    private RowBinaryEncoder rawByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }
}
