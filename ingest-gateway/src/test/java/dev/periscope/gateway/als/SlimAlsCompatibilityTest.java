package dev.periscope.gateway.als;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;

import dev.periscope.gateway.als.slim.StreamAccessLogsMessage;

/**
 * The slim messages are a wire-compatible subset of Envoy's: every slim field exists in Envoy's message with the same
 * number, name, wire type and cardinality, recursively; enums keep Envoy's names and numbers. (A proto3 map is a
 * repeated key/value message on the wire, so Envoy's header maps match the slim {@code repeated HeaderEntry}.)
 */
class SlimAlsCompatibilityTest {

    @Test
    void everySlimFieldIsEnvoysFieldWithTheSameNumberNameAndWireType() {
        Set<String> checked = new HashSet<>();
        compare(StreamAccessLogsMessage.getDescriptor(),
                io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsMessage.getDescriptor(), checked);
        assertThat(checked).as("fields compared").hasSizeGreaterThan(60);
    }

    private static void compare(Descriptor slim, Descriptor envoy, Set<String> checked) {
        for (FieldDescriptor field : slim.getFields()) {
            String where = slim.getName() + "." + field.getName();
            FieldDescriptor theirs = envoy.findFieldByNumber(field.getNumber());
            assertThat(theirs).as("%s (#%d) in %s", where, field.getNumber(), envoy.getFullName()).isNotNull();
            assertThat(theirs.getName()).as(where).isEqualTo(field.getName());
            assertThat(theirs.isRepeated()).as("%s repeated", where).isEqualTo(field.isRepeated());
            assertThat(theirs.getLiteType().getWireType()).as("%s wire type", where)
                    .isEqualTo(field.getLiteType().getWireType());
            assertThat(theirs.getType()).as("%s type", where).isEqualTo(field.getType());
            assertThat(theirs.getRealContainingOneof() == null).as("%s in a oneof", where)
                    .isEqualTo(field.getRealContainingOneof() == null);
            if (!checked.add(slim.getFullName() + "#" + field.getNumber())) {
                continue;
            }
            if (field.getType() == FieldDescriptor.Type.MESSAGE) {
                compare(field.getMessageType(), theirs.getMessageType(), checked);
            } else if (field.getType() == FieldDescriptor.Type.ENUM) {
                compare(field.getEnumType(), theirs.getEnumType());
            }
        }
    }

    private static void compare(EnumDescriptor slim, EnumDescriptor envoy) {
        assertThat(slim.getValues()).hasSameSizeAs(envoy.getValues());
        for (EnumValueDescriptor value : slim.getValues()) {
            assertThat(envoy.findValueByNumber(value.getNumber()).getName()).as(slim.getName())
                    .isEqualTo(value.getName());
        }
    }
}
