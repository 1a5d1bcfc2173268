package dev.periscope.model.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.WireFormat;

import dev.periscope.model.v1.AccessEvent;

/**
 * Fails the build when access_event.proto gains a field that {@link AccessEventWriter} does not write, instead of
 * letting the field be dropped silently on the wire.
 */
class AccessEventWriterGuardTest {

    @Test
    void writerWritesEveryFieldOfTheProtoInFieldNumberOrder() throws IOException {
        byte[] bytes = AccessEventWriter.toByteArray(AccessEventSamples.everyFieldSet());

        List<Integer> written = fieldNumbersInOrder(bytes);
        Set<Integer> declared = new TreeSet<>();
        for (FieldDescriptor field : AccessEvent.getDescriptor().getFields()) {
            declared.add(field.getNumber());
        }
        Set<Integer> missing = new TreeSet<>(declared);
        missing.removeAll(written);
        Set<Integer> extra = new TreeSet<>(written);
        extra.removeAll(declared);

        assertThat(missing)
                .as("AccessEventWriter does not write field(s) %s of access_event.proto: add one line per field to "
                        + "AccessEventWriter.addFields at its field number's place (WireFields has a method per "
                        + "type; see event-model README, 'One-pass AccessEvent serialization')", missing)
                .isEmpty();
        assertThat(extra).as("AccessEventWriter writes field(s) %s the proto does not declare", extra).isEmpty();
        assertThat(written).as("fields in field-number order, as protobuf-java writes them").isSorted();
    }

    private static List<Integer> fieldNumbersInOrder(byte[] bytes) throws IOException {
        CodedInputStream input = CodedInputStream.newInstance(bytes);
        List<Integer> numbers = new ArrayList<>();
        for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
            int number = WireFormat.getTagFieldNumber(tag);
            if (numbers.isEmpty() || numbers.get(numbers.size() - 1) != number) {
                numbers.add(number);
            }
            input.skipField(tag);
        }
        return numbers;
    }
}
