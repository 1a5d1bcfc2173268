package dev.periscope.model.serde;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One message's fields, added in field-number order and sized as they are added, then written into one array of
 * exactly the right size. Each string is UTF-8 encoded at most once ({@link String#getBytes}, which writes
 * {@code '?'} for an unpaired surrogate, as protobuf-java does; not at all when it is the very instance the same
 * field had in the previous message) and its bytes are copied once.
 *
 * <p>Singular methods follow proto3 implicit presence, as protobuf-java's generated code does: an empty string, a
 * zero number, {@code false} and a double whose raw bits are 0 are not written (so {@code -0.0} and NaN are).
 * Not thread-safe: one instance per thread, {@link #clear() cleared} after each message.
 */
final class WireFields {
    private static final int WIRETYPE_VARINT = 0;
    private static final int WIRETYPE_FIXED64 = 1;
    private static final int WIRETYPE_LENGTH_DELIMITED = 2;
    private static final byte KIND_VARINT = 0;
    private static final byte KIND_FIXED64 = 1;
    private static final byte KIND_BYTES = 2;
    private static final byte KIND_MAP_ENTRY = 3;
    private static final int MAP_KEY_TAG = 1 << 3 | WIRETYPE_LENGTH_DELIMITED;
    private static final int MAP_VALUE_TAG = 2 << 3 | WIRETYPE_LENGTH_DELIMITED;

    /** A table grown beyond this by an unusually large message is not kept for the next one. */
    private static final int MAX_RETAINED_CAPACITY = 1_024;
    /** Field numbers below this remember their last string; longer strings are not remembered. */
    private static final int REMEMBERED_FIELDS = 128;
    private static final int MAX_REMEMBERED_CHARS = 64;

    private final int initialCapacity;
    private byte[] kinds;
    private int[] tags;
    /** varint value, raw 64 bits, or the index of the field's first piece. */
    private long[] values;
    private byte[][] pieces;
    private int count;
    private int pieceCount;
    private int size;
    /**
     * Per field number, the last string instance written and its UTF-8 bytes: a publisher passes the same
     * instance for constant fields (instance id, project, listener, protocol, method, key id, ...) event after
     * event, and a reference comparison is cheaper than encoding again. Kept across {@link #clear()}.
     */
    private final String[] lastStrings = new String[REMEMBERED_FIELDS];
    private final byte[][] lastBytes = new byte[REMEMBERED_FIELDS][];

    WireFields(int expectedFields) {
        initialCapacity = Math.max(expectedFields, 4);
        allocate(initialCapacity);
    }

    private void allocate(int capacity) {
        kinds = new byte[capacity];
        tags = new int[capacity];
        values = new long[capacity];
        pieces = new byte[capacity][];
    }

    /** Encoded as an int32: a negative number (an unknown value from a newer writer) takes 10 bytes. */
    void enumNumber(int fieldNumber, int number) {
        int32(fieldNumber, number);
    }

    /** A negative value is sign-extended to a 10-byte varint. */
    void int32(int fieldNumber, int value) {
        if (value != 0) {
            presentInt32(fieldNumber, value);
        }
    }

    /** An {@code optional int32} that is set: written even when 0. */
    void presentInt32(int fieldNumber, int value) {
        varint(fieldNumber, value);
    }

    void uint32(int fieldNumber, int value) {
        if (value != 0) {
            varint(fieldNumber, Integer.toUnsignedLong(value));
        }
    }

    void int64(int fieldNumber, long value) {
        if (value != 0) {
            varint(fieldNumber, value);
        }
    }

    /** Same encoding as int64: a value above {@code Long.MAX_VALUE} arrives negative and takes 10 bytes. */
    void uint64(int fieldNumber, long value) {
        int64(fieldNumber, value);
    }

    void bool(int fieldNumber, boolean value) {
        if (value) {
            varint(fieldNumber, 1);
        }
    }

    void doubleValue(int fieldNumber, double value) {
        long bits = Double.doubleToRawLongBits(value);
        if (bits != 0) {
            int tag = tag(fieldNumber, WIRETYPE_FIXED64);
            add(KIND_FIXED64, tag, bits);
            size += varintSize(tag) + Long.BYTES;
        }
    }

    void string(int fieldNumber, String value) {
        if (!value.isEmpty()) {
            presentString(fieldNumber, value);
        }
    }

    /** Every element, empty ones included, each with its own tag. */
    void repeatedString(int fieldNumber, List<String> values) {
        for (int i = 0, n = values.size(); i < n; i++) {
            presentString(fieldNumber, values.get(i));
        }
    }

    /**
     * One entry message per pair in the map's iteration order; inside an entry the key (1) and value (2) are always
     * written, even when empty, as protobuf-java's {@code MapEntryLite} writes them.
     */
    void stringMap(int fieldNumber, Map<String, String> map) {
        if (map.isEmpty()) {
            return; // most events: no iterator
        }
        for (Map.Entry<String, String> entry : map.entrySet()) {
            mapEntry(fieldNumber, entry.getKey(), entry.getValue());
        }
    }

    private void mapEntry(int fieldNumber, String key, String value) {
        int tag = tag(fieldNumber, WIRETYPE_LENGTH_DELIMITED);
        byte[] keyBytes = utf8(key);
        byte[] valueBytes = utf8(value);
        add(KIND_MAP_ENTRY, tag, pieceCount);
        addPiece(keyBytes);
        addPiece(valueBytes);
        int entrySize = entrySize(keyBytes, valueBytes);
        size += varintSize(tag) + varintSize(entrySize) + entrySize;
    }

    /** Empties the table for the next message, keeping its capacity and dropping the encoded strings. */
    void clear() {
        if (pieces.length > MAX_RETAINED_CAPACITY || tags.length > MAX_RETAINED_CAPACITY) {
            allocate(initialCapacity);
        } else {
            Arrays.fill(pieces, 0, pieceCount, null);
        }
        count = 0;
        pieceCount = 0;
        size = 0;
    }

    byte[] toByteArray() {
        byte[] out = new byte[size];
        int pos = 0;
        for (int i = 0; i < count; i++) {
            pos = writeVarint(out, pos, tags[i]);
            long value = values[i];
            switch (kinds[i]) {
                case KIND_VARINT -> pos = writeVarint(out, pos, value);
                case KIND_FIXED64 -> pos = writeFixed64(out, pos, value);
                case KIND_BYTES -> pos = writeBytes(out, pos, pieces[(int) value]);
                default -> {
                    byte[] key = pieces[(int) value];
                    byte[] mapValue = pieces[(int) value + 1];
                    pos = writeVarint(out, pos, entrySize(key, mapValue));
                    out[pos++] = MAP_KEY_TAG;
                    pos = writeBytes(out, pos, key);
                    out[pos++] = MAP_VALUE_TAG;
                    pos = writeBytes(out, pos, mapValue);
                }
            }
        }
        if (pos != size) {
            throw new IllegalStateException("wrote " + pos + " bytes, sized " + size);
        }
        return out;
    }

    private void presentString(int fieldNumber, String value) {
        int tag = tag(fieldNumber, WIRETYPE_LENGTH_DELIMITED);
        byte[] bytes = rememberedUtf8(fieldNumber, value);
        add(KIND_BYTES, tag, pieceCount);
        addPiece(bytes);
        size += varintSize(tag) + varintSize(bytes.length) + bytes.length;
    }

    private void varint(int fieldNumber, long value) {
        int tag = tag(fieldNumber, WIRETYPE_VARINT);
        add(KIND_VARINT, tag, value);
        size += varintSize(tag) + varintSize(value);
    }

    private void add(byte kind, int tag, long value) {
        if (count == tags.length) {
            int capacity = count * 2;
            kinds = Arrays.copyOf(kinds, capacity);
            tags = Arrays.copyOf(tags, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        kinds[count] = kind;
        tags[count] = tag;
        values[count] = value;
        count++;
    }

    private void addPiece(byte[] bytes) {
        if (pieceCount == pieces.length) {
            pieces = Arrays.copyOf(pieces, pieceCount * 2);
        }
        pieces[pieceCount++] = bytes;
    }

    private byte[] rememberedUtf8(int fieldNumber, String value) {
        if (fieldNumber >= REMEMBERED_FIELDS) {
            return utf8(value);
        }
        if (lastStrings[fieldNumber] == value) {
            return lastBytes[fieldNumber];
        }
        byte[] bytes = utf8(value);
        if (value.length() <= MAX_REMEMBERED_CHARS) {
            lastStrings[fieldNumber] = value;
            lastBytes[fieldNumber] = bytes;
        }
        return bytes;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static int entrySize(byte[] key, byte[] value) {
        return 1 + varintSize(key.length) + key.length + 1 + varintSize(value.length) + value.length;
    }

    private static int tag(int fieldNumber, int wireType) {
        return fieldNumber << 3 | wireType;
    }

    /** 1 byte per started 7 bits; 10 bytes for a negative value. */
    static int varintSize(long value) {
        return (63 - Long.numberOfLeadingZeros(value)) / 7 + 1;
    }

    private static int writeVarint(byte[] out, int pos, long value) {
        while ((value & ~0x7FL) != 0) {
            out[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[pos++] = (byte) value;
        return pos;
    }

    private static int writeFixed64(byte[] out, int pos, long bits) {
        for (int shift = 0; shift < Long.SIZE; shift += Byte.SIZE) {
            out[pos++] = (byte) (bits >>> shift);
        }
        return pos;
    }

    private static int writeBytes(byte[] out, int pos, byte[] bytes) {
        pos = writeVarint(out, pos, bytes.length);
        System.arraycopy(bytes, 0, out, pos, bytes.length);
        return pos + bytes.length;
    }
}
