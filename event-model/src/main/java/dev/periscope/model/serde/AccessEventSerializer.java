package dev.periscope.model.serde;

import dev.periscope.model.v1.AccessEvent;

/** The bytes of {@code toByteArray()}, written in one pass by {@link AccessEventWriter}. */
public class AccessEventSerializer extends ProtobufSerializer<AccessEvent> {
    @Override
    public byte[] serialize(String topic, AccessEvent value) {
        return value == null ? null : AccessEventWriter.toByteArray(value);
    }
}
