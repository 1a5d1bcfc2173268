package dev.periscope.model.serde;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

import dev.periscope.model.v1.AccessEvent;

/**
 * AccessEvents built from the descriptor, so a field added to the proto is covered without touching the tests:
 * edge values per field type, and seeded random events with every field randomly set or unset.
 */
final class AccessEventSamples {
    /** Char counts around protobuf-java's 42/43 fast-path boundary and the 127/128 length-prefix boundary. */
    private static final int[] STRING_LENGTHS = {0, 1, 2, 7, 16, 41, 42, 43, 44, 63, 64, 127, 128, 129, 300};
    private static final int[] LONG_STRING_LENGTHS = {16_384, 16_385, 20_000};
    private static final String[] CHAR_CLASSES = {
        "abcxyzABCXYZ0189-_./:?=&% ", // ASCII
        "\u0000\u0001\u001f\u007f", // controls, NUL
        "\u00e9\u00fc\u00df\u00ff\u0100\u07ff", // 2-byte UTF-8
        "\u0800\u4e2d\u6587\uffe5\ufffd\uffff", // 3-byte UTF-8
        "\ud83d\ude00\ud83c\udf0d\udbff\udfff\ud800\udc00", // 4-byte UTF-8: surrogate pairs only
        "\ud800\udbff\udc00\udfff", // lone surrogates: any one drawn alone is unpaired
    };
    static final int[] INT32_EDGES = {0, 1, -1, 127, 128, 16_383, 16_384, Integer.MAX_VALUE, Integer.MIN_VALUE};
    static final long[] INT64_EDGES = {0L, 1L, -1L, 127L, 128L, 1L << 35, 1_733_000_000_000L, Long.MAX_VALUE,
        Long.MIN_VALUE};
    static final double[] DOUBLE_EDGES = {0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_0001L),
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 12.5, -3.25};
    static final int[] ENUM_NUMBERS = {0, 1, 2, 3, 1000, -1, Integer.MIN_VALUE};
    static final List<String> STRING_EDGES = List.of("", "x", "a".repeat(42), "a".repeat(43), "\u00e9".repeat(64),
        "\u4e2d".repeat(43), "\ud83d\ude00".repeat(32), "a\ud800b", "\udc00", "tail\ud83d", "x".repeat(16_384));

    private AccessEventSamples() {
    }

    static List<FieldDescriptor> fields() {
        return AccessEvent.getDescriptor().getFields();
    }

    /** Every value worth trying for one field on its own (for a repeated or map field: a few elements). */
    static List<Object> edgeValues(FieldDescriptor field) {
        if (field.isMapField()) {
            return List.of(List.of(entry(field, "", "")), List.of(entry(field, "k", ""), entry(field, "", "v")),
                    List.of(entry(field, "geo.country", "DE"), entry(field, "\u4e2d", "\ud83d\ude00\ud800")));
        }
        if (field.isRepeated()) {
            return List.of(List.of(""), List.of("", "", ""), List.of("bearer", "\u00e9", "a".repeat(200)),
                    List.of("\ud800", "x".repeat(16_384)));
        }
        return switch (field.getJavaType()) {
            case STRING -> List.copyOf(STRING_EDGES);
            case INT -> Arrays.stream(INT32_EDGES).boxed().map(Object.class::cast).toList();
            case LONG -> Arrays.stream(INT64_EDGES).boxed().map(Object.class::cast).toList();
            case DOUBLE -> Arrays.stream(DOUBLE_EDGES).boxed().map(Object.class::cast).toList();
            case BOOLEAN -> List.of(false, true);
            case ENUM -> Arrays.stream(ENUM_NUMBERS).mapToObj(n -> (Object) enumValue(field, n)).toList();
            default -> throw unsupported(field);
        };
    }

    static AccessEvent withOnly(FieldDescriptor field, Object value) {
        AccessEvent.Builder builder = AccessEvent.newBuilder();
        set(builder, field, value);
        return builder.build();
    }

    /** Every field set to a value that is written (non-default), for the guard test. */
    static AccessEvent everyFieldSet() {
        AccessEvent.Builder builder = AccessEvent.newBuilder();
        for (FieldDescriptor field : fields()) {
            Object value;
            if (field.isMapField()) {
                value = List.of(entry(field, "k", "v"));
            } else if (field.isRepeated()) {
                value = List.of("x");
            } else {
                value = switch (field.getJavaType()) {
                    case STRING -> "x";
                    case INT -> 7;
                    case LONG -> 7L;
                    case DOUBLE -> 7.5;
                    case BOOLEAN -> true;
                    case ENUM -> enumValue(field, 1);
                    default -> throw unsupported(field);
                };
            }
            set(builder, field, value);
        }
        return builder.build();
    }

    /** Each field set with probability 1/2, to an edge value or a random one. */
    static AccessEvent random(Random random) {
        AccessEvent.Builder builder = AccessEvent.newBuilder();
        for (FieldDescriptor field : fields()) {
            if (random.nextBoolean()) {
                set(builder, field, randomValue(field, random));
            }
        }
        return builder.build();
    }

    private static Object randomValue(FieldDescriptor field, Random random) {
        if (field.isMapField()) {
            int size = random.nextInt(6);
            ArrayList<Message> entries = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                entries.add(entry(field, randomString(random), randomString(random)));
            }
            return entries;
        }
        if (field.isRepeated()) {
            int size = random.nextInt(5);
            ArrayList<String> values = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                values.add(randomString(random));
            }
            return values;
        }
        boolean edge = random.nextBoolean();
        return switch (field.getJavaType()) {
            case STRING -> randomString(random);
            case INT -> edge ? INT32_EDGES[random.nextInt(INT32_EDGES.length)] : random.nextInt();
            case LONG -> edge ? INT64_EDGES[random.nextInt(INT64_EDGES.length)] : random.nextLong();
            case DOUBLE -> edge ? DOUBLE_EDGES[random.nextInt(DOUBLE_EDGES.length)]
                    : Double.longBitsToDouble(random.nextLong());
            case BOOLEAN -> random.nextBoolean();
            case ENUM -> enumValue(field, ENUM_NUMBERS[random.nextInt(ENUM_NUMBERS.length)]);
            default -> throw unsupported(field);
        };
    }

    static String randomString(Random random) {
        int length = random.nextInt(100) < 2 ? LONG_STRING_LENGTHS[random.nextInt(LONG_STRING_LENGTHS.length)]
                : STRING_LENGTHS[random.nextInt(STRING_LENGTHS.length)];
        // mostly one class per string (the common case), sometimes mixed
        String only = random.nextInt(4) == 0 ? null : CHAR_CLASSES[random.nextInt(CHAR_CLASSES.length)];
        StringBuilder text = new StringBuilder(length + 1);
        int randomPart = Math.min(length, 1_000); // a long string repeats its random first 1,000 chars
        while (text.length() < randomPart) {
            String chars = only != null ? only : CHAR_CLASSES[random.nextInt(CHAR_CLASSES.length)];
            int at = random.nextInt(chars.length());
            if (Character.isHighSurrogate(chars.charAt(at)) && chars == CHAR_CLASSES[4]) {
                at &= ~1; // keep the pair together
                text.append(chars, at, at + 2);
            } else {
                text.append(chars.charAt(at));
            }
        }
        while (text.length() < length) {
            text.append(text, 0, Math.min(randomPart, length - text.length()));
        }
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    static void set(AccessEvent.Builder builder, FieldDescriptor field, Object value) {
        if (field.isRepeated()) {
            for (Object element : (List<Object>) value) {
                builder.addRepeatedField(field, element);
            }
        } else {
            builder.setField(field, value);
        }
    }

    private static Message entry(FieldDescriptor mapField, String key, String value) {
        Message.Builder entry = AccessEvent.newBuilder().newBuilderForField(mapField);
        entry.setField(entry.getDescriptorForType().findFieldByNumber(1), key);
        entry.setField(entry.getDescriptorForType().findFieldByNumber(2), value);
        return entry.build();
    }

    private static Object enumValue(FieldDescriptor field, int number) {
        return field.getEnumType().findValueByNumberCreatingIfUnknown(number);
    }

    private static IllegalStateException unsupported(FieldDescriptor field) {
        return new IllegalStateException("field " + field.getNumber() + " " + field.getName() + " has type "
                + field.getType() + ", which AccessEventSamples cannot fill yet: add samples for it here and a "
                + "method for it to WireFields");
    }
}
